"""数据下载: every record type as JSON and as flat CSV tables, with its JSON Schema; each
programme's current figures as an Excel workbook; and a page listing them.

JSON keeps the records exactly as in the data files. CSV is for spreadsheets: one value per
cell. A record is one row of ``FOLDER.csv``; a field holding a submodel becomes columns named
with a dot (``source.title``); a field holding a list (a commitment's ``history``, its
``places``, a tour's ``groups``) becomes a table of its own, ``FOLDER-FIELD.csv``, one row per
entry, keyed by the record's ``id`` and the entry's position (``index``, from 1; lists inside
list entries also carry their parent's position, e.g. ``groups_index``); a list of plain values
has one column named after the field (``places``). So nothing is JSON in a
cell, a spreadsheet can filter and sum every column, and the tables join back to the records.
Files are UTF-8 with a byte-order mark so Excel opens Chinese text correctly, and every cell
that a spreadsheet would run as a formula is neutralised (``csv_safe``).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model.dataset import Dataset
from ..model.jsonschema import schemas
from ..model.types import TYPES
from ..views import figures
from ..views.views import Views
from .markdown import escape
from .workbook import xlsx_bytes

OWNED = ("downloads",)

#: OWASP "CSV injection": a cell starting with one of these is a formula to Excel and LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    """A cell that a spreadsheet shows as the text it is: a leading single quote makes a cell
    that would start a formula plain text (OWASP CSV injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def rows(dataset: Dataset, kind: str, views: Views | None = None) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json") for record in (views or Views(dataset)).sorted(kind)]


Table = list[dict[str, Any]]


def tables(folder: str, records: list[dict[str, Any]], fields: list[str]) -> dict[str, Table]:
    """``{file stem: rows}``: the records' own table first, then one table per list field."""
    found: dict[str, Table] = {folder: []}
    for record in records:
        row: dict[str, Any] = {}
        _flatten(record, "", folder, {"id": record.get("id")}, row, found)
        found[folder].append({field: row.get(field) for field in fields if field in row} | row)
    return found


def _flatten(value: dict[str, Any], prefix: str, table: str, keys: dict[str, Any],
             row: dict[str, Any], found: dict[str, Table]) -> None:
    for name, item in value.items():
        column = f"{prefix}{name}"
        if isinstance(item, dict):
            _flatten(item, f"{column}.", table, keys, row, found)
        elif isinstance(item, list):
            child = f"{table}-{column}"
            entries = found.setdefault(child, [])
            for index, entry in enumerate(item, 1):
                own = {**keys, "index": index}
                entry_row: dict[str, Any] = dict(own)
                if isinstance(entry, dict):
                    # Lists inside this entry are keyed by its position as ``COLUMN_index``.
                    inner = {**keys, f"{column.rsplit('.', 1)[-1]}_index": index}
                    _flatten(entry, "", child, inner, entry_row, found)
                else:
                    entry_row[column.rsplit(".", 1)[-1]] = entry
                entries.append(entry_row)
        else:
            row[column] = item


def to_csv(table: Table) -> bytes:
    fields = _columns(table)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in table:
        writer.writerow({k: _cell(row.get(k)) for k in fields})
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _columns(table: Table) -> list[str]:
    seen: dict[str, bool] = {}
    for row in table:
        for key, value in row.items():
            seen[key] = seen.get(key, False) or value is not None
    # A submodel that is empty in one record and filled in another: keep only its columns.
    return [k for k, filled in seen.items()
            if filled or not any(other.startswith(f"{k}.") for other in seen)] or ["id", "index"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a figure written 155 is shown 155, not 155.0
    if isinstance(value, (int, float)):
        return str(value)  # a figure, negative ones included, stays a number for the spreadsheet
    return csv_safe(str(value))


def programme_workbook(dataset: Dataset, views: Views, programme_id: str,
                       items: list[Any] | None = None) -> bytes:
    """The programme's items (``figures.items``, unless given) and their figures on the as-of
    day, one row each."""
    from openpyxl import Workbook  # imported when used: check never needs it
    from openpyxl.styles import Font

    programme = dataset.get("programme", programme_id)
    book = Workbook()
    sheet = book.active
    sheet.title = "当前进展"
    sheet.append([f"{programme.name}（状态截至 {dataset.as_of.isoformat()}）"])
    sheet["A1"].font = Font(bold=True)
    header = ["序号", "事项", "事项编号", "牵头单位", "指标", "计量单位", "目标", "完成数", "进度",
              "状态", "最近进展日期", "说明"]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    row = sheet.max_row  # counted from here: max_row walks every cell of the sheet
    for item in figures.items(dataset, programme_id) if items is None else items:
        update = item.current(dataset.as_of)
        indicator = figures.indicator(item)
        actual = figures.value(update, "actual")
        progress = figures.known_progress(views, item)
        sheet.append([figures.number(item), item.title, item.id, figures.lead_unit(dataset, item),
                      indicator.name, indicator.unit, indicator.target, actual,
                      None if progress is None else round(progress, 2) / 100,
                      update.status if update else "尚无进展",
                      update.date if update else None, figures.value(update, "note")])
        row += 1
        # "0.##%" would show 93 as "93.%": whole percentages get no decimals, others two.
        sheet.cell(row, 9).number_format = "0%" if progress is None or float(progress).is_integer() \
            else "0.00%"
        sheet.cell(row, 11).number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHIJKL", (6, 36, 24, 14, 14, 8, 10, 10, 8, 9, 12, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C3"
    return xlsx_bytes(book, dataset.as_of)


def produce(dataset: Dataset, views: Views) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    lines = ["# 数据下载", "",
             f"本站全部数据，状态截至 {dataset.as_of.isoformat()}。每类记录提供三种文件：",
             "", "- **JSON**：记录列表，字段与数据文件相同；",
             "- **CSV**：UTF-8 编码（带 BOM，Excel 可直接打开），一个单元格一个值。每条记录一行；"
             "子字段写成“字段.子字段”列（如 `source.title`）；列表字段（如承诺事项的进展记录 `history`、"
             "巡察组 `groups`）另成一张表，每项一行，用 `id` 和 `index`（第几项）与记录对应。"
             "以 `=`、`+`、`-`、`@` 开头的文字前加了一个单引号，防止表格软件把它当作公式执行；",
             "- **JSON Schema**：字段说明和格式。", "",
             "| 数据 | 记录数 | JSON | CSV | JSON Schema |", "| --- | --- | --- | --- | --- |"]
    all_schemas = schemas()
    for record_type in TYPES:
        records = rows(dataset, record_type.name, views)
        fields = list(record_type.model.model_fields)
        name = record_type.folder
        files[f"downloads/{name}.json"] = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        links = []
        for stem, table in tables(name, records, fields).items():
            files[f"downloads/{stem}.csv"] = to_csv(table)
            links.append(f"[{stem}.csv]({stem}.csv)")
        schema = f"{record_type.name}.schema.json"
        files[f"downloads/{schema}"] = json.dumps(all_schemas[schema], ensure_ascii=False, indent=1,
                                                  sort_keys=True) + "\n"
        lines.append(f"| {escape(record_type.label)} | {len(records)} | [{name}.json]({name}.json) | "
                     f"{'<br>'.join(links)} | [{schema}]({schema}) |")
    lines += ["", "## 各工作项目的当前进展（Excel）", "",
              "每项工作一个 Excel 文件，每个事项一行：序号、事项、牵头单位、指标、目标、完成数、进度、状态和"
              "最近一次进展的日期。没有报告过的进度留空，不写作 0%。", "",
              "| 工作项目 | 事项数 | Excel |", "| --- | --- | --- |"]
    by_programme = figures.items_by_programme(dataset)
    for programme in views.sorted("programme"):
        items = by_programme.get(programme.id, [])
        if not items:
            continue
        stem = f"programme-{programme.id}"
        files[f"downloads/{stem}.xlsx"] = programme_workbook(dataset, views, programme.id, items)
        lines.append(f"| {escape(programme.name)} | {len(items)} | [{stem}.xlsx]({stem}.xlsx) |")
    files["downloads/index.md"] = "\n".join(lines) + "\n"
    return files

