"""承诺事项: public commitments (公开承诺, 民生实事, 幸福要事) and their dated progress."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ...load.errors import ErrorReport
from ..fields import Date, Id, Ids, Line, Model, Progress, Record, Ref, Source, Text, Url, Weight
from .base import RecordType


class Update(Model):
    """一条带日期的进展；某一天的状态取这一天及以前最新的一条。"""

    date: Date
    """报告这一进展的日期。"""
    status: Line
    """状态，须是 data/site.yaml 中列出的状态之一，如“推进中”“已完成”。"""
    progress: Progress | None = None
    """进度百分比（0 到 100）；不写则取该状态的默认进度。"""
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


class Commitment(Record):
    """一项公开承诺及其后公布的全部进展。"""

    title: Line
    """承诺的事项，一行写完，如“黎明村新建停车场”。"""
    kind: Literal["公开承诺", "民生实事", "幸福要事"]
    """类型：公开承诺、民生实事或幸福要事。"""
    programme: Annotated[Id, Ref("programme")]
    """所属工作项目的编号。"""
    unit: Annotated[Id, Ref("unit")]
    """责任单位的编号。"""
    places: Annotated[Ids, Ref("place")] = []
    """涉及地方的编号；涉及全市的不写。"""
    category: Line | None = None
    """公布的类别，如便民利民、交通出行、基础设施、环境改善。"""
    description: Text | None = None
    """用几句话说明具体内容。"""
    start: Date | None = None
    """开始日期。"""
    due: Date | None = None
    """承诺完成的期限。"""
    parent: Annotated[Id | None, Ref("commitment")] = None
    """所属上级事项的编号；上级事项的进度由各子项汇总。"""
    weight: Weight | None = None
    """在上级事项汇总中的权重（如子任务数）；不写按 1 计。"""
    evidence: list[Evidence] = []
    """佐证材料列表。"""
    history: list[Update] = []
    """带日期的进展记录，按日期先后排列；有新进展时在末尾新增一条，不要改旧的。"""
    source: Source | None = None
    """承诺的公开来源。"""

    def current(self, as_of: dt.date) -> Update | None:
        """The newest update on or before ``as_of``."""
        state = None
        for update in self.history:
            if update.date > as_of:
                break
            state = update
        return state


def check_dates(item: Commitment, dataset, report: ErrorReport) -> None:
    if item.start and item.due and item.due < item.start:
        dataset.error(report, item, ("due",),
                      f"完成期限 {item.due} 早于开始日期 {item.start} (due before start)")
    for index in range(1, len(item.history)):
        before, update = item.history[index - 1], item.history[index]
        if update.date < before.date:
            dataset.error(report, item, ("history", index, "date"),
                          f"更新日期 {update.date} 早于上一条 {before.date}，请按日期先后排列 "
                          "(updates out of date order)")


def check_statuses(item: Commitment, dataset, report: ErrorReport) -> None:
    known = dataset.site.status_labels()
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
