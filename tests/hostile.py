"""Hostile inputs for the privacy scan (issue 12): files just under the 20 MiB limit made of
digits, written in every way the scan has to see through. The benchmark (``make bench``) times
``check`` on each, as a hand-written page and as a data file (the target: within 10 s, with a
message); the unit tests use them at a small size.

Each pattern is repeated to the size asked for. Some make numbers the scan reports (it stops at
the cap), the rest make text it must read to the end without reporting anything: official
numbers, amounts, resident ID numbers with a wrong check digit, digits that never form a number.
A data file may also hold as many short values as it is allowed (``MANY_VALUES``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generators.load.document import MAX_FILE_BYTES, MAX_VALUES

#: What the scan reports, written so that it has to fold or join it first.
MOBILE_SPACED = "138 0013 8000 "
ZWSP = "\u200b"

PATTERNS: dict[str, str] = {
    # Reported: a mobile number not in official_numbers, again and again.
    "spaced mobiles": MOBILE_SPACED,
    "dotted mobiles": "138.0013.8000.",
    "hyphenated mobiles": "138-0013-8000-",
    "zero-width spaced digits": ZWSP.join("13800138000") + " ",
    "full-width mobiles": "１３８ ００１３ ８０００　",
    "entity mobiles": "".join(f"&#{ord(d)};" for d in "13800138000") + " ",
    # 18 digits across these groups pass the ID check now and then.
    "grouped ID digits": "110105 19491231 0021 ",
    # Written backwards behind right-to-left overrides: shows as 13800138000 (reported once: the
    # same number again adds nothing).
    "reversed behind overrides": "\u202e00083100831\u202c ",
    # Read to the end: nothing to report, or nothing the cap stops.
    "official numbers, spaced": "178 5708 2965 ",
    "official numbers, one a sentence": "电话17857082965。",
    "IDs with a wrong check digit, one a sentence": "110105194912310021。",
    "one digit run": "1",
    "short runs": "1a",
    "alternating digit and dot": "1.",
    "alternating digit and space": "0 ",
    "zero-width between zeros": "0" + ZWSP,
    "entity zeros": "&#48;",
    "digits and four spaces": "1    ",
    "one digit a line": "1\n",
    "official numbers, one a line": "17857082965\n",
    "amounts with a unit": "13800138000元 ",
    # Right-to-left letters: every line is also read with its runs of digits in reverse order.
    "right-to-left line of official numbers": "ا 17857082965 ",
    "right-to-left line of amounts": "ا13800138000元 ",
    "right-to-left line of digits": "ا" + "1 " * 32,
    # Overrides never closed: each runs to the end of the line (about 8.5 s of CPU at 20 MiB).
    "unclosed overrides": "\u202e1 ",
    # Amounts whose groups, reversed, make a mobile number (13880000000): each reading of it is
    # dropped as an amount one by one, in Python (35 s of CPU at 20 MiB read as it shows: the
    # right-to-left budget refuses it first).
    "right-to-left line of grouped amounts": "ا00,000,800,138元 ",
    # A data value of many lines, each reversed behind an override: the value is read line by
    # line, two readings a line, in Python (51 s of CPU at 20 MiB; now only what the field can
    # hold is read). As a page, 3.7 s.
    "reversed behind overrides, one a line": "\u202e00083100831\u202c\n",
    # Nested embeddings and overrides: the line is listed piece by piece, one step per bidi
    # control, in Python (about 19 s at 20 MiB read as it shows: the budget refuses it first).
    "nested right-to-left segments": "\u202b\u202e0831\u202a001\u202c0008\u202c\u202c ",
}


#: A data file of as many values as a file may hold (MAX_VALUES), each holding this: every value is
#: its own string, read for numbers. A number in each makes a report of as many errors.
MANY_VALUES: dict[str, str] = {
    "199,000 values, an official number in each": "电话 178 5708 2965",
    "199,000 values, a mobile number in each": "电话 138 0013 8000",
}


def text(pattern: str, size: int, indent: int = 0) -> str:
    """``pattern`` repeated to at most ``size`` bytes of UTF-8, counting ``indent`` more bytes
    for each line break (the indentation of a YAML block)."""
    return pattern * (size // (len(pattern.encode("utf-8")) + indent * pattern.count("\n")))


def write_page(content: Path, pattern: str, size: int = MAX_FILE_BYTES) -> Path:
    """A hand-written page of ``size`` bytes at most, under ``content``."""
    page = content / "hostile.md"
    page.write_text(text(pattern, size), encoding="utf-8")
    return page


def write_record(data: Path, pattern: str, size: int = MAX_FILE_BYTES) -> Path:
    """A unit record whose note is ``pattern`` repeated: a data file of ``size`` bytes at most.
    The note is a literal block, so every character stays as written."""
    head = "- id: hostile\n  name: 测试组\n  note: |-\n    "
    body = text(pattern, size - len(head.encode("utf-8")) - 1, indent=4)
    path = data / "units" / "hostile.yaml"
    path.write_text(head + body.replace("\n", "\n    ").rstrip(" ") + "\n", encoding="utf-8")
    return path


def write_values(data: Path, value: str, count: int = MAX_VALUES - 1000) -> Path:
    """A unit record with a list of ``count`` copies of ``value`` (each numbered, so that no two
    are the same) in a field of its own."""
    path = data / "units" / "hostile.yaml"
    items = "".join(f"    - {value} {i:06d}\n" for i in range(count))
    path.write_text(f"- id: hostile\n  name: 测试组\n  list:\n{items}", encoding="utf-8")
    return path


# The benchmark -------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"
#: The issue's bound for ``check`` on a 20 MiB file.
TARGET_SECONDS = 10


@dataclass
class Row:
    case: str
    kind: str  # "page" or "data file"
    size: int
    seconds: float
    cpu: float
    peak_mb: float
    code: int
    errors: int
    last_line: str
    load: float

    @property
    def holds(self) -> bool:
        """Within the bound, and ended with the report's closing line (no traceback)."""
        return (self.seconds <= TARGET_SECONDS and self.code in (0, 1)
                and ("检查通过" in self.last_line or "个错误" in self.last_line))


def bench(work: Path) -> list[Row]:
    """``check`` on a copy of the sample data with each hostile file added: as a hand-written
    page under content/, and as the note of a unit in data/units/; then the files of many values."""
    rows = []
    for case, pattern in PATTERNS.items():
        for kind in ("page", "data file"):
            where = _project(work / "hostile" / re.sub(r"\W+", "-", f"{case}-{kind}"))
            if kind == "page":
                path = write_page(where / "content", pattern)
            else:
                path = write_record(where / "data", pattern)
            rows.append(_check(where, case, kind, path.stat().st_size))
    for case, value in MANY_VALUES.items():
        where = _project(work / "hostile" / re.sub(r"\W+", "-", case))
        rows.append(_check(where, case, "data file", write_values(where / "data", value).stat().st_size))
    return rows


def _project(where: Path) -> Path:
    """A copy of the sample data and of the hand-written pages."""
    from generators.render.generate import clean

    shutil.copytree(ROOT / "data", where / "data")
    shutil.copytree(ROOT / "content", where / "content")
    clean(where / "content")  # only the hand-written pages
    return where


def _check(where: Path, case: str, kind: str, size: int) -> Row:
    """Wall and CPU seconds, peak memory, exit code and report of ``check`` in ``where``."""
    load = os.getloadavg()[0]
    with open(where / "stderr.txt", "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "generators", "check", "--data", str(where / "data"),
             "--content", str(where / "content"), "--as-of", AS_OF],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    lines = (where / "stderr.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    row = Row(case, kind, size, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
              os.waitstatus_to_exitcode(status),
              sum(1 for line in lines if line.startswith(("content/", "data/"))),
              lines[-1] if lines else "", load)
    print(table([row]).splitlines()[-1], file=sys.stderr, flush=True)
    shutil.rmtree(where)
    return row


def table(rows: list[Row]) -> str:
    out = ["| case | file | size (MiB) | wall (s) | CPU (s) | peak memory (MB) | exit | errors | load "
           "| ≤ 10 s with a message? |", "|" + " --- |" * 10]
    for r in rows:
        out.append(f"| {r.case} | {r.kind} | {r.size / 2**20:.1f} | {r.seconds:.1f} | {r.cpu:.1f} | "
                   f"{r.peak_mb:,.0f} | {r.code} | {r.errors} | {r.load:.1f} | "
                   f"{'yes' if r.holds else '**no**: ' + r.last_line[:80]} |")
    return "\n".join(out)
