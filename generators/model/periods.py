"""Report periods and fuzzy dates, written the way bulletins write them.

A period is a month (``2025-09``), a cumulative span (``2025-01/09``, "1—9月"), a half year
(``2025-H1``), a quarter (``2025-Q3``), a year (``2025``) or a cut-off day (``截至2025-06-29``).
A fuzzy date is a day, a month, or part of one (``2025-10下旬``, ``2025-10底前``). Both are kept
as canonical text (what the downloads and the editor schema show) and give a Chinese label as
published and precise first/last days for computing.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

from .fields import _fail, _line, _year_in_range

_NUMERALS = "一二三四"
_HALVES = {"上半年": 1, "下半年": 2}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _year(text: str, value: str) -> int:
    year = int(text)
    _year_in_range(year, value)  # the same bounds as every date
    return year


def _month(text: str, value: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        raise _fail("month_range", "月份应在 1 到 12 之间 (no such month), 实际是 '{value}'", value=value)
    return month


def _day(year: int, month: int, day: str, value: str) -> dt.date:
    try:
        return dt.date(year, month, int(day))
    except ValueError:
        raise _fail("date_value", "日期不存在 (no such date): '{value}'", value=value) from None


_PERIOD_FORMS = [
    # canonical forms first, then the Chinese ones bulletins print
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-(\d{2})/(\d{2})"), "span"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"截至(\d{4})-(\d{2})-(\d{2})"), "cutoff"),
    (re.compile(r"(\d{4})年(\d{1,2})月份?"), "month"),
    (re.compile(r"(\d{4})年(\d{1,2})\s*[-—–－~至到]\s*(\d{1,2})月份?"), "span"),
    (re.compile(r"(\d{4})年(上半年|下半年)"), "half"),
    (re.compile(r"(\d{4})年第([一二三四1-4])季度"), "quarter"),
    (re.compile(r"(\d{4})年度?"), "year"),
    (re.compile(r"截[至止](\d{4})年(\d{1,2})月(\d{1,2})日"), "cutoff"),
]


def _period(value: Any) -> str:
    """Any accepted way of writing a period → its canonical text."""
    text = _line(value).replace(" ", "")
    for pattern, kind in _PERIOD_FORMS:
        if m := pattern.fullmatch(text):
            year = _year(m[1], text)
            if kind == "month":
                return f"{year}-{_month(m[2], text):02d}"
            if kind == "span":
                first, last = _month(m[2], text), _month(m[3], text)
                if first >= last:
                    raise _fail("span_order", "累计期间应从较早的月份到较晚的月份，如 2025-01/09 "
                                "(span must run forwards), 实际是 '{value}'", value=text)
                return f"{year}-{first:02d}/{last:02d}"
            if kind == "half":
                return f"{year}-H{_HALVES.get(m[2], m[2])}"
            if kind == "quarter":
                number = _NUMERALS.index(m[2]) + 1 if m[2] in _NUMERALS else int(m[2])
                return f"{year}-Q{number}"
            if kind == "year":
                return f"{year}"
            day = _day(year, _month(m[2], text), m[3], text)
            return f"截至{day.isoformat()}"
    raise _fail(
        "period_format",
        "期间写法不对：月份 2025-09，累计 2025-01/09，半年 2025-H1，季度 2025-Q3，全年 2025，"
        "截止日 截至2025-06-29 (expected a period), 实际是 '{value}'",
        value=text,
    )


Period = Annotated[str, BeforeValidator(_period), WithJsonSchema({
    "type": "string", "examples": ["2025-09", "2025-01/09", "2025-H1", "2025-Q3", "2025", "截至2025-06-29"]})]
"""A report period: 2025-09 (month), 2025-01/09 (1—9月), 2025-H1, 2025-Q3, 2025, 截至2025-06-29."""


def period_kind(period: str) -> str:
    """'month', 'span', 'half', 'quarter', 'year' or 'cutoff' for a canonical period."""
    if period.startswith("截至"):
        return "cutoff"
    if "/" in period:
        return "span"
    if "-H" in period:
        return "half"
    if "-Q" in period:
        return "quarter"
    return "month" if "-" in period else "year"


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day a canonical period covers (a cut-off day counts from 1 January)."""
    kind, year = period_kind(period), int(period[2:6] if period.startswith("截至") else period[:4])
    if kind == "month":
        month = int(period[5:7])
        return dt.date(year, month, 1), _month_end(year, month)
    if kind == "span":
        return dt.date(year, int(period[5:7]), 1), _month_end(year, int(period[8:10]))
    if kind == "half":
        half = int(period[-1])
        return dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half)
    if kind == "quarter":
        quarter = int(period[-1])
        return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    day = dt.date.fromisoformat(period[2:])
    return dt.date(day.year, 1, 1), day


def period_label(period: str) -> str:
    """The period as a bulletin prints it: 2025年9月, 2025年1—9月, 2025年上半年 …"""
    kind, (first, last) = period_kind(period), period_bounds(period)
    if kind == "month":
        return f"{first.year}年{first.month}月"
    if kind == "span":
        return f"{first.year}年{first.month}—{last.month}月"
    if kind == "half":
        return f"{first.year}年{'上' if first.month == 1 else '下'}半年"
    if kind == "quarter":
        return f"{first.year}年第{_NUMERALS[(first.month - 1) // 3]}季度"
    if kind == "year":
        return f"{first.year}年"
    return f"截至{last.year}年{last.month}月{last.day}日"


# Fuzzy dates ---------------------------------------------------------------------------------

_PARTS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31), "底前": (1, 31),
          "前": (1, 31), "": (1, 31)}
_FUZZY_FORMS = [
    re.compile(r"(\d{4})-(\d{2})-(\d{2})()"),
    re.compile(r"(\d{4})-(\d{2})()(上旬|中旬|下旬|底前|底|前)?"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日()"),
    re.compile(r"(\d{4})年(\d{1,2})月()(上旬|中旬|下旬|底前|底|前)?"),
]


def _fuzzy(value: Any) -> str:
    text = _line(value).replace(" ", "")
    for pattern in _FUZZY_FORMS:
        if m := pattern.fullmatch(text):
            year, month = _year(m[1], text), _month(m[2], text)
            if m[3]:
                return _day(year, month, m[3], text).isoformat()
            return f"{year}-{month:02d}{m[4] or ''}"
    raise _fail(
        "fuzzy_date_format",
        "日期写法不对：可写 2025-10-31、2025-10、2025-10上旬/中旬/下旬、2025-10底前 "
        "(expected a date or a part of a month), 实际是 '{value}'",
        value=text,
    )


FuzzyDate = Annotated[str, BeforeValidator(_fuzzy), WithJsonSchema({
    "type": "string", "examples": ["2025-10-31", "2025-10", "2025-10下旬", "2025-10底前"]})]
"""A day (2025-10-31), a month (2025-10) or part of one (2025-10上旬/中旬/下旬, 2025-10底前)."""


@functools.cache  # pure, and asked for every item on every page that shows 序时进度
def fuzzy_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day a fuzzy date may mean: "10月下旬" is 21 to 31 October."""
    if len(text) == 10 and text[7] == "-":
        day = dt.date.fromisoformat(text)
        return day, day
    year, month, part = int(text[:4]), int(text[5:7]), text[7:]
    first, last = _PARTS[part]
    end = _month_end(year, month)
    return dt.date(year, month, first), min(end, dt.date(year, month, min(last, end.day)))


def fuzzy_label(text: str) -> str:
    """As a bulletin writes it: 2025年10月底前, 2025年4月下旬, 2025年10月31日."""
    if len(text) == 10 and text[7] == "-":
        day = dt.date.fromisoformat(text)
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{int(text[:4])}年{int(text[5:7])}月{text[7:]}"
