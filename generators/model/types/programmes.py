"""项目/工作: named programmes that group commitments, tours and results."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from ..fields import (
    FIRST_YEAR,
    LAST_YEAR,
    Date,
    Id,
    Line,
    Model,
    Progress,
    Record,
    Ref,
    Source,
    Text,
    _fail,
    _number,
)
from ..site import Tone
from .base import RecordType


def _year(value: object) -> int | None:
    if value is None:  # left out (as JSON writes it)
        return None
    year = _number(value)
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise _fail("year", "年度应为四位数的年份，如 2025 (expected a year), 实际是 '{value}'",
                    value=str(value))
    return year


class ProgrammeStatus(Model):
    """工作项目自己的状态词，如“提前完成”“推进缓慢”，以及它的含义。"""

    label: Line
    """通报里用的状态词。"""
    tone: Tone
    """含义：ahead（超前）、active（正常推进）、late（滞后）、done（完成）、planned（未开始）、stopped（停止）。"""
    progress: Progress | None = None
    """进展没写进度时采用的默认进度（如完成为 100）。"""


class Programme(Record):
    """一项有名称的工作，如“村社巡察”“2025年民生实事”。"""

    name: Line
    """公开发布时使用的名称，如“2025年33项民生实事”。"""
    level: Literal["省", "市", "县", "镇", "村"] | None = None
    """哪一级的清单：省、市、县（含县级市、区）、镇（含乡、街道）、村（含社区）。"""
    year: Annotated[int | None, BeforeValidator(_year)] = None
    """清单的年度，如 2025；跨年度的工作不写。"""
    list_name: Line | None = None
    """这份清单自己对事项的叫法，如“民生实事”“民生工程”“为民办实事”“幸福要事”。"""
    unit: Annotated[Id | None, Ref("unit")] = None
    """牵头单位的编号；公告没写的不写。"""
    statuses: list[ProgrammeStatus] = []
    """这项工作的通报使用的状态词（在网站设置的状态之外）。"""
    summary: Text
    """用通俗的话说明这项工作做什么。"""
    started: Date | None = None
    """开始日期。"""
    sources: list[Source] = []
    """关于这项工作的公开报道或文件。"""


TYPE = RecordType(name="programme", label="工作项目", folder="programmes", order=30, model=Programme)
