"""The only clock the generator reads: ``--as-of``, else today in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    return dt.datetime.now(TIMEZONE).date()


def parse_as_of(text: str | None) -> dt.date:
    if not text:
        return today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"--as-of 应为 YYYY-MM-DD 格式的日期 (expected a date), 实际是 '{text}'") from None
