"""成果与通报: what a programme reports for a period (a month, a span, a quarter, a cut-off day):
its figures, the counts it states, its objection period, and the bulletin itself."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ...load.errors import ErrorReport
from ..fields import Count, Date, Id, Line, LocalPhone, Model, Number, Qualifier, Record, Ref, Source, Text
from ..periods import Period, period_bounds
from .base import RecordType


class Indicator(Model):
    """一项公布的指标。"""

    name: Line
    """指标名称，如“解决纠纷”。"""
    value: Number
    """数值，只写数字，如 310、93.22。"""
    unit: Line
    """单位，如件、个、项、%。"""
    target: Number | None = None
    """目标值（如有）。"""
    qualifier: Qualifier | None = None
    """报道对数字的限定词：“310 多件”写“多”，“约 30 个”写“约”，“近 200 人”写“近”。"""
    rollup_of: Annotated[Id | None, Ref("commitment")] = None
    """完成率类指标：写上级承诺事项的编号，检查时核对此数值与各子项汇总的进度一致。"""
    note: Line | None = None
    """对数值的简短说明。"""


class StatusCount(Model):
    """通报按状态归类的事项数，如“3 项提前完成”。"""

    status: Line
    """状态词，须是所属工作项目或网站设置中的状态，如“提前完成”。"""
    count: Count
    """事项数。"""


class Stated(Model):
    """通报自己写明的汇总数字；网站按各事项的记录核对，不一致就报错。"""

    total: Count | None = None
    """事项总数，如 30。"""
    done: Count | None = None
    """已完成的事项数，如 19。"""
    recurring: Count | None = None
    """常态化事项数，如 3。"""
    sub_items: Count | None = None
    """子项总数（“N 件，含 M 个子项”中的 M）。"""
    by_status: list[StatusCount] = []
    """按状态归类的事项数，如“3 项提前完成，4 项正常推进”。"""


class Objection(Model):
    """公示期：公布结果后，群众可以在几天内书面或电话提出异议。"""

    start: Date
    """公示开始日期。"""
    end: Date
    """公示结束日期。"""
    how: Text
    """怎样提出异议，如“以书面或电话形式向县民生办反映，书面材料须署真实姓名”。"""
    office: Line
    """受理异议的办公室。"""
    address: Line | None = None
    """办公地址。"""
    contact: Line | None = None
    """联系人。"""
    phone: LocalPhone | None = None
    """联系电话；旧公告只写 7、8 位本地号码的，须在地方设置 area_code，或直接写上区号。"""


class Bulletin(Source):
    """发布这期通报的公文或报道。"""

    date: Date | None = None
    """发布日期。网站从这一天起公开这期通报（提前合并的，当天的每日构建自动发布）；不写则从截至日起公开。"""
    issuer: Line | None = None
    """发布机关，如“肥东县民生工程领导小组办公室”。"""
    kind: Literal["公示", "通报", "公告", "新闻"] | None = None
    """文件类别：公示、通报、公告或新闻报道。"""
    signed: Date | None = None
    """成文（落款）日期。"""
    portal: Line | None = None
    """发布的网站或栏目，如“县政府信息公开网·民生工程”。"""


class Result(Record):
    """一项工作在一期（月、季、半年、全年或截至某日）公布的进展和成果。"""

    programme: Annotated[Id, Ref("programme")]
    """工作项目的编号。"""
    period: Period
    """期间：月 2025-09，累计 2025-01/09（1—9月），半年 2025-H1，季度 2025-Q3，全年 2025，
    截至某日 截至2025-06-29。"""
    indicators: list[Indicator] = []
    """公布的各项汇总指标。"""
    stated: Stated | None = None
    """通报写明的事项数（总数、已完成、常态化、按状态归类），网站会按事项记录核对。"""
    objection: Objection | None = None
    """公示期及提出异议的方式。"""
    narrative: Text | None = None
    """用几句话说明本期的情况。"""
    source: Bulletin
    """发布这期通报的公文或报道：名称、发布机关、类别、日期、网址。"""

    @property
    def cutoff(self) -> dt.date:
        """The day the figures are as of: the period's last day (截至 …)."""
        return period_bounds(self.period)[1]

    @property
    def published_on(self) -> dt.date:
        """The day the public may see it: the bulletin's date, else its cut-off day (no bulletin
        comes out before the day its figures are as of). See ``Dataset.published``."""
        return self.source.date or self.cutoff


def check_unique_period(result: Result, dataset, report: ErrorReport) -> None:
    for other in dataset.all("result"):
        if other is result:
            return
        if other.programme == result.programme and other.period == result.period:
            dataset.error(report, result, ("period",),
                          f"{result.programme} 的 {result.period} 已有成果记录 '{other.id}' "
                          "(a result for this programme and quarter exists)")
            return


def _order(result: Result) -> tuple[str, str]:
    return (result.period, result.id)


TYPE = RecordType(name="result", label="进展通报", folder="results", order=70, model=Result,
                  checks=(check_unique_period,), sort_key=_order)
