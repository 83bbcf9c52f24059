"""项目/工作: named programmes that group commitments, tours and results."""

from __future__ import annotations

from typing import Annotated

from ..fields import Date, Id, Line, Record, Ref, Source, Text
from .base import RecordType


class Programme(Record):
    """一项有名称的工作，如“村社巡察”“共享社·幸福里”。"""

    name: Line
    """公开发布时使用的名称，如“城镇老旧小区改造”。"""
    unit: Annotated[Id, Ref("unit")]
    """牵头单位的编号。"""
    summary: Text
    """用通俗的话说明这项工作做什么。"""
    started: Date | None = None
    """开始日期。"""
    sources: list[Source] = []
    """关于这项工作的公开报道或文件。"""


TYPE = RecordType(name="programme", label="工作项目", folder="programmes", order=30, model=Programme)
