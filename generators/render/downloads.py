"""数据下载: every record type as JSON and as CSV, with its JSON Schema, and a page listing them.

CSV is UTF-8 with a byte-order mark so Excel opens Chinese text correctly. Nested values (a
commitment's dated history, a tour's groups) stay in one row as JSON text in their cell, so a
row is a record and the file round-trips to the same records.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model.dataset import Dataset
from ..model.jsonschema import schemas
from ..model.types import TYPES
from ..views.views import Views
from .markdown import escape

OWNED = ("downloads",)


def rows(dataset: Dataset, kind: str) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json") for record in Views(dataset).sorted(kind)]


def to_csv(records: list[dict[str, Any]], fields: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _cell(record.get(k)) for k in fields})
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return csv_safe(json.dumps(value, ensure_ascii=False, sort_keys=True))
    if isinstance(value, (int, float)):
        return str(value)  # a figure, negative ones included, stays a number for the spreadsheet
    return csv_safe(str(value))


#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
#: (OWASP "CSV injection"): =HYPERLINK(…) in a title would run on a clerk's machine.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """A text cell that a spreadsheet shows as text: a leading formula character gets a ``'``
    before it, which spreadsheets read as "this is text" (OWASP's advice)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def produce(dataset: Dataset, views: Views) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    lines = ["# 数据下载", "",
             f"本站全部数据，状态截至 {dataset.as_of.isoformat()}。每类记录提供三种文件：",
             "", "- **JSON**：记录列表，字段与数据文件相同；",
             "- **CSV**：UTF-8 编码（带 BOM，Excel 可直接打开），每行一条记录；列表和嵌套的字段"
             "（如承诺事项的进展记录、巡察组）在单元格中写成 JSON；",
             "- **JSON Schema**：字段说明和格式。", "",
             "| 数据 | 记录数 | JSON | CSV | JSON Schema |", "| --- | --- | --- | --- | --- |"]
    all_schemas = schemas()
    for record_type in TYPES:
        records = rows(dataset, record_type.name)
        fields = list(record_type.model.model_fields)
        name = record_type.folder
        files[f"downloads/{name}.json"] = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        files[f"downloads/{name}.csv"] = to_csv(records, fields)
        schema = f"{record_type.name}.schema.json"
        files[f"downloads/{schema}"] = json.dumps(all_schemas[schema], ensure_ascii=False, indent=1,
                                                  sort_keys=True) + "\n"
        lines.append(f"| {escape(record_type.label)} | {len(records)} | [{name}.json]({name}.json) | "
                     f"[{name}.csv]({name}.csv) | [{schema}]({schema}) |")
    files["downloads/index.md"] = "\n".join(lines) + "\n"
    return files
