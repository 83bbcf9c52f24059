"""Write a JSON Schema per record type, generated from the models: ``python -m generators schema``.

Editors (VS Code with the YAML extension, via .vscode/settings.json) use them to complete field
names and underline mistakes while staff type; check-jsonschema can validate the files with them.
They describe the YAML *as an editor parses it* (YAML 1.2: ``17857082965`` is a number there),
while our own loader reads every value as text — so a text field also accepts a number. The
loader stays the authority: the schemas help, they do not decide.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .site import Site
from .types import TYPES

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schemas"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=SCHEMA_DIR, help="输出文件夹 (default: data/schemas/)")


def run(args: argparse.Namespace) -> int:
    written = write_schemas(args.out)
    print(f"写入 {len(written)} 个 JSON Schema 到 {args.out} (schemas written)")
    return 0


def schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every record type's files and for data/site.yaml."""
    result = {}
    for record_type in TYPES:
        item = _loosen(record_type.model.model_json_schema(mode="validation"))
        defs = item.pop("$defs", {})
        result[f"{record_type.name}.schema.json"] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"{record_type.label}（data/{record_type.folder}/*.yaml）",
            "description": f"每个文件是一个{record_type.label}记录的列表。",
            "type": "array",
            "items": item,
            **({"$defs": defs} if defs else {}),
        }
    site = _loosen(Site.model_json_schema(mode="validation"))
    result["site.schema.json"] = {"$schema": "https://json-schema.org/draft/2020-12/schema", **site}
    return result


def _loosen(node: Any) -> Any:
    """Text fields also accept numbers (YAML 1.2 reads 0577-less digits as numbers); numbers
    also accept text (a quoted "93.22"); no field accepts null where our loader would not."""
    if isinstance(node, dict):
        node = {k: _loosen(v) for k, v in node.items()}
        kind = node.get("type")
        if kind == "string":
            node.pop("type")
            node.pop("format", None)  # "format: date" etc.: the loader checks, with a better message
            node.pop("pattern", None)
            node["type"] = ["string", "number"]
        elif kind in ("number", "integer"):
            node["type"] = ["number", "string"]
        return node
    if isinstance(node, list):
        return [_loosen(v) for v in node]
    return node


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
