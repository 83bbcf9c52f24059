"""Read a filled-in progress spreadsheet into the records: import FILE.xlsx|FILE.csv [--dry-run]

Each row with new figures becomes one dated update appended to the item's ``history`` (earlier
entries, comments and key order in the YAML files stay byte for byte). Every cell is checked
first, and the changed data is validated with the same checks as ``make check`` on a temporary
copy; if anything is wrong nothing is written and every problem is listed as
``FILE!SHEET!CELL``. Prints what the import changes as the Markdown summary ``diff`` writes for a
pull request. Importing the same file again changes nothing.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load import clock
from ..load.errors import ErrorReport
from ..model.dataset import Dataset
from ..model.types.commitments import Commitment
from ..pipeline import check
from ..views import figures
from ..views.views import Views
from . import sheet_cells
from . import sheet_layout as layout
from .diff import describe
from .sheet_read import Row, Sheet, SheetError, read
from .yaml_append import AppendError, append_updates

PERIOD = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
NEEDS_MODEL = "本站的数据格式还不能记录这一项（需要指标字段）；请只填写“进度”“状态”和“情况说明”"


@dataclass(frozen=True)
class CellProblem:
    where: str
    column: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        column = f" {self.column}:" if self.column else ""
        return f"{'警告 (warning): ' if self.warning else ''}{self.where}:{column} {self.message}"


@dataclass
class Plan:
    """What one import would do: updates per data file and record, and every problem found."""

    updates: dict[str, dict[int, list[dict[str, Any]]]] = field(default_factory=dict)
    """data file (as records name it, e.g. data/commitments/x.yaml) → record's position → entries"""
    items: dict[tuple[str, int], str] = field(default_factory=dict)
    """(file, position) → the item's id"""
    problems: list[CellProblem] = field(default_factory=list)

    def error(self, where: str, column: str, message: str) -> None:
        self.problems.append(CellProblem(where, column, message))

    def warn(self, where: str, column: str, message: str) -> None:
        self.problems.append(CellProblem(where, column, message, warning=True))

    @property
    def errors(self) -> list[CellProblem]:
        return [p for p in self.problems if not p.warning]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="填好的 .xlsx 或 .csv 文件")
    parser.add_argument("--period",
                        help="填报期，如 2025-09 (default: the one in the file, else the as-of month)")
    parser.add_argument("--dry-run", action="store_true", help="只检查并显示会有什么变化，不写入数据文件")


def run(args: argparse.Namespace) -> int:
    as_of = clock.parse_as_of(args.as_of)
    if args.period and not PERIOD.fullmatch(args.period):
        print(f"填报期应写成 2025-09 这样的年月，实际是 '{args.period}' (expected YYYY-MM)", file=sys.stderr)
        return 1
    if not args.file.is_file():
        print(f"{args.file}: 找不到这个文件 (no such file)", file=sys.stderr)
        return 1
    try:
        sheets = read(args.file)
    except (SheetError, OSError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if not sheets:
        print(f"{args.file.name}: 没有找到进展填报表：请使用 python -m generators template 生成的表格，"
              "不要删除隐藏的第一列 (no progress sheet found)", file=sys.stderr)
        return 1
    report = ErrorReport()
    before = check(args.data, as_of, report)
    if before is None or report:
        print("data/ 中的数据本身有错误，请先运行 make check 并修正，再导入 (data has errors)",
              file=sys.stderr)
        return 1
    plan = plan_import(before, sheets, args.period or None, as_of)
    for problem in plan.problems:
        print(problem, file=sys.stderr)
    errors, warnings = len(plan.errors), len(plan.problems) - len(plan.errors)
    if errors:
        print(f"发现 {errors} 个错误，{warnings} 个警告，数据文件未改动。 "
              f"({errors} error(s), nothing written)", file=sys.stderr)
        return 1
    return _apply(args, as_of, before, report, plan)


def _apply(args: argparse.Namespace, as_of: dt.date, before: Dataset, before_report: ErrorReport,
           plan: Plan) -> int:
    root = args.data.resolve().parent
    try:
        texts = {root / file: append_updates((root / file).read_text(encoding="utf-8"),
                                             before.documents[file], records)
                 for file, records in plan.updates.items()}
    except AppendError as exc:
        print(exc, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(args.data, copy, symlinks=True)
        for path, text in texts.items():
            (copy / path.relative_to(args.data.resolve())).write_text(text, encoding="utf-8")
        after_report = ErrorReport()
        after = check(copy, as_of, after_report)
    if after is not None and not after_report:
        _confirm_appended(before, after, plan)
    if after is None or after_report:
        for problem in after_report.errors:
            print(problem, file=sys.stderr)
        print("导入后的数据未通过检查，数据文件未改动 (the imported data fails the checks; nothing written)",
              file=sys.stderr)
        return 1
    print(describe((before, before_report), (after, after_report), "导入前", f"导入 {args.file.name}"))
    if args.dry_run:
        print(f"试运行：{len(texts)} 个数据文件会被修改，未写入 (dry run, nothing written)", file=sys.stderr)
        return 0
    for path, text in texts.items():
        _write_atomically(path, text)
    print(f"已写入 {len(texts)} 个数据文件 (written)", file=sys.stderr)
    return 0


def _confirm_appended(before: Dataset, after: Dataset, plan: Plan) -> None:
    """The records read back from the new text: each updated item's old history unchanged, the
    new entries after it. A failure here is a bug of this tool, never of the sheet."""
    for (_, index), item_id in plan.items.items():
        old, new = before.get("commitment", item_id), after.get("commitment", item_id)
        added = sum(len(entries) for entries in [plan.updates[old._file][index]])
        if new is None or new.history[:len(old.history)] != old.history or \
                len(new.history) != len(old.history) + added:
            raise AssertionError(f"appending to {item_id} changed its earlier history")


def _write_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.import")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    year, month = map(int, PERIOD.fullmatch(period).groups())
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def plan_import(dataset: Dataset, sheets: list[Sheet], period: str | None, as_of: dt.date) -> Plan:
    plan = Plan()
    seen_programmes: set[str] = set()
    for sheet in sheets:
        programme = dataset.get("programme", sheet.programme)
        if programme is None:
            plan.error(sheet.id_header, "",
                       f"未知的工作项目 '{sheet.programme}'：这个表格不是由本站数据生成的")
            continue
        if sheet.programme in seen_programmes:
            plan.error(sheet.id_header, "",
                       f"工作项目“{programme.name}”在文件中出现了两次，请只保留一个工作表")
            continue
        seen_programmes.add(sheet.programme)
        if sheet.missing:
            plan.error(sheet.id_header, "", f"缺少列：{'、'.join(sheet.missing)}；请不要删除或改写表头")
            continue
        this_period = period or sheet.period or f"{as_of:%Y-%m}"
        if period and sheet.period and period != sheet.period:
            plan.warn(sheet.id_header, "", f"这是 {sheet.period} 的填报表，按 --period {period} 导入")
        if not PERIOD.fullmatch(this_period):
            plan.error(sheet.id_header, "", f"填报期应写成 2025-09 这样的年月，实际是 '{this_period}'")
            continue
        _plan_sheet(dataset, sheet, this_period, plan)
    return plan


def _plan_sheet(dataset: Dataset, sheet: Sheet, period: str, plan: Plan) -> None:
    expected = {item.id: item for item in figures.items(dataset, sheet.programme)}
    labels = figures.status_labels(dataset, sheet.programme)
    views = Views(dataset)
    seen: dict[str, str] = {}
    for row in sheet.rows:
        id_cell = row.cells["id"]
        item_id = sheet_cells.text(id_cell.value)
        column = layout.label(layout.BY_KEY["id"])
        if not item_id:
            if not row.blank(tuple(c.key for c in layout.INPUTS)):
                plan.error(id_cell.address, column,
                           "这一行没有事项ID：请不要插入行，新事项须先在数据文件中添加")
            continue
        item = expected.get(item_id)
        if item is None:
            other = dataset.get("commitment", item_id)
            plan.error(id_cell.address, column, f"事项ID '{item_id}' 不属于这项工作" if other else
                       f"未知的事项ID '{item_id}'：请不要修改隐藏的第一列")
            continue
        if item_id in seen:
            plan.error(id_cell.address, column,
                       f"事项 {item_id}（{item.title}）重复出现，第一次在 {seen[item_id]}：请删除复制的行")
            continue
        seen[item_id] = id_cell.address
        entry = _entry(item, row, labels, views, period, plan)
        if entry is not None:
            plan.updates.setdefault(item._file, {}).setdefault(item._index, []).append(entry)
            plan.items[(item._file, item._index)] = item.id
    for item_id, item in expected.items():
        if item_id not in seen:
            plan.error(sheet.id_header, layout.label(layout.BY_KEY["id"]),
                       f"缺少事项 {item_id}（{item.title}）的行：请不要删除行，没有进展的事项留空即可")


def _entry(item: Commitment, row: Row, labels: list[str], views: Views, period: str,
           plan: Plan) -> dict[str, Any] | None:
    """The update this row asks for; None when it is blank, repeats the last update or is wrong.
    A done item taken back to not done (what a status word means, as the pages read it:
    ``Views.status``) is imported with a warning."""
    if row.blank(tuple(c.key for c in layout.INPUTS)):
        return None
    errors_before = len(plan.errors)
    cells = row.cells
    for column in layout.INPUTS:
        cell = cells[column.key]
        if cell.formula is not None:
            plan.error(cell.address, layout.label(column),
                       f"公式 {cell.formula} 没有保存计算结果：请在 Excel 中打开、保存后再导入"
                       "（本程序不计算公式）")
    if len(plan.errors) > errors_before:
        return None
    last = figures.latest(item)
    values: dict[str, Any] = {}
    status = sheet_cells.text(cells["status"].value)
    if not status:
        status = figures.value(last, "status")
        if status is None:
            plan.error(cells["status"].address, "本期填报·状态", "这一事项还没有状态，请选择本期状态")
    elif status not in labels:
        plan.error(cells["status"].address, "本期填报·状态",
                   f"未知状态 '{status}'，可选：{'、'.join(labels)}")
    elif (last is not None and views.status(item, last.status).tone == "done"
          and views.status(item, status).tone != "done"):
        plan.warn(cells["status"].address, "本期填报·状态",
                  f"这一事项上期（{last.date}）已是“{last.status}”，本期填“{status}”会把它改回未完成，"
                  "网站将不再把它算作已完成，请核对")
    values["status"] = status
    values["progress"] = _progress(cells["progress"], plan)
    values["actual"] = _actual(item, cells["actual"], plan)
    for key in ("expected", "reason", "note"):
        text = sheet_cells.text(cells[key].value)
        values[key] = text or None
        if text and key != "note" and not figures.update_has(key):
            plan.error(cells[key].address, layout.label(layout.BY_KEY[key]), NEEDS_MODEL)
    day = _date(item, cells["date"], period, plan)
    if len(plan.errors) > errors_before:
        return None
    if last is not None and all(values[k] == figures.value(last, k) for k in values):
        return None  # the same as the last update: imported already, or nothing new
    entry = {"date": day, "period": period, **values}
    return {k: entry[k] for k in figures.UPDATE_ORDER
            if entry.get(k) is not None and figures.update_has(k)}


def _progress(cell, plan: Plan) -> float | None:
    if sheet_cells.is_blank(cell.value):
        return None
    column = layout.label(layout.BY_KEY["progress"])
    try:
        value = sheet_cells.percent(cell.value, percent_format=cell.percent_format)
    except sheet_cells.CellError as exc:
        plan.error(cell.address, column, f"{exc}")
        return None
    if not 0 <= value <= 100:
        plan.error(cell.address, column, f"进度应在 0% 到 100% 之间，实际是 {value:g}%")
        return None
    return value


def _actual(item: Commitment, cell, plan: Plan) -> float | None:
    if sheet_cells.is_blank(cell.value):
        return None
    column = layout.label(layout.BY_KEY["actual"])
    indicator = figures.indicator(item)
    try:
        value, as_percent = sheet_cells.number(cell.value, percent_format=cell.percent_format)
    except sheet_cells.CellError as exc:
        plan.error(cell.address, column, f"{exc}")
        return None
    if not figures.update_has("actual"):
        plan.error(cell.address, column, NEEDS_MODEL)
        return None
    if value < 0:
        plan.error(cell.address, column, f"完成数不能为负数，实际是 {value:g}")
        return None
    rate = indicator.kind == "比率" or as_percent
    if not indicator.over_allowed:
        if rate and value > 100:
            plan.error(cell.address, column, f"完成率 {value:g}% 超过 100%，而这一指标不允许超额完成")
        elif not rate and indicator.target is not None and value > indicator.target:
            plan.error(cell.address, column, f"完成数 {value:g} 超过目标 {indicator.target:g}，"
                                             "而这一指标不允许超额完成")
    previous = figures.last_actual(item)
    if indicator.cumulative and previous is not None and value < previous[0]:
        plan.warn(cell.address, column, f"完成数 {value:g} 小于上期的 {previous[0]:g}（{previous[1].date}），"
                                        "累计指标一般不会减少，请核对")
    return value


def _date(item: Commitment, cell, period: str, plan: Plan) -> dt.date | None:
    first, last_day = period_bounds(period)
    column = layout.label(layout.BY_KEY["date"])
    if sheet_cells.is_blank(cell.value):
        day = last_day
    else:
        try:
            day = sheet_cells.date(cell.value)
        except sheet_cells.CellError as exc:
            plan.error(cell.address, column, f"{exc}")
            return None
        if not first <= day <= last_day:
            plan.error(cell.address, column,
                       f"报告日期 {day} 不在填报期 {period}（{first} 至 {last_day}）内")
            return None
    last = figures.latest(item)
    if last is not None and day < last.date:
        plan.error(cell.address, column, f"报告日期 {day} 早于这一事项最近一条进展的日期 {last.date}")
        return None
    return day
