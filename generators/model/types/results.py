"""季度成果: figures a programme reports for a quarter."""

from __future__ import annotations

from typing import Annotated, Literal

from ...load.errors import ErrorReport
from ..fields import Id, Line, Model, Number, Period, Record, Ref, Source, Text
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
    qualifier: Literal["多", "余", "约", "以上"] | None = None
    """报道对数字的限定词：“310 多件”写“多”，“约 30 个”写“约”。"""
    rollup_of: Annotated[Id | None, Ref("commitment")] = None
    """完成率类指标：写上级承诺事项的编号，检查时核对此数值与各子项汇总的进度一致。"""
    note: Line | None = None
    """对数值的简短说明。"""


class Result(Record):
    """一项工作在一个季度公布的成果。"""

    programme: Annotated[Id, Ref("programme")]
    """工作项目的编号。"""
    period: Period
    """季度，写成 YYYY-Qn，如 2023-Q2。"""
    indicators: list[Indicator]
    """公布的各项指标。"""
    narrative: Text | None = None
    """用几句话说明本季度的情况。"""
    source: Source
    """数字的来源。"""


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


TYPE = RecordType(name="result", label="季度成果", folder="results", order=70, model=Result,
                  checks=(check_unique_period,), sort_key=_order)
