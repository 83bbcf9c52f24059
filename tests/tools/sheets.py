"""Helpers for the spreadsheet tests: the fixture dataset, and a sheet saved as CSV the way
Excel saves it (displayed values: a percent cell as 93%, a date as 2025/9/30)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet

from ..conftest import MINI_DATA, ROOT

SHEETS = ROOT / "tests" / "fixtures" / "sheets"
PERIOD = "2025-09"
AS_OF = "2025-10-09"


def sheets_data(target: Path) -> Path:
    """The small fixture dataset with the monthly programme added, as ``target``."""
    shutil.copytree(MINI_DATA, target)
    shutil.copytree(SHEETS / "data", target, dirs_exist_ok=True)
    return target


def excel_csv(sheet: Worksheet, encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in sheet.iter_rows():
        writer.writerow([_displayed(c.value, c.number_format) for c in row])
    return out.getvalue().encode(encoding)


def _displayed(value: object, number_format: str) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, (int, float)) and "%" in number_format:
        return f"{value * 100:g}%"
    return str(value)
