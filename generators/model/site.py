"""The site's settings, read from ``data/site.yaml``: names, the status vocabulary, policies."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import BeforeValidator, PrivateAttr

from .calendar import CalendarYear
from .fields import Email, Line, Model, Phone, Progress, Text, _fail, _number


def _count(value: object) -> int:
    """A positive whole number: a count of days or of rows."""
    number = _number(value)
    if not isinstance(number, int) or number < 1:
        raise _fail("count", "应为正整数，如 180 (expected a positive whole number), 实际是 '{value}'",
                    value=str(value))
    return number


Tone = Literal["planned", "ahead", "active", "late", "done", "stopped"]
"""What a status word means: not started, ahead of schedule, on schedule, behind, done, stopped."""


class Status(Model):
    """承诺事项可以使用的一种状态。"""

    label: Line
    """工作人员填写、居民看到的状态名称，如“推进中”。"""
    progress: Progress | None = None
    """进展没写进度时采用的默认进度（如已完成为 100）；没有默认值的不写。"""
    tone: Tone
    """含义：planned 未开始、ahead 超前、active 正常推进、late 滞后、done 完成、stopped 停止。"""


class Site(Model):
    """整个网站的设置。"""

    #: Keys staff might expect here that belong elsewhere, with the message that says where.
    NOT_HERE: ClassVar[dict[str, str]] = {
        "site_url": "网站地址不在这里填写：它由发布方式决定（GitHub Pages 自动提供，其他发布方式用环境变量 "
                    "SITE_URL），请删除这一行 (site_url belongs to the deployment, not to data/site.yaml)",
    }

    title: Line
    """网站名称，显示在每一页。"""
    region: Line
    """网站覆盖的市县，如“瑞安市”。"""
    description: Text
    """首页上介绍本站的一两句话。"""
    sample_notice: Text | None = None
    """如果填写，每一页都会提示数据为样例，并显示这段文字。"""
    statuses: list[Status]
    """承诺事项可以使用的状态，按通常的先后顺序。"""
    official_numbers: list[Phone] = []
    """作为官方渠道公开的手机号码；其他手机号码一律不允许出现在数据中。"""
    email_domains: list[Line] = []
    """如果填写，所有电子邮箱都必须属于这些域名之一。"""
    stale_after_days: Annotated[int, BeforeValidator(_count)] = 180
    """联系方式超过这么多天未核实，就列为需要核实。"""
    upcoming_days: Annotated[int, BeforeValidator(_count)] = 30
    """巡察开始前这么多天起，首页列为“即将开始”；更早公布的巡察只在巡察栏目列出。"""
    contact: Email | None = None
    """居民就本站本身提意见的邮箱。"""
    schedule_tolerance: Annotated[int, BeforeValidator(_count)] = 5
    """序时进度：进度比按时间应达到的进度低（或高）超过这么多个百分点，才算滞后（或超前）。"""
    calendar: list[CalendarYear] = []
    """法定节假日和调休上班日，每年一条；每年国务院公布后补上。没有登记的年份，网站不判断“现在是否接听”。"""
    rows_per_page: Annotated[int, BeforeValidator(_count)] = 200
    """一个列表最多列出多少项；超过时按镇街、村社分成几页，手机上也不会太长。"""

    #: Settings that failed validation in data/site.yaml: they hold a placeholder or the default,
    #: and the checks that depend on them are not run (see :func:`known`).
    _unknown: frozenset[str] = PrivateAttr(default=frozenset())

    def known(self, setting: str) -> bool:
        """Whether ``setting`` holds what data/site.yaml says (or its default): False while it is
        in error there, and then the checks that depend on it are not run."""
        return setting not in self._unknown

    def status_labels(self) -> list[str]:
        return [s.label for s in self.statuses]

    def status(self, label: str) -> Status:
        return next(s for s in self.statuses if s.label == label)
