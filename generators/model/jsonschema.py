"""The JSON Schema of each record type's files and of data/site.yaml, derived from the models.

They describe the YAML *as an editor parses it* (YAML 1.2: ``17857082965`` is a number there),
while our own loader reads every value as text — so a text field also accepts a number. The
loader stays the authority: the schemas help editors and downloads, they do not decide.
"""

from __future__ import annotations

from typing import Any

from .site import Site
from .types import TYPES


def schemas() -> dict[str, dict[str, Any]]:
    """File name → schema, for every record type's files and for data/site.yaml."""
    result = {}
    for record_type in TYPES:
        item = _all_day(_loosen(record_type.model.model_json_schema(mode="validation")))
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


def _all_day(node: Any) -> Any:
    """``hours`` also accepts the word 全天 (answered round the clock)."""
    if isinstance(node, dict):
        node = {k: _all_day(v) for k, v in node.items()}
        hours = node.get("properties", {}).get("hours")
        if hours is not None:
            node["properties"]["hours"] = {"anyOf": [hours, {"enum": ["全天", "24小时"]}],
                                           **({"description": hours["description"]}
                                              if "description" in hours else {})}
        return node
    if isinstance(node, list):
        return [_all_day(v) for v in node]
    return node


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
