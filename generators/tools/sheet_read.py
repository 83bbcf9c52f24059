"""Read a filled-in progress sheet (.xlsx, or .csv as Excel saves it) into rows of cells, each
with its address ``FILE!SHEET!CELL`` for error messages.

Sheets are found by the marker the template puts in the id column (see ``sheet_layout``), so a
renamed sheet is still found; columns by their header text, with merged header cells read as
the value of their first cell. Formulas are read as the value Excel saved with the file and
never evaluated; a formula without a saved value is refused. A CSV is UTF-8 (with or without
BOM) or, failing that, GBK/GB18030 — what Excel writes on a Chinese Windows.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from . import sheet_cells
from . import sheet_layout as layout


class SheetError(Exception):
    """The file as a whole cannot be read (not a spreadsheet, no progress sheet in it)."""


@dataclass(frozen=True)
class Cell:
    value: Any
    address: str
    percent_format: bool = False
    formula: str | None = None
    """The formula text when the cell holds a formula without a saved value."""


@dataclass
class Row:
    number: int
    cells: dict[str, Cell]

    def blank(self, keys: tuple[str, ...]) -> bool:
        return all(sheet_cells.is_blank(self.cells[k].value) and self.cells[k].formula is None
                   for k in keys if k in self.cells)


@dataclass
class Sheet:
    file: str
    name: str
    programme: str
    period: str | None
    id_header: str
    """Address of the id column's header: where a missing row is reported."""
    rows: list[Row] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Labels of the columns the sheet lacks."""


def read(path: Path) -> list[Sheet]:
    if path.suffix.lower() == ".csv":
        grid = _csv_grid(path.read_bytes())
        return [s for s in [_sheet(path.name, path.stem, grid)] if s is not None]
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise SheetError(f"{path.name}: 只能导入 .xlsx 或 .csv 文件 (expected .xlsx or .csv)")
    try:
        values = load_workbook(path, data_only=True)
        # Reading a workbook twice doubles the time: the formulas only when a sheet has any.
        formulas = load_workbook(path, data_only=False) if _has_formulas(path) else values
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SheetError(f"{path.name}: 无法读取这个 Excel 文件（{type(exc).__name__}）；"
                         "请在 Excel 中另存为 .xlsx 后再导入 (not a readable .xlsx)") from None
    sheets = []
    for sheet in values.worksheets:
        grid = _xlsx_grid(sheet, formulas[sheet.title])
        found = _sheet(path.name, sheet.title, grid)
        if found is not None:
            sheets.append(found)
    return sheets


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        sheets = (archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))
        return any(b"<f>" in xml or b"<f " in xml for xml in sheets)


Grid = dict[tuple[int, int], Cell]


def _xlsx_grid(sheet, formula_sheet) -> Grid:
    grid: Grid = {}
    for row in sheet.iter_rows():
        for cell in row:
            formula = None
            if cell.value is None and formula_sheet is not sheet:
                # Empty in the values but not in the formulas: a formula Excel never computed.
                raw = formula_sheet.cell(cell.row, cell.column).value
                if raw is not None:
                    formula = raw if isinstance(raw, str) else getattr(raw, "text", None) or "=…"
            if cell.value is None and formula is None:
                continue
            grid[(cell.row, cell.column)] = Cell(cell.value, "", "%" in (cell.number_format or ""), formula)
    # A merged range shows its first cell's value across the whole range.
    for merged in sheet.merged_cells.ranges:
        anchor = grid.get((merged.min_row, merged.min_col))
        if anchor is None:
            continue
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                grid.setdefault((row, col), anchor)
    return grid


def _csv_grid(raw: bytes) -> Grid:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # gb18030 decodes any byte string; kept for the type checker
        raise SheetError("无法识别文件编码")
    grid: Grid = {}
    for r, values in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
        for c, value in enumerate(values, 1):
            if value != "":
                grid[(r, c)] = Cell(value, "")
    return grid


def _sheet(file: str, name: str, grid: Grid) -> Sheet | None:
    found = next(((r, c, match) for (r, c), cell in sorted(grid.items()) if r <= 10
                  and (match := layout.MARKER_RE.match(sheet_cells.text(cell.value)))), None)
    if found is None:
        return None
    top, id_col, match = found
    where = f"{file}!{name}!"
    columns = _columns(grid, top, id_col)
    sheet = Sheet(file, name, match.group(1), match.group(2),
                  f"{where}{get_column_letter(id_col)}{top + 1}")
    sheet.missing = [layout.label(c) for c in layout.COLUMNS
                     if c.key not in columns and (c.input or c.key == "id")]
    last_row = max((r for r, _ in grid), default=top)
    for r in range(top + layout.HEADER_ROWS, last_row + 1):
        cells = {}
        for key, c in columns.items():
            cell = grid.get((r, c), Cell(None, ""))
            cells[key] = Cell(cell.value, f"{where}{get_column_letter(c)}{r}", cell.percent_format,
                              cell.formula)
        sheet.rows.append(Row(r, cells))
    # Trailing blank rows (and blank rows in between) carry nothing.
    sheet.rows = [row for row in sheet.rows if not row.blank(tuple(row.cells))]
    return sheet


def _columns(grid: Grid, top: int, first: int) -> dict[str, int]:
    """Header text → column: row top+1 holds groups (or ungrouped names), row top+2 names."""
    wanted = {(c.group, c.header): c.key for c in layout.COLUMNS}
    last_col = max((c for _, c in grid), default=first)
    found: dict[str, int] = {}
    group = ""
    for col in range(first, last_col + 1):
        upper = sheet_cells.text(grid.get((top + 1, col), Cell(None, "")).value)
        lower = sheet_cells.text(grid.get((top + 2, col), Cell(None, "")).value)
        if upper:
            group = upper
        if not lower or lower == upper:
            key = wanted.get(("", upper))
            group = "" if key else group
        else:
            key = wanted.get((group, lower))
        if key and key not in found:
            found[key] = col
    return found
