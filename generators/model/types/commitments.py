"""承诺事项: public commitments (公开承诺, 民生实事, 幸福要事) and their dated progress."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator

from ...load.errors import ErrorReport
from ..fields import (
    Date,
    Id,
    Ids,
    Line,
    Model,
    Number,
    Progress,
    Qualifier,
    Record,
    Ref,
    Source,
    Text,
    Url,
    Weight,
    _fail,
)
from ..migrations import OLD_COMMITMENT_KINDS
from ..periods import FuzzyDate, Period, fuzzy_bounds
from .base import RecordType


class Official(Model):
    """一位署名负责的干部。"""

    name: Line
    """姓名。"""
    title: Line | None = None
    """职务，如“副县长”。"""


class Indicator(Model):
    """一项事项用来衡量完成情况的指标，如“新建幸福院 15 个”。"""

    name: Line
    """指标名称，如“新建农村幸福院”。"""
    unit: Line
    """单位，如个、名、场、条、件、平方米、万元、%、个/千人。"""
    kind: Literal["数量", "金额", "比率"] = "数量"
    """指标类别：数量（个、人、场……）、金额（万元）或比率（%，如筛查率）。"""
    target: Number | None = None
    """目标值；常态化事项或公告没写目标的不写。"""
    cumulative: bool = True
    """每次报告的是累计完成数（通常如此）；是则数值不应比上期小。"""
    over_allowed: bool = True
    """允许超额完成（完成率超过 100%）。"""


class Figure(Model):
    """同一事项的另一个数字，如托位数之外的“每千人托位数 3.88”。"""

    name: Line
    """数字的名称。"""
    value: Number
    """数值。"""
    unit: Line
    """单位。"""


class PlaceFigure(Model):
    """分地区的一行：某个区县（镇街）的目标和完成数。"""

    place: Annotated[Id, Ref("place")]
    """地方的编号。"""
    target: Number | None = None
    """该地的目标值。"""
    actual: Number | None = None
    """该地的完成数；没报告的不写。"""
    qualifier: Qualifier | None = None
    """报道对该地完成数的限定词：多、余、约、以上、近。"""
    status: Line | None = None
    """该地的状态词，如“推进缓慢”。"""


class Update(Model):
    """一条带日期的进展；某一天的状态取这一天及以前最新的一条。"""

    date: Date
    """报告这一进展的日期（月报写截止日，如 2025-09-30）。"""
    period: Period | None = None
    """属于哪一期通报，如 2025-09；与“成果”记录的 period 对应。"""
    status: Line
    """状态，须是 data/site.yaml 或所属工作项目中列出的状态之一，如“推进中”“已完成”。"""
    actual: Number | None = None
    """指标的完成数（累计），如 8；与事项的 indicator 对应。"""
    qualifier: Qualifier | None = None
    """报道对完成数的限定词：多、余、约、以上。"""
    progress: Progress | None = None
    """进度百分比（0 到 100），只在公告只给百分比时写；有 actual 和目标时自动计算。"""
    rate: Number | None = None
    """公告写明的完成率（%），如 53 或 100.27；写了就核对并按它的小数位显示。"""
    expected: FuzzyDate | None = None
    """预计完成时间，如 2025-10底前。"""
    reason: Line | None = None
    """滞后原因，一句话。"""
    figures: list[Figure] = []
    """同一事项的其他数字。"""
    breakdown: list[PlaceFigure] = []
    """分地区的目标和完成数。"""
    note: Text | None = None
    """用一句话说明做了什么。"""
    source: Source | None = None
    """这条进展的来源。"""


class Evidence(Model):
    """能证明工作进展的公开材料：公告、图片页、验收报告等。"""

    title: Line
    """材料名称。"""
    url: Url
    """材料的网页地址。"""


def _kind(value: object) -> object:
    if isinstance(value, str) and value.strip() in OLD_COMMITMENT_KINDS:
        raise _fail("kind_moved", "kind 现在写事项性质：项目、政策或常态化；"
                    "“{value}”这类清单名称请写在工作项目的 list_name "
                    "(kind is now 项目/政策/常态化; the list's name belongs to the programme)",
                    value=value.strip())
    return value


class Commitment(Record):
    """一项公开承诺（民生实事、幸福要事……）及其后公布的全部进展。"""

    title: Line
    """承诺的事项，一行写完，如“新建农村幸福院”。"""
    number: Line | None = None
    """公布时的序号，如 5（第五项）；子项写 5-1。"""
    kind: Annotated[Literal["项目", "政策", "常态化"], BeforeValidator(_kind)] = "项目"
    """事项性质：项目（有实物进度）、政策（没有实物进度）、常态化（长期开展，没有年度目标，不计入完成数）。"""
    programme: Annotated[Id, Ref("programme")]
    """所属工作项目的编号。"""
    also_in: Annotated[Ids, Ref("programme")] = []
    """同一事项也列在其他工作项目（如省、市的民生实事清单）中时，写那些工作项目的编号。"""
    unit: Annotated[Id | None, Ref("unit")] = None
    """牵头单位的编号；公告没写的不写。"""
    partners: Annotated[Ids, Ref("unit")] = []
    """配合单位的编号。"""
    lead_official: Official | None = None
    """牵头领导（姓名和职务）。"""
    owner: Official | None = None
    """项目责任人。"""
    places: Annotated[Ids, Ref("place")] = []
    """涉及地方的编号；涉及全县（市）的不写。"""
    category: Line | None = None
    """公布的类别，如便民利民、交通出行、基础设施、环境改善。"""
    description: Text | None = None
    """用几句话说明具体内容。"""
    indicator: Indicator | None = None
    """衡量完成情况的指标：名称、单位、目标。"""
    start: FuzzyDate | None = None
    """开始时间，如 2025-01-01 或 2025-03。"""
    due: FuzzyDate | None = None
    """承诺完成的期限，如 2025-12-31 或 2025-10底前。"""
    parent: Annotated[Id | None, Ref("commitment")] = None
    """所属上级事项的编号；上级事项的进度由各子项汇总。"""
    weight: Weight | None = None
    """在上级事项汇总中的权重（如子任务数）；不写按 1 计。"""
    evidence: list[Evidence] = []
    """佐证材料列表。"""
    history: list[Update] = []
    """带日期的进展记录，按日期先后排列；有新进展时在末尾新增一条，不要改旧的。"""
    source: Source | None = None
    """承诺的公开来源；写了日期的，网站从这一天起公开这项承诺（连同它的子项）。"""

    @property
    def recurring(self) -> bool:
        return self.kind == "常态化"

    @property
    def published_on(self) -> dt.date | None:
        """The day the item was made public (its source's date), if known: a site built as of
        an earlier day leaves it out (see ``Dataset.published``)."""
        return self.source.date if self.source else None

    def due_bounds(self) -> tuple[dt.date, dt.date] | None:
        return fuzzy_bounds(self.due) if self.due else None

    def start_bounds(self) -> tuple[dt.date, dt.date] | None:
        return fuzzy_bounds(self.start) if self.start else None

    def current(self, as_of: dt.date) -> Update | None:
        """The newest update on or before ``as_of``."""
        state = None
        for update in self.history:
            if update.date > as_of:
                break
            state = update
        return state


def check_dates(item: Commitment, dataset, report: ErrorReport) -> None:
    if item.start and item.due and fuzzy_bounds(item.due)[1] < fuzzy_bounds(item.start)[0]:
        dataset.error(report, item, ("due",),
                      f"完成期限 {item.due} 早于开始日期 {item.start} (due before start)")
    for index in range(1, len(item.history)):
        before, update = item.history[index - 1], item.history[index]
        if update.date < before.date:
            dataset.error(report, item, ("history", index, "date"),
                          f"更新日期 {update.date} 早于上一条 {before.date}，请按日期先后排列 "
                          "(updates out of date order)")


def check_statuses(item: Commitment, dataset, report: ErrorReport) -> None:
    programme = dataset.get("programme", item.programme)
    if not dataset.site.known("statuses") or (
            programme is None and dataset.unsure("programme", item.programme)):
        return  # the words allowed are not known: data/site.yaml or the programme is in error
    known = [*dataset.site.status_labels(), *(s.label for s in (programme.statuses if programme else []))]
    for index, update in enumerate(item.history):
        if update.status not in known:
            dataset.error(report, item, ("history", index, "status"),
                          f"未知状态 '{update.status}'，可用：{'、'.join(known)} (unknown status)")


def check_parent_cycle(item: Commitment, dataset, report: ErrorReport) -> None:
    """Report a cycle once, at its member with the smallest id."""
    chain = [item.id]
    parent = item.parent
    while parent and parent not in chain:
        chain.append(parent)
        record = dataset.get("commitment", parent)
        parent = record.parent if record else None
    if parent == item.id and item.id == min(chain):
        dataset.error(report, item, ("parent",),
                      f"上级关系形成循环：{' → '.join([*chain, item.id])} (parent cycle)")


TYPE = RecordType(name="commitment", label="承诺事项", folder="commitments", order=60, model=Commitment,
                  checks=(check_dates, check_statuses, check_parent_cycle))
