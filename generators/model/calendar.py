"""法定节假日和调休上班日: the State Council's holiday table, year by year, kept as data in
``data/site.yaml`` (``calendar:``) so that staff add each year's table when it is announced.

"Answered now" for lines staffed on 工作日 needs it: 1 May 2020 was a holiday (a Friday), Sunday
26 April 2020 a working day. A day in a year the table does not list is *unknown*: the site says
so rather than guessing.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from .fields import Count, Line, Model, _date, _fail, _line


def _days(value: Any) -> tuple[dt.date, ...]:
    """``2020-05-01`` or a range ``2020-05-01~2020-05-05`` → the days it covers."""
    text = _line(value).replace("～", "~").replace("至", "~")
    first, _, last = text.partition("~")
    start = _date(first.strip())
    end = _date(last.strip()) if last else start
    if end < start or (end - start).days > 31:
        raise _fail("day_range", "日期范围应从早到晚、最长一个月，如 2020-05-01~2020-05-05 (invalid range), "
                    "实际是 '{value}'", value=text)
    return tuple(start + dt.timedelta(days=n) for n in range((end - start).days + 1))


Days = Annotated[tuple[dt.date, ...], BeforeValidator(_days),
                 WithJsonSchema({"type": "string", "examples": ["2020-05-01~2020-05-05", "2020-04-26"]})]


class CalendarYear(Model):
    """一年的放假安排（国务院办公厅通知）。"""

    year: Count
    """年份，如 2020。"""
    holidays: list[Days]
    """放假的日期，可写范围，如 2020-05-01~2020-05-05。"""
    workdays: list[Days] = []
    """调休上班的周末日期，如 2020-04-26。"""
    source: Line | None = None
    """通知名称，如“国务院办公厅关于2020年部分节假日安排的通知”。"""


def working_day(day: dt.date, calendar: list[CalendarYear]) -> bool | None:
    """Whether ``day`` is a working day; None when the table does not cover its year."""
    entry = next((c for c in calendar if c.year == day.year), None)
    if entry is None:
        return None
    if any(day in days for days in entry.workdays):
        return True
    if any(day in days for days in entry.holidays):
        return False
    return day.isoweekday() <= 5
