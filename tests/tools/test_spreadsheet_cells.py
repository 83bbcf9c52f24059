"""Cells as staff type them, read from a real .xlsx written by openpyxl: thousands separators,
full-width digits, percentages typed or formatted, Excel serial dates, formulas with the value
Excel saved."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generators.tools import sheet_cells
from generators.tools.import_sheet import NEEDS_MODEL
from generators.tools.sheet_read import read
from generators.views import figures

from ..conftest import run_cli
from .sheets import AS_OF, PERIOD, sheets_data


@pytest.fixture
def template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    data = sheets_data(tmp_path / "data")
    target = tmp_path / "t.xlsx"
    assert run_cli(capsys, "template", "monthly", "--period", PERIOD, "-o", target,
                   "--data", data, "--as-of", AS_OF)[0] == 0
    return data, target


def _with_cached_value(path: Path, cell: str, formula: str, value: str) -> None:
    """What Excel writes for a formula cell: the formula and the value it computed on saving
    (openpyxl writes formulas without a value)."""
    with zipfile.ZipFile(path) as source:
        members = {i.filename: source.read(i.filename) for i in source.infolist()}
    name = next(n for n in members if n.startswith("xl/worksheets/sheet")
                and formula.encode() in members[n])
    members[name] = re.sub(rf'(<c r="{cell}"[^>]*>)<f>{re.escape(formula)}</f><v\s*/?>(</v>)?'.encode(),
                           rf"\g<1><f>{formula}</f><v>{value}</v>".encode(), members[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, data in members.items():
            target.writestr(member, data)


def test_messy_cells_from_a_real_workbook(template: tuple[Path, Path], tmp_path: Path) -> None:
    _, path = template
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[2]
    sheet["L4"], sheet["L5"], sheet["L6"] = "1,170", "１１７０", 1170
    sheet["M4"], sheet["M5"], sheet["M6"] = "95%", 0.95, "９５％"
    sheet["O4"], sheet["O5"], sheet["O6"] = 45930, dt.datetime(2025, 9, 30), "2025年9月30日"
    sheet["L7"] = "=1000+170"
    book.save(tmp_path / "f.xlsx")
    _with_cached_value(tmp_path / "f.xlsx", "L7", "1000+170", "1170")
    (found,) = read(tmp_path / "f.xlsx")
    rows = {row.number: row.cells for row in found.rows}
    for r in (4, 5, 6, 7):
        cell = rows[r]["actual"]
        assert cell.formula is None
        assert sheet_cells.number(cell.value, percent_format=cell.percent_format) == (1170, False), r
    for r in (4, 5, 6):
        cell = rows[r]["progress"]
        assert sheet_cells.percent(cell.value, percent_format=cell.percent_format) == 95, r
        assert sheet_cells.date(rows[r]["date"].value) == dt.date(2025, 9, 30), r


@pytest.mark.parametrize(("written", "message"), [
    ("约1000", "应为数字，如 1170、1,170 或 95%，实际是 '约1000'"),
    ("1,17", "应为数字，如 1170、1,170 或 95%，实际是 '1,17'"),
    ("", "应为数字，如 1170、1,170 或 95%，实际是 ''"),
    (True, "应为数字，实际是 'True'"),
])
def test_what_is_not_a_number(written: object, message: str) -> None:
    with pytest.raises(sheet_cells.CellError) as caught:
        sheet_cells.number(written)
    assert str(caught.value) == message


@pytest.mark.parametrize(("written", "message"), [
    ("2025-02-30", "日期不存在：'2025-02-30'"),
    ("9月底", "日期格式应为 2025-09-30，实际是 '9月底'"),
    (1170, "日期格式应为 2025-09-30，实际是 '1170'"),
])
def test_what_is_not_a_date(written: object, message: str) -> None:
    with pytest.raises(sheet_cells.CellError) as caught:
        sheet_cells.date(written)
    assert str(caught.value) == message


def test_actual_figures_follow_the_data_model(template: tuple[Path, Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Until the model stores an update's actual figure (issue 14), a figure is refused, not
    dropped; once it does, it is written."""
    data, path = template
    book = openpyxl.load_workbook(path)
    book.worksheets[2]["L5"] = "1,170"
    book.worksheets[2]["N5"] = "推进中"
    book.save(tmp_path / "9月.xlsx")
    code, _, err = run_cli(capsys, "import", tmp_path / "9月.xlsx", "--data", data, "--as-of", AS_OF)
    if figures.update_has("actual"):
        assert code == 0, err
        assert "      actual: 1170\n" in (data / "commitments" / "monthly.yaml").read_text(encoding="utf-8")
    else:
        assert code == 1
        assert err.splitlines()[0] == f"9月.xlsx!2025年民生实事!L5: 本期填报·完成数: {NEEDS_MODEL}"
