"""The monthly spreadsheet round-trip: ``template`` → filled in with openpyxl as staff fill it
(messy cells included) → ``import`` → the YAML records → a real build shows the new figures."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import openpyxl
import pytest

from generators.views import figures

from ..conftest import MINI_DATA, build_project, run_cli
from .sheets import AS_OF, PERIOD, excel_csv, sheets_data

RECORDS = Path("commitments") / "monthly.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return sheets_data(tmp_path / "data")


def _template(capsys: pytest.CaptureFixture[str], data: Path, target: Path,
              programmes: tuple[str, ...] = ("monthly",)) -> openpyxl.Workbook:
    code, out, err = run_cli(capsys, "template", *programmes, "--period", PERIOD, "-o", target,
                             "--data", data, "--as-of", AS_OF)
    assert code == 0, err
    return openpyxl.load_workbook(target)


def _fill(book: openpyxl.Workbook) -> openpyxl.worksheet.worksheet.Worksheet:
    """What a responsible unit does with the template in Excel. Rows: 4 care, 5 legal,
    6 parking, 7 water (ordered by id while items have no number)."""
    sheet = book["2025年民生实事"]
    sheet.title = "进展"                              # renamed by the user
    sheet["M7"] = 0.93                                # typed 93 into the percent-formatted cell
    sheet["N7"] = "推进中"
    sheet["O7"] = 45930                               # an Excel serial date: 2025-09-30
    sheet["R7"] = "主管网全部贯通，正在入户安装。"
    sheet["M4"] = "５３％"                             # full-width, typed as text
    sheet["N4"] = "推进中"
    sheet["O4"] = "2025/9/28"
    sheet["M5"] = "95%"
    sheet["N5"] = " 已完成 "
    sheet["R5"] = "全年案件办结。"
    sheet.unmerge_cells("C2:C3")                      # the user merges two header cells
    sheet.merge_cells("C2:D3")
    for row in range(8, 30):                          # formatted but empty rows below the table
        sheet.cell(row, 13).number_format = "0%"
        sheet.cell(row, 18).value = "  " if row == 12 else None
    return sheet


def test_template_layout(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _template(capsys, data, tmp_path / "t.xlsx")
    assert book.sheetnames == ["填表说明", "状态列表", "2025年民生实事"]
    assert book["填表说明"].protection.sheet and book["状态列表"].sheet_state == "hidden"
    sheet = book["2025年民生实事"]
    assert sheet["A1"].value == "#进度填报表 programme=monthly period=2025-09"
    assert sheet.column_dimensions["A"].hidden and sheet.protection.sheet
    assert sheet["A4"].protection.locked and not sheet["M4"].protection.locked
    assert sheet.freeze_panes == "D4"
    assert [sheet.cell(r, 1).value for r in range(4, 8)] == [
        "monthly-care", "monthly-legal", "monthly-parking", "monthly-water"]
    assert (sheet["J7"].value, sheet["K7"].value, sheet["H7"].value) == (0.6, "推进中", "2025-06-29")
    assert sheet["J7"].number_format == "0%" and sheet["L7"].number_format == "General"
    assert sheet["O7"].number_format == "yyyy-mm-dd"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and str(validation.sqref) == "N4:N7"
    assert validation.formula1 == "'状态列表'!$A$1:$A$5"
    assert [c.value for c in book["状态列表"]["A"]] == ["未开始", "推进中", "已完成", "延期", "已取消"]
    again = tmp_path / "again.xlsx"
    _template(capsys, data, again)
    assert again.read_bytes() == (tmp_path / "t.xlsx").read_bytes()


def test_round_trip_to_the_built_page(data: Path, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    book = _template(capsys, data, tmp_path / "t.xlsx")
    _fill(book)
    book.save(tmp_path / "9月.xlsx")
    original = (data / RECORDS).read_text(encoding="utf-8")

    code, out, err = run_cli(capsys, "import", tmp_path / "9月.xlsx", "--data", data, "--as-of", AS_OF)
    assert code == 0, err
    assert "## 数据变更：导入前 → 导入 9月.xlsx" in out
    assert "- 承诺事项 `monthly-water`（`城乡供水一体化工程`）：进度 60% → 93%" in out
    assert "- 承诺事项 `monthly-care`（`新建农村幸福院`）：进度 20% → 53%" in out
    assert ("- 承诺事项 `monthly-legal`（`办理法律援助案件`）：状态 `推进中` → `已完成`，"
            "进度 未报告 → 95%") in out
    assert "monthly-parking" not in out

    written = (data / RECORDS).read_text(encoding="utf-8")
    added = _only_insertions(original, written)
    period = f"      period: {PERIOD}\n" if figures.update_has("period") else ""
    assert added == [  # in file order: water, care, legal
        "    - date: 2025-09-30\n" + period + "      status: 推进中\n      progress: 93\n"
        "      note: 主管网全部贯通，正在入户安装。\n",
        "    - date: 2025-09-28\n" + period + "      status: 推进中\n      progress: 53\n",
        "    - date: 2025-09-30\n" + period + "      status: 已完成\n      progress: 95\n"
        "      note: 全年案件办结。\n"]
    # The entry goes after the last update, before the comment that follows it.
    assert "      note: 主管网全部贯通，正在入户安装。\n    # 7、8 月未报告。\n" in written

    code, out, _ = run_cli(capsys, "import", tmp_path / "9月.xlsx", "--data", data, "--as-of", AS_OF)
    assert code == 0
    assert "- 记录没有变化 (no record changed)" in out
    assert (data / RECORDS).read_text(encoding="utf-8") == written

    site = build_project(tmp_path / "work", data, AS_OF)
    page = (site / "commitments" / "monthly-water" / "index.html").read_text(encoding="utf-8")
    assert "主管网全部贯通，正在入户安装。" in page and "93%" in page
    legal = (site / "commitments" / "monthly-legal" / "index.html").read_text(encoding="utf-8")
    assert "已完成" in legal and "全年案件办结。" in legal
    # The 数据下载 page offers the programme's figures as a workbook, with the imported ones.
    assert 'href="programme-monthly.xlsx"' in (site / "downloads" / "index.html").read_text(encoding="utf-8")
    rows = list(openpyxl.load_workbook(site / "downloads" / "programme-monthly.xlsx").active
                .iter_rows(min_row=3, values_only=True))
    water = next(row for row in rows if row[2] == "monthly-water")
    assert (water[8], water[9], water[11]) == (0.93, "推进中", "主管网全部贯通，正在入户安装。")
    parking = next(row for row in rows if row[2] == "monthly-parking")
    assert (parking[8], parking[9]) == (None, "尚无进展")


def _only_insertions(before: str, after: str) -> list[str]:
    """The blocks ``after`` adds; fails if any line of ``before`` changed or moved."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, a[i1:i2], b[j1:j2])
        if tag == "insert":
            added.append("".join(b[j1:j2]))
    return added


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_saved_by_excel(encoding: str, data: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    """Excel on a Chinese Windows saves CSV in GBK ("CSV (逗号分隔)") or UTF-8 with BOM
    ("CSV UTF-8"); both give the same records as the .xlsx."""
    book = _template(capsys, data, tmp_path / "t.xlsx")
    sheet = _fill(book)
    source = tmp_path / "9月.csv"
    source.write_bytes(excel_csv(sheet, encoding))
    assert source.read_bytes().startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    book.save(tmp_path / "9月.xlsx")
    xlsx_data = sheets_data(tmp_path / "xlsx-data")
    assert run_cli(capsys, "import", tmp_path / "9月.xlsx", "--data", xlsx_data, "--as-of", AS_OF)[0] == 0
    code, out, err = run_cli(capsys, "import", source, "--data", data, "--as-of", AS_OF)
    assert code == 0, err
    assert (data / RECORDS).read_bytes() == (xlsx_data / RECORDS).read_bytes()


def test_dry_run_writes_nothing(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = _template(capsys, data, tmp_path / "t.xlsx")
    _fill(book)
    book.save(tmp_path / "9月.xlsx")
    before = (data / RECORDS).read_bytes()
    code, out, err = run_cli(capsys, "import", tmp_path / "9月.xlsx", "--dry-run", "--data", data,
                             "--as-of", AS_OF)
    assert code == 0 and "进度 60% → 93%" in out and "试运行" in err
    assert (data / RECORDS).read_bytes() == before


def test_a_result_that_fails_the_checks_writes_nothing(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """Cells can all be right and the data still wrong: here a published roll-up (87.5 %) no
    longer matches once a child's progress changes; the real checks run before any write."""
    data = tmp_path / "data"
    shutil.copytree(MINI_DATA, data)
    assert run_cli(capsys, "template", "works", "--period", "2024-05", "-o", tmp_path / "t.xlsx",
                   "--data", data, "--as-of", "2024-06-30")[0] == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    sheet = book["民生实事"]
    row = next(r for r in range(4, 10) if sheet.cell(r, 1).value == "works-2024-park")
    sheet.cell(row, 13).value = "80%"
    sheet.cell(row, 15).value = dt.date(2024, 5, 20)
    book.save(tmp_path / "f.xlsx")
    before = (data / "commitments" / "works.yaml").read_bytes()
    code, out, err = run_cli(capsys, "import", tmp_path / "f.xlsx", "--data", data,
                             "--as-of", "2024-06-30")
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        "data/results/works.yaml:6:14: indicators[1].value: 报告的数值 87.5 与 works-2024 "
        "各子项按权重汇总的进度 95.0（截至 2024-06-30）不一致 "
        "(reported figure disagrees with the roll-up of the records)",
        "导入后的数据未通过检查，数据文件未改动 (the imported data fails the checks; nothing written)"]
    assert (data / "commitments" / "works.yaml").read_bytes() == before


def test_a_done_item_taken_back_to_not_done_is_imported_with_a_warning(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = data / RECORDS
    records.write_text(records.read_text(encoding="utf-8").replace(
        "  history:\n    - date: 2025-06-29\n      status: 推进中\n\n- id: monthly-parking",
        "  history:\n    - date: 2025-06-29\n      status: 推进中\n    - date: 2025-08-31\n"
        "      status: 已完成\n\n- id: monthly-parking", 1), encoding="utf-8")
    book = _template(capsys, data, tmp_path / "t.xlsx")
    sheet = book["2025年民生实事"]
    assert sheet["A5"].value == "monthly-legal" and sheet["K5"].value == "已完成"
    sheet["N5"] = "推进中"   # picked from the list by mistake, or the item really reopened
    sheet["N4"] = "已完成"   # done for the first time: no warning
    book.save(tmp_path / "9月.xlsx")

    code, out, err = run_cli(capsys, "import", tmp_path / "9月.xlsx", "--data", data, "--as-of", AS_OF)
    assert code == 0, err
    assert [line for line in err.splitlines() if line.startswith("警告")] == [
        "警告 (warning): 9月.xlsx!2025年民生实事!N5: 本期填报·状态: 这一事项上期（2025-08-31）已是“已完成”，"
        "本期填“推进中”会把它改回未完成，网站将不再把它算作已完成，请核对"]
    assert "- 承诺事项 `monthly-legal`（`办理法律援助案件`）：状态 `已完成` → `推进中`" in out
