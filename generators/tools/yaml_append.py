"""Append dated updates to commitments in their YAML files without touching a byte of what is
already there.

ruamel.yaml's round-trip loader finds each record and the line and column of its last history
entry; the new entry is dumped by ruamel.yaml (so its scalars are quoted exactly when YAML needs
it) and inserted as text right after that entry, at the same indentation. Re-dumping the whole
file with ruamel.yaml would keep comments and key order but re-indent the top-level list and
re-fold long text (measured on data/: every sample file changed), so existing lines are never
re-dumped.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML


class AppendError(Exception):
    pass


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    return yaml


def append_updates(text: str, updates: dict[str, list[dict[str, Any]]]) -> str:
    """``text`` with each record ``id``'s new entries appended at the end of its ``history``."""
    records = _yaml().load(text) or []
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    inserts: list[tuple[int, list[str]]] = []
    starts = sorted(r.lc.line for r in records)
    for record in records:
        if record.get("id") not in updates:
            continue
        entries = updates[record["id"]]
        end = _end_of_record(lines, record.lc.line, starts)
        history = record.get("history")
        if history:
            line, col = history.lc.item(len(history) - 1)
            after = _end_of_block(lines, line, end, col)
            inserts.append((after, _entries(entries, col)))
        else:
            key_col = record.lc.col
            block = [" " * key_col + "history:\n", *_entries(entries, key_col + 4)]
            if "history" in record:  # ``history: []`` written out: replace that line
                line = record.lc.key("history")[0]
                lines[line] = ""
                inserts.append((line + 1, block))
            else:
                inserts.append((_end_of_block(lines, record.lc.line, end, key_col), block))
    for at, block in sorted(inserts, reverse=True):
        lines[at:at] = block
    return "".join(lines)


def _end_of_record(lines: list[str], start: int, starts: list[int]) -> int:
    later = [s for s in starts if s > start]
    return later[0] if later else len(lines)


def _end_of_block(lines: list[str], first: int, limit: int, col: int) -> int:
    """The line after the block that starts at ``first`` (a list item or record whose keys are
    at column ``col``): the first later line indented less, before any trailing blank and
    comment lines (they belong to what follows)."""
    end = first + 1
    while end < limit:
        line = lines[end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            if indent < col:
                break
        end += 1
    while end - 1 > first and (not lines[end - 1].strip() or lines[end - 1].strip().startswith("#")):
        end -= 1
    return end


def _entries(entries: list[dict[str, Any]], col: int) -> list[str]:
    out: list[str] = []
    for entry in entries:
        buffer = io.StringIO()
        _yaml().dump(dict(entry), buffer)
        body = buffer.getvalue().splitlines()
        out.append(" " * (col - 2) + "- " + body[0] + "\n")
        out += [" " * col + line + "\n" for line in body[1:]]
    return out
