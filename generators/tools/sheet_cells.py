"""Cell values as staff type them, read into numbers, percentages, dates and text.

A cell arrives as what openpyxl or the CSV reader gives: a number, a date, text, or None, with
the cell's number format (a percent-formatted cell holds 0.95 for 95 %). Full-width digits and
signs are folded (NFKC), thousands separators dropped; anything else that is not plainly a
number is refused with a message naming what was found — never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any


class CellError(ValueError):
    """A cell that cannot be read; the message is Chinese and names the value."""


_NUMBER = re.compile(r"[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
#: Excel's day 0 for serial dates (the 1900 leap-year bug makes 1899-12-30, not 12-31).
EXCEL_EPOCH = dt.date(1899, 12, 30)


def text(value: Any) -> str:
    """The cell as one line of text, NFC-normalised, spaces trimmed ('' when empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def is_blank(value: Any) -> bool:
    return text(value) == ""


def _tidy(number: float) -> float:
    # 0.95 * 100 is 94.99999999999999 in binary floating point: keep the decimals a person typed.
    rounded = round(number, 9)
    return int(rounded) if float(rounded).is_integer() else rounded


def number(value: Any, *, percent_format: bool = False) -> tuple[float, bool]:
    """(the number, whether it was written as a percentage). '1,170' and '１１７０' are 1170;
    '95%' is (95, True); 0.95 in a percent-formatted cell is (95, True)."""
    if isinstance(value, bool):
        raise CellError(f"应为数字，实际是 '{value}'")
    if isinstance(value, (int, float)):
        return (_tidy(value * 100), True) if percent_format else (_tidy(value), False)
    if isinstance(value, (dt.date, dt.datetime)):
        raise CellError(f"应为数字，实际是日期 '{value:%Y-%m-%d}'")
    written = text(value)
    folded = unicodedata.normalize("NFKC", written).replace(" ", "").replace("，", ",")
    is_percent = folded.endswith("%")
    core = folded.rstrip("%")
    if not _NUMBER.fullmatch(core):
        raise CellError(f"应为数字，如 1170、1,170 或 95%，实际是 '{written}'")
    return _tidy(float(core.replace(",", ""))), is_percent


def percent(value: Any, *, percent_format: bool = False) -> float:
    """A percentage in points: '95%', 95, and 0.95 in a percent-formatted cell are all 95."""
    figure, _ = number(value, percent_format=percent_format)
    return figure


_DATE_FORMS = (
    re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"),
)


def date(value: Any) -> dt.date:
    """A day: a date cell, an Excel serial number (45930), or text such as 2025-09-30,
    2025/9/30 or 2025年9月30日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value, str(value))
    written = text(value)
    folded = unicodedata.normalize("NFKC", written).replace(" ", "")
    if re.fullmatch(r"\d{5}(\.0+)?", folded):
        return _serial(float(folded), written)
    for form in _DATE_FORMS:
        match = form.fullmatch(folded)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                raise CellError(f"日期不存在：'{written}'") from None
    raise CellError(f"日期格式应为 2025-09-30，实际是 '{written}'")


def _serial(serial: float, written: str) -> dt.date:
    # 20000 … 80000 is 1954 … 2119: anything outside is a figure typed into the wrong column.
    if not 20000 <= serial <= 80000 or not float(serial).is_integer():
        raise CellError(f"日期格式应为 2025-09-30，实际是 '{written}'")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))
