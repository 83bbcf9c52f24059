"""热线: phone lines residents can call, with the hours they are staffed."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from ...load.errors import ErrorReport
from ..channels import Channel, hours_or_always
from ..fields import Date, Email, Id, Ids, Line, NonEmpty, Record, Ref, Source, Text
from ..schedule import Hours
from .base import RecordType


class Hotline(Record):
    """一条公开的电话热线：服务热线、举报电话、7171 党群服务热线等。"""

    name: Line
    """热线名称，如“12345 政务服务便民热线”。"""
    type: Literal["举报", "服务", "咨询", "求助", "投诉"]
    """用途：举报、服务、咨询、求助或投诉。"""
    channels: NonEmpty[Channel]
    """号码和其他渠道，主号码写在最前；传真写 kind: 传真（网站不会把它显示成可拨打的号码）。"""
    unit: Annotated[Id, Ref("unit")]
    """接听单位的编号。"""
    places: Annotated[Ids, Ref("place")] = []
    """服务地方的编号；服务全县（全市）的不写，按接听单位所在地方算。"""
    hours: Annotated[Hours | None, BeforeValidator(hours_or_always)] = None
    """接听时间，如工作日 08:30-17:30；24 小时接听的写“全天”；不知道的不写，网站显示“未公布”。"""
    email: Email | None = None
    """配套的电子邮箱。"""
    valid_from: Date | None = None
    """启用日期。"""
    valid_to: Date | None = None
    """停用日期；长期有效的不写。"""
    verified: Date
    """工作人员最近一次核实号码可以打通、接听时间正确的日期。"""
    note: Text | None = None
    """来电者需要知道的其他说明。"""
    source: Source | None = None
    """号码的公开来源。"""


def check_dates(hotline: Hotline, dataset, report: ErrorReport) -> None:
    if hotline.valid_from and hotline.valid_to and hotline.valid_to < hotline.valid_from:
        dataset.error(report, hotline, ("valid_to",),
                      f"停用日期早于启用日期 (valid_to before valid_from): {hotline.valid_to}")


def is_stale(hotline: Hotline, as_of, stale_after_days: int) -> bool:
    """In service on ``as_of`` but not verified for more than ``stale_after_days`` days."""
    in_service = not hotline.valid_to or hotline.valid_to >= as_of
    return in_service and (as_of - hotline.verified).days > stale_after_days


def check_verified(hotline: Hotline, dataset, report: ErrorReport) -> None:
    if not dataset.site.known("stale_after_days"):
        return
    days = dataset.site.stale_after_days
    if is_stale(hotline, dataset.as_of, days):
        dataset.error(report, hotline, ("verified",),
                      f"已超过 {days} 天未核实（上次 {hotline.verified}），"
                      "请打电话核实号码和接听时间后更新此日期 (contact not verified recently)", warning=True)


TYPE = RecordType(name="hotline", label="热线电话", folder="hotlines", order=40, model=Hotline,
                  checks=(check_dates, check_verified))
