"""责任单位: the bodies that make commitments, run tours and staff hotlines."""

from __future__ import annotations

from typing import Annotated

from ..fields import Id, Line, Record, Ref, Text, Url
from .base import RecordType


class Unit(Record):
    """责任单位：部门、党委、巡察组等。"""

    name: Line
    """正式名称，如“市住建局”“市委第一农村专项巡察组”。"""
    place: Annotated[Id | None, Ref("place")] = None
    """单位所在地方（县、镇街或村社）的编号。没写地方的承诺和热线只出现在这里及其下属地方的页面上；站点有几个县时要写。"""
    website: Url | None = None
    """单位的官方网页地址。"""
    note: Text | None = None
    """用一两句话说明单位的职责。"""


TYPE = RecordType(name="unit", label="责任单位", folder="units", order=20, model=Unit)
