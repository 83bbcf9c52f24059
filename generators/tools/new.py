"""Add a stub record: ``python -m generators new TYPE ID [--file FILE]``.

The stub passes ``check`` as written: required fields hold placeholders (（待填写）, today's date,
the first existing id of each referenced kind) with each field's description as a comment, and
the optional fields are listed as comments to uncomment. Replace the placeholders, then run
``make check``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..load import clock
from ..load.errors import ErrorReport
from ..model.stub import commented_yaml
from ..model.types import BY_NAME
from ..model.validate import data_files, load_dataset


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("type", choices=sorted(BY_NAME), help="记录类型")
    parser.add_argument("id", help="新记录的编号（小写字母、数字、连字符）")
    parser.add_argument("--file", help="写入哪个文件（文件名，位于该类型的文件夹中）")


def run(args: argparse.Namespace) -> int:
    record_type = BY_NAME[args.type]
    today = clock.parse_as_of(args.as_of)
    dataset = load_dataset(args.data, today, ErrorReport())
    if dataset is None:
        print("数据文件夹无法读取，请先运行 check (the data folder cannot be read: run check)",
              file=sys.stderr)
        return 1
    if args.id in dataset.records[record_type.name]:
        print(f"编号 '{args.id}' 已存在 (id exists)", file=sys.stderr)
        return 1
    target = _target(args.data / record_type.folder, args.file)
    if target is None:
        choices = "、".join(p.name for p in data_files(args.data / record_type.folder))
        print(f"请用 --file 指定写入哪个文件：{choices} (choose a file with --file)", file=sys.stderr)
        return 1
    ids = {kind: sorted(records) for kind, records in dataset.records.items()}
    stub = commented_yaml(record_type.model, args.id, ids, today)
    existing = target.read_text(encoding="utf-8") if target.exists() else ""
    separator = "\n" if existing.endswith("\n") else ("\n\n" if existing else "")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(existing + separator + stub, encoding="utf-8")
    line = (existing + separator).count("\n") + 1
    print(f"已添加到 {target}:{line}，请把（待填写）换成实际内容，然后运行 make check "
          f"(stub added; replace the placeholders)")
    return 0


def _target(folder: Path, name: str | None) -> Path | None:
    if name:
        return folder / Path(name).name
    files = data_files(folder)
    if len(files) == 1:
        return files[0]
    return folder / f"{folder.name}.yaml" if not files else None
