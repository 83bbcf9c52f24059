"""地方: 镇/街道 and the 村/社区 in them, a hierarchy by ``parent``."""

from __future__ import annotations

from typing import Annotated, Literal

from ..chains import check_parent_cycle
from ..fields import Id, Line, Record, Ref, Text
from .base import RecordType


class Place(Record):
    """一个地方：市、镇、街道、乡、村、社区或小区。"""

    name: Line
    """居民习惯写的全称，如“湖岭镇”“大同村”。"""
    kind: Literal["省", "市", "县", "区", "镇", "街道", "乡", "村", "社区", "小区", "学区", "学校"]
    """地方类别：省、市、县、区、镇、街道、乡、村、社区、小区、学区或学校。"""
    area_code: Line | None = None
    """电话区号，如 0577；公告里不带区号的 7、8 位本地号码按它补全。"""
    parent: Annotated[Id | None, Ref("place")] = None
    """上级地方的编号（村的上级是所在镇）；最上级的地方不写。"""
    aliases: list[Line] = []
    """居民可能搜索的其他名称，如旧称、简称。"""
    note: Text | None = None
    """关于这个地方需要让居民知道的说明。"""


def _order(place: Place) -> tuple[str, str]:
    return (place.parent or "", place.id)


def check_cycle(place: Place, dataset, report) -> None:
    check_parent_cycle(place, dataset, report, "place")


TYPE = RecordType(name="place", label="地方", folder="places", order=10, model=Place, sort_key=_order,
                  checks=(check_cycle,))
