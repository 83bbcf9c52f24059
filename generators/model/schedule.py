"""Weekly opening hours, written the way notices write them: ``工作日 08:30-11:30``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema, model_validator

from .fields import Model, Text, _fail, _line

WEEKDAYS = "一二三四五六日"
NAMED_DAYS = {"每天": range(1, 8), "工作日": range(1, 6), "周末": range(6, 8)}
#: 工作日 means Monday to Friday unless the holiday table says otherwise (see calendar.py).
WORKDAYS = tuple(range(1, 6))
_DAY = r"(?:周|星期)([一二三四五六日天])"


def _days(value: Any) -> tuple[int, ...]:
    text = _line(value)
    if text in NAMED_DAYS:
        return tuple(NAMED_DAYS[text])
    days: set[int] = set()
    for part in re.split(r"[、,，]\s*", text):
        if m := re.fullmatch(_DAY + r"\s*(?:至|到|-)\s*" + _DAY, part):
            first, last = (WEEKDAYS.index(d.replace("天", "日")) + 1 for d in m.groups())
            if first > last:
                break
            days.update(range(first, last + 1))
        elif m := re.fullmatch(_DAY, part):
            days.add(WEEKDAYS.index(m.group(1).replace("天", "日")) + 1)
        else:
            break
    else:
        return tuple(sorted(days))
    raise _fail(
        "days_format",
        "日期范围写法不对：可写 每天、工作日、周末、周一至周五、周一、周三 (invalid days), 实际是 '{value}'",
        value=text,
    )


def _times(value: Any) -> tuple[dt.time, dt.time]:
    text = _line(value).replace("：", ":").replace("－", "-").replace("—", "-")
    m = re.fullmatch(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})", text)
    try:
        start = dt.time(int(m[1]), int(m[2])) if m else None
        end = dt.time(int(m[3]), int(m[4])) if m and m[3] != "24" else dt.time(23, 59)
    except ValueError:
        start = None
    if start is None or end <= start:
        raise _fail(
            "time_format",
            "时间段写法应为 08:30-11:30，且结束晚于开始 (expected HH:MM-HH:MM), 实际是 '{value}'",
            value=text,
        )
    return start, end


# Written as text in YAML, held as tuples: the JSON Schema says what staff write.
Days = Annotated[tuple[int, ...], BeforeValidator(_days),
                 PlainSerializer(lambda days: days_label(days), return_type=str, when_used="json"),
                 WithJsonSchema({"type": "string", "examples": ["工作日", "每天", "周一至周五"]})]
Times = Annotated[tuple[dt.time, dt.time], BeforeValidator(_times),
                  PlainSerializer(lambda t: f"{t[0]:%H:%M}-{t[1]:%H:%M}", return_type=str, when_used="json"),
                  WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}$",
                                  "examples": ["08:30-11:30"]})]


class Slot(Model):
    """每周的一段接听或受理时间。"""

    days: Days
    """哪些天：每天、工作日（周一至周五）、周末、周一至周五、周一、周三等。"""
    time: Times
    """这些天的起止时间，如 08:30-11:30。"""

    def label(self) -> str:
        return f"{self.days_text()} {self.time_text()}"

    def days_text(self) -> str:
        return days_label(self.days)

    def time_text(self) -> str:
        return f"{self.time[0]:%H:%M}-{self.time[1]:%H:%M}"


class Hours(Model):
    """有人接听或受理的时间：每周时段，加上节假日等例外说明；或者全天。"""

    slots: list[Slot] = []
    """每周的时段，每段写一条。"""
    always: bool = False
    """全天接听（24 小时）。在渠道里直接写 hours: 全天 即可。"""
    note: Text | None = None
    """例外情况，如“法定节假日除外”。"""

    @model_validator(mode="after")
    def _some_hours(self) -> Hours:
        if not self.slots and not self.always:
            raise _fail("hours_empty", "接听时间须写至少一个时段，或写“全天”；不知道就整项不写 "
                        "(hours need a slot or 全天; leave hours out when unknown)")
        return self

    def open_at(self, moment: dt.datetime, working: bool | None = None) -> dt.time | None | str:
        """If open at ``moment`` (local time), the time it closes (23:59 for 全天); else None.

        ``working``: whether the day is a working day by the holiday table (None: not known).
        Slots on 工作日 follow the table (holidays closed, make-up Saturdays and Sundays open);
        'unknown' when such a slot decides and the table does not cover the day.
        """
        if self.always:
            return dt.time(23, 59)
        day, now = moment.isoweekday(), moment.time()
        for slot in self.slots:
            if not slot.time[0] <= now < slot.time[1]:
                continue
            if slot.days == WORKDAYS:
                if working is None:
                    return "unknown"
                if working:
                    return slot.time[1]
            elif day in slot.days:
                return slot.time[1]
        return None

    def label(self) -> str:
        return "全天" if self.always else "；".join(slot.label() for slot in self.slots)


def days_label(days: tuple[int, ...]) -> str:
    for name, span in NAMED_DAYS.items():
        if days == tuple(span):
            return name
    if len(days) > 2 and days == tuple(range(days[0], days[-1] + 1)):
        return f"周{WEEKDAYS[days[0] - 1]}至周{WEEKDAYS[days[-1] - 1]}"
    return "、".join(f"周{WEEKDAYS[d - 1]}" for d in days)
