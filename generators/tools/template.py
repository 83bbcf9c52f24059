"""Write the monthly progress spreadsheet of one or more programmes: template PROGRAMME -o FILE.xlsx

One sheet per programme, one row per item: its number, title, lead unit, indicator, unit and
target, the last reported figure and status, and empty columns for this period's figure,
progress, status (a drop-down of the statuses), date, expected completion, reason for delay and
note. The item ids sit in a hidden, locked column; only the columns to fill in are editable; a
protected sheet 填表说明 explains how to fill it in. Send it to the responsible units, then read
the filled-in file back with ``python -m generators import``.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..load import clock
from ..load.errors import ErrorReport
from ..model.dataset import Dataset
from ..pipeline import check
from ..render.workbook import xlsx_bytes
from ..views import figures
from . import sheet_layout as layout

FORMATS = {"number": "General", "percent": "0%", "date": "yyyy-mm-dd", "text": "@", "status": "@"}
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")
HEAD_FILL = PatternFill("solid", fgColor="E8EEF4")
STATUS_SHEET = "状态列表"

GUIDE = """填表说明（本页只读）

1. 每个工作表是一项工作，每一行是一个事项。只填写浅黄色的“本期填报”各列，其他列不能修改。
2. 完成数：写截至本期末的累计数，如 1170 或 1,170；比率类指标写百分数，如 95%。
3. 进度：只有百分比进度的事项填写，如 93%；可以写 93 或 93%。
4. 状态：从下拉列表中选择；不填则沿用上期状态。
5. 报告日期：本期内的日期，如 2025-09-30；不填则取本期最后一天。
6. 预计完成：如“10月底前”；滞后原因：推进缓慢时用一句话说明原因；情况说明：做了什么。
7. 没有新进展的事项，整行“本期填报”留空即可。不要删除、复制或插入行，也不要修改隐藏的第一列。
8. 工作表可以改名；填好后保存为 .xlsx（或 .csv），交给网站管理员运行
   python -m generators import 文件名 导入。有任何错误时不会改动数据，错误信息会指出“文件!工作表!单元格”。
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("programmes", nargs="+", metavar="PROGRAMME", help="工作项目的编号，可写多个")
    parser.add_argument("--period", help="填报期，如 2025-09 (default: the as-of month)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="写入的 .xlsx 文件")


def run(args: argparse.Namespace) -> int:
    as_of = clock.parse_as_of(args.as_of)
    period = args.period or f"{as_of:%Y-%m}"
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", period):
        print(f"填报期应写成 2025-09 这样的年月，实际是 '{period}' (expected YYYY-MM)", file=sys.stderr)
        return 1
    report = ErrorReport()
    dataset = check(args.data, as_of, report)
    if dataset is None or report:
        print("数据有错误，请先运行 make check 并修正 (data has errors)", file=sys.stderr)
        return 1
    unknown = [p for p in args.programmes if dataset.get("programme", p) is None]
    if unknown:
        known = "、".join(sorted(dataset.records["programme"]))
        print(f"未知的工作项目 {'、'.join(unknown)}，可用：{known} (unknown programme)", file=sys.stderr)
        return 1
    args.output.write_bytes(xlsx_bytes(workbook(dataset, args.programmes, period), as_of))
    print(f"已写入 {args.output}：{len(args.programmes)} 个工作表 (template written)")
    return 0


def workbook(dataset: Dataset, programme_ids: list[str], period: str) -> Workbook:
    book = Workbook()
    guide = book.active
    guide.title = "填表说明"
    for row, line in enumerate(GUIDE.splitlines(), 1):
        guide.cell(row, 1, line)
    guide.column_dimensions["A"].width = 110
    guide.protection.sheet = True
    statuses = book.create_sheet(STATUS_SHEET)
    statuses.sheet_state = "hidden"
    statuses.protection.sheet = True
    names: set[str] = {guide.title, STATUS_SHEET}
    for column, programme_id in enumerate(programme_ids, 1):
        labels = figures.status_labels(dataset, programme_id)
        letter = get_column_letter(column)
        for row, text in enumerate(labels, 1):
            statuses.cell(row, column, text)
        source = f"{quote_sheetname(STATUS_SHEET)}!${letter}$1:${letter}${len(labels)}"
        _programme_sheet(book, dataset, programme_id, period, source, names)
    book.active = 2 if len(book.sheetnames) > 2 else 0
    return book


def _sheet_name(name: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "", name)[:28] or "工作"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base[:25]}({n})", n + 1
    taken.add(candidate)
    return candidate


def _programme_sheet(book: Workbook, dataset: Dataset, programme_id: str, period: str,
                     status_source: str, taken: set[str]) -> None:
    programme = dataset.get("programme", programme_id)
    sheet = book.create_sheet(_sheet_name(programme.name, taken))
    letters = {c.key: get_column_letter(i) for i, c in enumerate(layout.COLUMNS, 1)}
    last = get_column_letter(len(layout.COLUMNS))
    sheet["A1"] = layout.marker(programme_id, period)
    sheet["B1"] = f"{programme.name} · {period} 进展填报（只填浅黄色各列）"
    sheet["B1"].font = Font(bold=True, size=13)
    sheet.merge_cells(f"B1:{last}1")
    _header(sheet, letters)
    items = figures.items(dataset, programme_id)
    for row, item in enumerate(items, layout.FIRST_ROW):
        for key, value in _row(dataset, item).items():
            sheet[f"{letters[key]}{row}"] = value
        for column in layout.COLUMNS:
            cell = sheet[f"{letters[column.key]}{row}"]
            cell.number_format = FORMATS[column.kind]
            if column.input:
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
    end = layout.FIRST_ROW + max(len(items), 1) - 1
    check_list = DataValidation(type="list", formula1=status_source, allow_blank=True,
                                showErrorMessage=True, errorTitle="状态",
                                error="请从下拉列表中选择状态")
    check_list.add(f"{letters['status']}{layout.FIRST_ROW}:{letters['status']}{end}")
    sheet.add_data_validation(check_list)
    for index, column in enumerate(layout.COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = f"D{layout.FIRST_ROW}"
    sheet.protection.sheet = True
    # Staff may still widen columns and rows to read long titles; nothing else is editable.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _header(sheet, letters: dict[str, str]) -> None:
    groups: dict[str, list[str]] = {}
    for column in layout.COLUMNS:
        letter = letters[column.key]
        if column.group:
            groups.setdefault(column.group, []).append(letter)
            sheet[f"{letter}3"] = column.header
        else:
            sheet[f"{letter}2"] = column.header
            sheet.merge_cells(f"{letter}2:{letter}3")
    for group, members in groups.items():
        sheet[f"{members[0]}2"] = group
        sheet.merge_cells(f"{members[0]}2:{members[-1]}2")
    for row in sheet.iter_rows(min_row=2, max_row=3):
        for cell in row:
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _row(dataset: Dataset, item) -> dict[str, object]:
    indicator = figures.indicator(item)
    last = figures.latest(item)
    actual = figures.last_actual(item)
    progress = figures.value(last, "progress")
    return {"id": item.id, "number": figures.number(item), "title": item.title,
            "unit": figures.lead_unit(dataset, item), "indicator": indicator.name,
            "indicator_unit": indicator.unit, "target": indicator.target,
            "last_date": last.date.isoformat() if last else None,
            "last_actual": actual[0] if actual else None,
            "last_progress": progress / 100 if progress is not None else None,
            "last_status": figures.value(last, "status")}
