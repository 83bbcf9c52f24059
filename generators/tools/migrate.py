"""Rewrite records kept in the old shapes into the current ones: ``python -m generators migrate``.

Run once on a county's data/ after upgrading; it keeps comments, key order and everything it does
not need to change (ruamel.yaml round trip), and prints each change. What it rewrites:

- hotlines: ``numbers`` → ``channels`` (a number labelled 传真 becomes ``kind: 传真``); a hotline
  without ``hours`` used to mean "answered all day", so it gets ``hours: 全天`` explicitly;
- tours: the ``channels`` mapping → ``hours`` (from ``reception``) and a list of channels (邮箱,
  意见箱); each group's ``hotline`` → the group's ``channels``;
- commitments: ``kind: 民生实事/幸福要事/公开承诺`` → left out (an item is a 项目 unless said
  otherwise), the word moved to the programme's ``list_name``;
- data/site.yaml: ``site_url`` → left out: the published address belongs to the deployment
  (GitHub Pages, or the ``SITE_URL`` variable), and the old value is printed to set it there.

``check`` explains each old shape too; this command saves typing it by hand.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from ..model.migrations import OLD_COMMITMENT_KINDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true", help="只显示会改什么，不写文件")


def run(args: argparse.Namespace) -> int:
    changes = migrate_folder(args.data, write=not args.dry_run)
    for line in changes:
        print(line)
    print(f"{'将修改' if args.dry_run else '已修改'} {len(changes)} 处 (changes)")
    return 0


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-fold long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def dump(yaml: YAML, records: Any) -> str:
    """YAML text in this project's layout: the top-level list at column 0, nested lists indented.

    ruamel.yaml applies one indentation to every level, so the root list comes out two spaces
    in; every line is shifted back by those two spaces (comments at column 0 stay there).
    """
    out = io.StringIO()
    yaml.dump(records, out)
    # Comment lines keep the column they were written at: ruamel copies them as they were.
    return "".join(line[2:] if line.startswith("  ") and not line.lstrip().startswith("#") else line
                   for line in out.getvalue().splitlines(keepends=True))


def migrate_folder(data: Path, *, write: bool = True) -> list[str]:
    changes: list[str] = []
    list_names: dict[str, str] = {}
    files = sorted(p for p in data.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in files:
        folder = path.parent.name
        fix = {"hotlines": _hotline, "tours": _tour, "commitments": _commitment}.get(folder)
        if fix is None:
            continue
        loaded = _load(path, data, changes)
        if loaded is None or not isinstance(loaded[1], CommentedSeq):
            continue
        yaml, records = loaded
        found: list[str] = []
        for record in records:
            if isinstance(record, CommentedMap):
                found += [f"{_name(path, data)}: {record.get('id')}: {c}" for c in fix(record, list_names)]
        if found and write:
            path.write_text(dump(yaml, records), encoding="utf-8")
        changes += found
    changes += _programme_list_names(data, list_names, write)
    changes += _site_settings(data, write)
    return changes


def _name(path: Path, data: Path) -> str:
    """A file as the report names it: data/…"""
    return path.relative_to(data.parent).as_posix()


def _load(path: Path, data: Path, changes: list[str]) -> tuple[YAML, Any] | None:
    """The parser (which keeps comments and layout for the rewrite) and the file's content; None
    after noting a file that cannot be read: `check` reports what is wrong with it, with its line,
    and there is nothing to migrate in it."""
    yaml = _yaml()
    try:
        return yaml, yaml.load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError, ValueError):  # ValueError: a date such as 2024-02-30
        changes.append(f"{_name(path, data)}: 无法读取，未修改 (unreadable, skipped)")
        return None


def _insert_after(record: CommentedMap, after: str, key: str, value: Any) -> None:
    keys = list(record.keys())
    record.insert(keys.index(after) + 1 if after in keys else len(keys), key, value)


def _hotline(record: CommentedMap, _: dict[str, str]) -> list[str]:
    changes = []
    if "numbers" in record:
        channels = CommentedSeq()
        for number in record["numbers"] or []:
            label = str(number.get("label") or "")
            channel = CommentedMap()
            channel["kind"] = "传真" if "传真" in label else "电话"
            for key, value in number.items():  # every key kept, misspelt ones too: check reports them
                channel[key] = value
            channels.append(channel)
        position = list(record.keys()).index("numbers")
        del record["numbers"]
        record.insert(position, "channels", channels)
        changes.append("numbers → channels")
    if "hours" not in record and "channels" in record:
        # The old model read a missing `hours` as "answered all day": say so explicitly.
        _insert_after(record, "places" if "places" in record else "unit", "hours", "全天")
        changes.append("无 hours（旧含义：全天）→ hours: 全天")
    return changes


def _tour(record: CommentedMap, _: dict[str, str]) -> list[str]:
    changes = []
    old = record.get("channels")
    if isinstance(old, CommentedMap):
        position = list(record.keys()).index("channels")
        del record["channels"]
        channels = CommentedSeq()
        if old.get("email"):
            channels.append(CommentedMap([("kind", "邮箱"), ("email", old["email"])]))
        if old.get("mailbox"):
            channels.append(CommentedMap([("kind", "意见箱"), ("location", old["mailbox"])]))
        if old.get("reception") is not None:
            record.insert(position, "hours", old["reception"])
            position += 1
        if channels:
            record.insert(position, "channels", channels)
        changes.append("channels（映射）→ hours 和 channels（列表）")
    for group in record.get("groups") or []:
        if isinstance(group, CommentedMap) and "hotline" in group:
            position = list(group.keys()).index("hotline")
            number = group["hotline"]
            del group["hotline"]
            channel = CommentedMap([("kind", "电话"), ("number", number)])
            group.insert(position, "channels", CommentedSeq([channel]))
            changes.append(f"{group.get('name')}: hotline → channels")
    return changes


def _commitment(record: CommentedMap, list_names: dict[str, str]) -> list[str]:
    kind = record.get("kind")
    if isinstance(kind, str) and kind in OLD_COMMITMENT_KINDS:
        del record["kind"]
        if record.get("programme"):
            list_names.setdefault(str(record["programme"]), kind)
        return [f"kind: {kind} → 工作项目的 list_name"]
    return []


def _programme_list_names(data: Path, list_names: dict[str, str], write: bool) -> list[str]:
    changes: list[str] = []
    for path in sorted((data / "programmes").glob("*.y*ml")):
        loaded = _load(path, data, changes)
        if loaded is None or not isinstance(loaded[1], CommentedSeq):
            continue
        yaml, records = loaded
        touched = False
        for record in records:
            word = list_names.get(str(record.get("id"))) if isinstance(record, CommentedMap) else None
            if word and "list_name" not in record:
                _insert_after(record, "name", "list_name", word)
                changes.append(f"{_name(path, data)}: {record['id']}: list_name: {word}")
                touched = True
        if touched and write:
            path.write_text(dump(yaml, records), encoding="utf-8")
    return changes


def _site_settings(data: Path, write: bool) -> list[str]:
    path, changes = data / "site.yaml", []
    loaded = _load(path, data, changes) if path.is_file() else None
    if loaded is None or not isinstance(loaded[1], CommentedMap) or "site_url" not in loaded[1]:
        return changes
    yaml, settings = loaded
    old = settings.pop("site_url")
    if write:
        out = io.StringIO()
        yaml.dump(settings, out)
        path.write_text(out.getvalue(), encoding="utf-8")
    return [f"{_name(path, data)}: site_url 已删除（原为 {old}）：网站地址由发布方式决定，"
            "GitHub Pages 自动提供，其他发布方式请在部署时设置环境变量 SITE_URL "
            "(site_url removed: set SITE_URL where the site is published)"]
