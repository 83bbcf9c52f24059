"""The layout of the monthly progress sheet, shared by ``template`` (writes it) and ``import``
(reads it back).

Row 1 holds, in the hidden, locked id column, a marker naming the programme and the period; a
sheet is found by this marker, never by its name, so staff may rename it. Rows 2 and 3 are the
header (group headers merged over their columns); every row below is one item, identified by its
id in the marker's column. Columns are found by their header text, so merged or moved header
cells do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = "#进度填报表"
MARKER_RE = re.compile(re.escape(MARKER) + r"\s+programme=(\S+)(?:\s+period=(\S+))?")
HEADER_ROWS = 3
FIRST_ROW = HEADER_ROWS + 1


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    group: str = ""
    width: int = 12
    input: bool = False
    kind: str = "text"
    """text, number, percent, date, status: how the template formats it and import reads it."""


COLUMNS: tuple[Column, ...] = (
    Column("id", "事项ID", width=4),
    Column("number", "序号", width=6),
    Column("title", "事项", width=36),
    Column("unit", "牵头单位", width=14),
    Column("indicator", "指标", width=14),
    Column("indicator_unit", "计量单位", width=8),
    Column("target", "目标", width=10, kind="number"),
    Column("last_date", "日期", "上期报告", width=11),
    Column("last_actual", "完成数", "上期报告", width=10, kind="number"),
    Column("last_progress", "进度", "上期报告", width=8, kind="percent"),
    Column("last_status", "状态", "上期报告", width=9),
    Column("actual", "完成数", "本期填报", width=10, input=True, kind="number"),
    Column("progress", "进度", "本期填报", width=8, input=True, kind="percent"),
    Column("status", "状态", "本期填报", width=10, input=True, kind="status"),
    Column("date", "报告日期", "本期填报", width=12, input=True, kind="date"),
    Column("expected", "预计完成", "本期填报", width=14, input=True),
    Column("reason", "滞后原因", "本期填报", width=24, input=True),
    Column("note", "情况说明", "本期填报", width=36, input=True),
)
BY_KEY = {c.key: c for c in COLUMNS}
INPUTS = tuple(c for c in COLUMNS if c.input)


def label(column: Column) -> str:
    """How an error names the column: 本期填报·完成数."""
    return f"{column.group}·{column.header}" if column.group else column.header


def marker(programme_id: str, period: str | None) -> str:
    return f"{MARKER} programme={programme_id}" + (f" period={period}" if period else "")
