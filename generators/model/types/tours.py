"""巡察: inspection tours, each with groups, target places, hotlines and a report deadline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BeforeValidator

from ...load.errors import ErrorReport
from ..channels import Channel, hours_or_always
from ..fields import Date, Id, Line, Model, NonEmpty, NonEmptyIds, Record, Ref, Source, Text
from ..schedule import Hours
from .base import RecordType


class Group(Model):
    """一个巡察组及其巡察对象。"""

    name: Line
    """巡察组名称，如“县委第一巡察组”。"""
    unit: Annotated[Id | None, Ref("unit")] = None
    """这个巡察组对应的责任单位编号（如有）。"""
    places: Annotated[NonEmptyIds, Ref("place")]
    """巡察对象的编号：镇、村、社区、学区或学校。"""
    targets: Line | None = None
    """公告对巡察对象的概括，如“城关镇党委及所辖 26 个村（社区）”。"""
    channels: list[Channel] = []
    """本组的值班电话、信箱、电子邮箱等。"""


class Tour(Record):
    """一轮巡察。"""

    title: Line
    """居民看到的名称，如“2024年第六轮巡察”。"""
    programme: Annotated[Id, Ref("programme")]
    """所属工作项目的编号，如 cunshe-xuncha。"""
    round: Line
    """公布的轮次，如“第六轮”。"""
    start: Date
    """巡察组进驻日期。"""
    end: Date
    """巡察结束日期。"""
    deadline: Date
    """受理截止日期，须在巡察期间内。"""
    scope: Text
    """受理范围：反映哪些人和哪些问题。"""
    referred: Text | None = None
    """不由巡察组处理、转交有关部门的事项，如个人诉求、涉法涉诉问题。"""
    hours: Annotated[Hours | None, BeforeValidator(hours_or_always)] = None
    """各组电话的受理时间，如工作日 08:30-11:30；公告没写的不写，网站显示“未公布”。"""
    channels: list[Channel] = []
    """全轮共用的渠道：网上举报平台、意见箱、统一邮箱等。"""
    groups: NonEmpty[Group]
    """各巡察组，每组写明巡察对象和本组的渠道。"""
    dates_note: Text | None = None
    """如公告只写了“4月下旬”等，在这里说明日期的准确程度。"""
    source: Source
    """发布本轮巡察的公告或报道。"""

    def state(self, as_of: dt.date) -> str:
        """'upcoming', 'active' (accepting reports) or 'closed', on the given day."""
        if as_of < self.start:
            return "upcoming"
        return "active" if as_of <= self.deadline else "closed"

    def places(self) -> list[str]:
        return [p for group in self.groups for p in group.places]

    def all_channels(self) -> list[Channel]:
        return [*(c for g in self.groups for c in g.channels), *self.channels]


def check_dates(tour: Tour, dataset, report: ErrorReport) -> None:
    if tour.end < tour.start:
        dataset.error(report, tour, ("end",),
                      f"结束日期 {tour.end} 早于开始日期 {tour.start} (end before start)")
    elif not tour.start <= tour.deadline <= tour.end:
        dataset.error(report, tour, ("deadline",),
                      f"受理截止日期 {tour.deadline} 不在巡察期间 {tour.start} 至 {tour.end} 内 "
                      "(deadline outside the tour)")


def check_groups(tour: Tour, dataset, report: ErrorReport) -> None:
    seen: dict[str, int] = {}
    for index, group in enumerate(tour.groups):
        for pos, place in enumerate(group.places):
            if place in seen and seen[place] != index:
                dataset.error(report, tour, ("groups", index, "places", pos),
                              f"'{place}' 已分配给第 {seen[place] + 1} 组 "
                              "(place already in another group)")
            seen[place] = index


def _order(tour: Tour) -> tuple[dt.date, str]:
    return (tour.start, tour.id)


TYPE = RecordType(name="tour", label="巡察", folder="tours", order=50, model=Tour,
                  checks=(check_dates, check_groups), sort_key=_order)
