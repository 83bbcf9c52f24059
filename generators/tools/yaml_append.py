"""Append dated updates to commitments in their YAML files without touching a byte of what is
already there.

Where each record and its last history entry sit (line and column) comes from the loader's own
document (``load.document``, built from libyaml's events, already read by ``check``). The new
entries are written plain where a value is plainly text, a date or a number, quoted by
ruamel.yaml otherwise, and inserted as text right after the last entry at the same indentation.
Two things measured on this project ruled out a ruamel.yaml round-trip of the whole file:
re-dumping re-indents the top-level list and re-folds long text (every sample file under data/
changed), and its pure-Python loader and emitter took most of the 500-item import's time
(tests/bench.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from ruamel.yaml import YAML

from ..load.document import Document


class AppendError(Exception):
    pass


def append_updates(text: str, doc: Document, updates: dict[int, list[dict[str, Any]]]) -> str:
    """``text`` (the file ``doc`` was read from) with the new entries appended at the end of the
    ``history`` of the records at the given list positions."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = sorted(pos[0] - 1 for path, pos in doc.values.items() if len(path) == 1)
    last_entry: dict[int, tuple[int, int]] = {}
    for path, pos in doc.values.items():
        if len(path) == 3 and path[1] == "history" and path[0] in updates:
            last_entry[path[0]] = max(last_entry.get(path[0], pos), pos)
    dumped = iter(_dump([entry for index in sorted(updates) for entry in updates[index]]))
    inserts: list[tuple[int, list[str]]] = []
    for index in sorted(updates):
        count = len(updates[index])
        blocks = [next(dumped) for _ in range(count)]
        line, col = (n - 1 for n in doc.values[(index,)])
        end = next((s for s in starts if s > line), len(lines))
        if index in last_entry:
            last_line, last_col = (n - 1 for n in last_entry[index])
            if lines[last_line][last_col - 2:last_col] != "- ":
                raise AppendError(f"{doc.file}:{last_line + 1}: history 须写成每条一行以 “- ” 开头的列表，"
                                  "不能写成 [ ] 的形式 (history must be a block list)")
            at = _end_of_block(lines, last_line, end, last_col)
            inserts.append((at, _indent(blocks, last_col)))
        elif (index, "history") in doc.keys:  # ``history: []`` written out: replace that line
            key_line = doc.keys[(index, "history")][0] - 1
            if lines[key_line].split("#")[0].strip() not in ("history: []", "history:"):
                raise AppendError(f"{doc.file}:{key_line + 1}: 无法在这一行的 history 后追加进展")
            lines[key_line] = ""
            inserts.append((key_line + 1, [" " * col + "history:\n", *_indent(blocks, col + 4)]))
        else:
            at = _end_of_block(lines, line, end, col)
            inserts.append((at, [" " * col + "history:\n", *_indent(blocks, col + 4)]))
    for at, block in sorted(inserts, key=lambda pair: pair[0], reverse=True):
        lines[at:at] = block
    return "".join(lines)


def _end_of_block(lines: list[str], first: int, limit: int, col: int) -> int:
    """The line after the block that starts at ``first`` (a list item or record whose keys are
    at column ``col``): the first later line indented less, before any trailing blank and
    comment lines (they belong to what follows)."""
    end = first + 1
    while end < limit:
        line = lines[end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip(" ")) < col:
            break
        end += 1
    while end - 1 > first and (not lines[end - 1].strip() or lines[end - 1].strip().startswith("#")):
        end -= 1
    return end


def _dump(entries: list[dict[str, Any]]) -> list[list[str]]:
    """Each entry as YAML lines, ``- key: value`` first, continuation lines indented by 2."""
    blocks = []
    for entry in entries:
        lines = [f"{key}: {_scalar(value)}" for key, value in entry.items()]
        blocks.append(["- " + lines[0], *("  " + line for line in lines[1:])])
    return blocks


# Text any YAML reader takes as the same text when written plain; anything else (a leading
# indicator, ": ", " #", a number, a date, yes/no) is quoted by ruamel.yaml.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#\n\r\t]|:(?!\s)|(?<!\s)#)*(?<!\s)")
_NOT_TEXT = re.compile(r"[-+.\d][\d_.:eE+-]*|(?i:y|n|yes|no|true|false|on|off|null|~)|\d{4}-.*")


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and not _NOT_TEXT.fullmatch(text):
        return text
    yaml = YAML(typ="rt")
    yaml.width = 4096
    buffer = io.StringIO()
    yaml.dump([text], buffer)
    quoted = buffer.getvalue()
    return quoted[2:].rstrip("\n") if quoted.startswith("- ") else quoted


def _indent(blocks: list[list[str]], col: int) -> list[str]:
    """Entries whose keys start at column ``col``: the dash two columns before."""
    pad = " " * (col - 2)
    return [pad + line + "\n" for block in blocks for line in block]
