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

from ..model.jsonschema import schemas

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schemas"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=SCHEMA_DIR, help="输出文件夹 (default: data/schemas/)")


def run(args: argparse.Namespace) -> int:
    written = write_schemas(args.out)
    print(f"写入 {len(written)} 个 JSON Schema 到 {args.out} (schemas written)")
    return 0


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
