"""``import``: one fixture per wrong input (a filled-in sheet saved as CSV by Excel) with the exact
lines it must print, each naming FILE!SHEET!CELL; nothing is written when any cell is wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from generators.tools import import_sheet
from generators.tools.sheet_read import Cell

from ..conftest import run_cli
from .sheets import AS_OF, PERIOD, SHEETS, sheets_data

INVALID = SHEETS / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return sheets_data(tmp_path / "data")


@pytest.mark.parametrize("case", CASES)
def test_wrong_cell(case: str, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "input.csv"
    shutil.copyfile(INVALID / case / "input.csv", source)
    before = _hashes(data)
    code, out, err = run_cli(capsys, "import", source, "--data", data, "--as-of", AS_OF)
    expected = (INVALID / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    lines = [line for line in err.splitlines() if line.startswith("input.csv!")]
    assert lines == expected, err
    assert code == 1
    assert f"发现 {len(expected)} 个错误" in err and "数据文件未改动" in err
    assert out == ""
    assert _hashes(data) == before
    assert "Traceback" not in err


def test_a_formula_without_a_saved_value_is_refused(data: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "t.xlsx"
    assert run_cli(capsys, "template", "monthly", "--period", PERIOD, "-o", template,
                   "--data", data, "--as-of", AS_OF)[0] == 0
    book = openpyxl.load_workbook(template)
    sheet = book["2025年民生实事"]
    sheet["M7"] = "=J7+0.1"  # written by openpyxl: no cached value, as if never opened in Excel
    book.save(tmp_path / "9月.xlsx")
    before = _hashes(data)
    code, _, err = run_cli(capsys, "import", tmp_path / "9月.xlsx", "--data", data, "--as-of", AS_OF)
    assert err.splitlines()[0] == ("9月.xlsx!2025年民生实事!M7: 本期填报·进度: 公式 =J7+0.1 "
                                   "没有保存计算结果：请在 Excel 中打开、保存后再导入（本程序不计算公式）")
    assert code == 1
    assert _hashes(data) == before


def test_a_file_without_a_progress_sheet(data: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "随便一个表格"
    book.save(tmp_path / "other.xlsx")
    code, _, err = run_cli(capsys, "import", tmp_path / "other.xlsx", "--data", data, "--as-of", AS_OF)
    assert code == 1
    assert err.startswith("other.xlsx: 没有找到进展填报表")
    code, _, err = run_cli(capsys, "import", tmp_path / "nope.xlsx", "--data", data, "--as-of", AS_OF)
    assert code == 1 and err == f"{tmp_path / 'nope.xlsx'}: 找不到这个文件 (no such file)\n"
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    code, _, err = run_cli(capsys, "import", tmp_path / "broken.xlsx", "--data", data, "--as-of", AS_OF)
    assert code == 1 and err.startswith("broken.xlsx: 无法读取这个 Excel 文件")


def _item(**indicator: object) -> SimpleNamespace:
    """An item shaped as issue 14's model: an indicator and updates with actual figures."""
    history = [SimpleNamespace(date=dt.date(2025, 8, 31), actual=120, status="推进中")]
    return SimpleNamespace(id="x", indicator=SimpleNamespace(**indicator), history=history)


@pytest.fixture
def with_actual(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_sheet.figures, "update_has", lambda field: True)


@pytest.mark.usefixtures("with_actual")
def test_a_lower_cumulative_figure_is_a_warning() -> None:
    plan = import_sheet.Plan()
    item = _item(name="案件", unit="件", kind="数量", target=1170, cumulative=True, over_allowed=True)
    assert import_sheet._actual(item, Cell("１１０", "9月.xlsx!进展!L12"), plan) == 110
    assert [str(p) for p in plan.problems] == [
        "警告 (warning): 9月.xlsx!进展!L12: 本期填报·完成数: 完成数 110 小于上期的 120（2025-08-31），"
        "累计指标一般不会减少，请核对"]
    assert plan.errors == []


@pytest.mark.usefixtures("with_actual")
def test_over_achievement_only_where_the_indicator_allows_it() -> None:
    plan = import_sheet.Plan()
    rate = _item(name="筛查率", unit="%", kind="比率", target=100, cumulative=False, over_allowed=False)
    assert import_sheet._actual(rate, Cell(1.02, "9月.xlsx!进展!L5", percent_format=True), plan) == 102
    count = _item(name="场次", unit="场", kind="数量", target=263, cumulative=True, over_allowed=False)
    import_sheet._actual(count, Cell("1,263", "9月.xlsx!进展!L6"), plan)
    allowed = _item(name="充电口", unit="个", kind="数量", target=220, cumulative=True, over_allowed=True)
    import_sheet._actual(allowed, Cell("630", "9月.xlsx!进展!L7"), plan)
    assert [str(p) for p in plan.errors] == [
        "9月.xlsx!进展!L5: 本期填报·完成数: 完成率 102% 超过 100%，而这一指标不允许超额完成",
        "9月.xlsx!进展!L6: 本期填报·完成数: 完成数 1263 超过目标 263，而这一指标不允许超额完成"]
