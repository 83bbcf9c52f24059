"""Site-wide content policy, checked on every string staff write, whatever field it is in.

- Privacy: a mobile number or an 18-digit resident ID number may not be published, unless it is
  in the reviewed list of official channels (``official_numbers`` in data/site.yaml). Numbers are
  masked in the messages, because CI logs are public too.
- Official domains: if ``email_domains`` is set, every email address must be at one of them.

The pass works on the loaded documents (plain strings with positions), so a number hidden in a
note is caught as surely as one in a phone field; and on hand-written Markdown pages.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..load.document import MAX_FILE_BYTES, Document
from ..load.errors import ErrorReport
from .dataset import dotted
from .site import Site

# Numbers are also written in groups (138 0013 8000, 138-0013-8000), after the country code
# (+86, 86) and in full-width digits; the patterns run on text folded by _FOLD, which maps those
# characters one for one, so that offsets stay those of the original text.
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])")
RESIDENT_ID = re.compile(r"(?<![0-9])([1-9][0-9]{5})[- ]?([0-9]{8})[- ]?([0-9]{3}[0-9Xx])(?![0-9Xx])")
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       "Ｘ": "X", "ｘ": "x", "－": "-", "\u3000": " ", "\u00a0": " ", "＋": "+"})
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
#: Findings reported per string (data) or per page (hand-written): the rest add nothing.
MAX_FINDINGS = 10
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def is_resident_id(text: str) -> bool:
    """Whether ``text`` is an 18-character ID number with a valid ISO 7064 MOD 11-2 check."""
    total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == text[17].upper()


def mask(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def findings(text: str, site: Site) -> Iterator[tuple[int, str]]:
    """(offset, message) for each policy breach in one string."""
    official = _official(tuple(site.official_numbers))
    folded = text.translate(_FOLD)
    for m in RESIDENT_ID.finditer(folded):
        if is_resident_id(number := "".join(m.groups()).upper()):
            yield m.start(), (f"疑似居民身份证号 '{mask(number)}'，不得公布个人信息 "
                              "(privacy: resident ID number)")
    for m in MOBILE.finditer(folded):
        if (number := "".join(m.groups())) not in official:
            yield m.start(), (f"手机号码 '{mask(number)}' 不在官方渠道名单中，不得公布；如确为官方渠道，"
                              "请在 data/site.yaml 的 official_numbers 中登记 "
                              "(privacy: mobile number not in official_numbers)")
    if site.email_domains:
        allowed = {d.lower() for d in site.email_domains}
        for m in EMAIL.finditer(text):
            if m.group(1).lower() not in allowed:
                domains = "、".join(sorted(allowed))
                yield m.start(), (f"电子邮箱 '{m.group()}' 不在允许的官方域名内（{domains}）"
                                  "(email outside the official domains)")


@functools.cache
def _official(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(re.sub(r"\D", "", n) for n in numbers)


def redact(message: str) -> str:
    """``message`` with every mobile number and resident ID number in it masked.

    Other errors quote the value they refuse ("实际是 '…'"), and CI logs are public: a resident
    ID typed into a date field must not be printed in full by the date error either.
    """
    def resident_id(m: re.Match[str]) -> str:
        number = "".join(m.groups()).upper()
        return mask(number) if is_resident_id(number) else m.group()

    message = RESIDENT_ID.sub(resident_id, message.translate(_FOLD))
    return MOBILE.sub(lambda m: mask("".join(m.groups())), message)


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))


def check_documents(documents: dict[str, Document], site: Site, report: ErrorReport) -> None:
    """Every string of every data file; the error points at the number itself where it can be found
    in the file, else at the value that holds it."""
    for name, doc in sorted(documents.items()):
        starts = [0, *(m.end() for m in re.finditer("\n", doc.source))]
        for path, text in _strings(doc.data):
            # A cap keeps a hostile file (a million numbers in one note) to a readable report.
            for offset, message in itertools.islice(findings(text, site), MAX_FINDINGS):
                line, col = _locate(doc, starts, path, text, offset)
                # Record files are lists: the record's own index is not part of the field path.
                field_path = path[1:] if path and isinstance(path[0], int) else path
                report.error(name, line, col, dotted(field_path), message)


_TOKEN = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|[0-9Xx]+")


def _locate(doc: Document, starts: list[int], path: tuple[Any, ...], text: str,
            offset: int) -> tuple[int, int]:
    """Line and column of the finding at ``offset`` of the loaded string ``text``, in the file.

    The loaded string is not the file's text (quotes, escapes, folded lines, indentation), but
    digits and addresses are written as they are: find the same occurrence of the same token
    after the value's start. Fall back to the value's start if it is not there (an escape).
    ``starts`` are the offsets at which the lines of ``doc.source`` start.
    """
    line, col = doc.position(path)
    if not doc.source or line > len(starts):
        return line, col
    token = _TOKEN.match(text, offset)
    needle = token.group() if token else text[offset:offset + 1]
    nth = text.count(needle, 0, offset)
    start = starts[line - 1] + col - 1
    # Escapes can make the source up to ten times longer than the string.
    limit = start + 10 * len(text) + 100
    found = start - 1
    for _ in range(nth + 1):
        found = doc.source.find(needle, found + 1, limit)
        if found < 0:
            return line, col
    found_line = bisect.bisect_right(starts, found)
    return found_line, found - starts[found_line - 1] + 1


def check_pages(content_dir: Path, owned: list[str], root: Path, site: Site, report: ErrorReport) -> None:
    """Hand-written Markdown pages under ``content_dir`` (generated ones are built from checked data)."""
    generated = tuple(p.rstrip("/") for p in owned)
    pages: list[Path] = []
    for folder, dirs, files in os.walk(content_dir):  # symbolic links are listed, not followed
        here = Path(folder)
        rel = here.relative_to(content_dir).as_posix()
        # Generated folders hold only what generate wrote from checked data: not read here.
        in_generated = any(rel == g or rel.startswith(g + "/") for g in generated)
        names = set(files)
        for entry in sorted([*dirs, *files]):
            path = here / entry
            # MkDocs copies what a link points at: a secret of the build machine would be published.
            if path.is_symlink():
                name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
                report.error(name, 0, 0, "",
                             "content/ 中不能有符号链接，请放入文件本身 (symbolic links are not allowed)")
            elif entry in names and entry.endswith(".md") and not in_generated and \
                    (entry if rel == "." else f"{rel}/{entry}") not in generated:
                pages.append(path)
    for page in sorted(pages):
        name = page.relative_to(root).as_posix() if page.is_relative_to(root) else str(page)
        if page.stat().st_size > MAX_FILE_BYTES:
            report.error(name, 0, 0, "", f"文件过大 (file larger than {MAX_FILE_BYTES // 2**20} MiB)")
            continue
        raw = page.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # MkDocs would stop with a traceback-like message and no position: say where, in Chinese.
            line = raw[: exc.start].count(b"\n") + 1
            # Columns count characters, as editors do, not bytes.
            line_start = raw.rfind(b"\n", 0, exc.start) + 1
            col = len(raw[line_start:exc.start].decode("utf-8", errors="replace")) + 1
            report.error(name, line, col, "", "文件不是 UTF-8 编码，请用 UTF-8 保存 (file is not UTF-8)")
            continue
        page_findings = ((number, offset, message) for number, line in enumerate(text.splitlines(), 1)
                         for offset, message in findings(line, site))
        for number, offset, message in itertools.islice(page_findings, MAX_FINDINGS):
            report.error(name, number, offset + 1, "", message)
