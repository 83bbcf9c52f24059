"""巡察: inspection tours, each with groups, target places, hotlines and a report deadline."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from ...load.errors import ErrorReport
from ..fields import Date, Email, Id, Ids, Line, Model, Phone, Record, Ref, Source, Text
from ..schedule import Hours
from .base import RecordType


class Group(Model):
    """一个巡察组及其被巡察的村社。"""

    name: Line
    """巡察组名称，如“市委第一农村专项巡察组”。"""
    unit: Annotated[Id, Ref("unit")]
    """这个巡察组对应的责任单位编号。"""
    places: Annotated[Ids, Ref("place")]
    """被巡察村社的编号列表。"""
    hotline: Phone
    """公布的举报电话。"""


class Channels(Model):
    """除各组举报电话外，巡察期间群众反映问题的渠道。"""

    email: Email | None = None
    """本轮巡察的电子邮箱。"""
    mailbox: Line | None = None
    """意见箱的设置位置。"""
    reception: Hours
    """受理时间，如工作日 08:30-11:30 和 14:00-17:30。"""


class Tour(Record):
    """一轮巡察。"""

    title: Line
    """居民看到的名称，如“2020年第一轮村社巡察”。"""
    programme: Annotated[Id, Ref("programme")]
    """所属工作项目的编号，如 cunshe-xuncha。"""
    round: Line
    """公布的轮次，如“2020年第一轮”。"""
    start: Date
    """巡察组进驻日期。"""
    end: Date
    """巡察结束日期。"""
    deadline: Date
    """受理截止日期，须在巡察期间内。"""
    scope: Text
    """受理范围。"""
    channels: Channels
    """电子邮箱、意见箱和受理时间。"""
    groups: list[Group]
    """各巡察组，每组写明被巡察村社和举报电话。"""
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
