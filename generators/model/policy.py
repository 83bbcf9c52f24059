"""Site-wide content policy, checked on every string staff write, whatever field it is in.

- Privacy: a mobile number or an 18-digit resident ID number may not be published, unless it is
  in the reviewed list of official channels (``official_numbers`` in data/site.yaml). Numbers are
  masked in the messages, because CI logs are public too.
- Official domains: if ``email_domains`` is set, every email address must be at one of them.

The pass works on the loaded documents (plain strings with positions), so a number hidden in a
note is caught as surely as one in a phone field; and on hand-written Markdown pages. What the
rule finds in a string, a page or the strings of a file is :mod:`generators.model.privacy`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..load.document import MAX_FILE_BYTES, Document, decode_utf8
from ..load.errors import ErrorReport
from .dataset import dotted
from .fields import MAX_TEXT
from .filetypes import TEXT_KINDS, file_kind, unknown_type_message
from .numbers import AMOUNT, is_resident_id, private_numbers
from .privacy import MAX_FINDINGS, findings, mask, page_findings, redact, strings_findings
from .site import Site

__all__ = ["MAX_FINDINGS", "check_documents", "check_pages", "findings", "is_resident_id", "mask",
           "page_findings", "private_numbers", "redact"]


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))


def numeric_field(model: Any, path: tuple[Any, ...]) -> bool:
    """Whether ``path`` (field names and list positions) leads, inside ``model``, to a field typed
    as a number: a figure there is an amount, whatever its digits."""
    return _numeric_field(model, tuple(0 if isinstance(part, int) else part for part in path))


@functools.cache
def _numeric_field(model: Any, path: tuple[Any, ...]) -> bool:
    """:func:`numeric_field` for a path whose list positions are all 0 (which one does not matter)."""
    annotation: Any = model
    for part in path:
        annotation = _field_type(annotation, part)
        if annotation is None:
            return False
    return _plain_types(annotation) <= {int, float} and bool(_plain_types(annotation))


def _field_type(annotation: Any, part: Any) -> Any:
    for candidate in _plain_types(annotation, keep_containers=True):
        if isinstance(part, int) and typing.get_origin(candidate) is list:
            return typing.get_args(candidate)[0]
        fields = getattr(candidate, "model_fields", None)
        if isinstance(part, str) and fields and part in fields:
            return fields[part].annotation
    return None


def _plain_types(annotation: Any, keep_containers: bool = False) -> set[Any]:
    """The types an annotation allows, through Optional, unions and Annotated (None left out)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _plain_types(typing.get_args(annotation)[0], keep_containers)
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_plain_types(a, keep_containers) for a in typing.get_args(annotation)))
    if annotation is type(None):
        return set()
    if origin is not None and not keep_containers:
        return {origin}
    return {annotation}


def check_documents(documents: dict[str, Document], site: Site, report: ErrorReport,
                    model: Any = None) -> None:
    """Every string of every data file; the error points at the number itself where it can be found
    in the file, else at the value that holds it. ``model`` is the model of the file's records
    (or of the whole file, without a record index): a figure in a numeric field is not a phone
    number."""
    for name, doc in sorted(documents.items()):
        strings = [(path, text) for path, text in _strings(doc.data)
                   if model is None or not AMOUNT.fullmatch(text.strip()) or not numeric_field(
                       model, path[1:] if path and isinstance(path[0], int) else path)]
        starts: list[int] = []  # where the lines of the file start, found at the first finding
        # No field holds more than MAX_TEXT characters (after its spaces are stripped): a longer
        # value is refused by its field, and only what a field could hold is read here.
        bounded = [t[:len(t) - len(t.lstrip()) + MAX_TEXT] for _, t in strings]
        # Caps (MAX_FINDINGS a string, MAX_FILE_FINDINGS a file) keep a hostile file (a million
        # numbers in one note, or one in each of 200,000 values) to a readable report.
        reported = 0
        for (path, text), found in zip(strings, strings_findings(bounded, site), strict=True):
            for offset, message in found:
                starts = starts or [0, *(m.end() for m in re.finditer("\n", doc.source))]
                line, col = _locate(doc, starts, path, text, offset)
                # Record files are lists: the record's own index is not part of the field path.
                field_path = path[1:] if path and isinstance(path[0], int) else path
                if reported == MAX_FILE_FINDINGS:  # one more than listed: say so, and stop
                    report.error(name, line, col, dotted(field_path), MORE_FINDINGS)
                    break
                report.error(name, line, col, dotted(field_path), message)
                reported += 1
            else:
                continue
            break


#: Privacy findings listed per data file; past them, one line says there are more.
MAX_FILE_FINDINGS = 100
MORE_FINDINGS = (f"此文件还有更多问题没有列出（每个文件只列出前 {MAX_FILE_FINDINGS} 处），请改正后重新检查 "
                 "(more findings in this file)")


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
    """Hand-written files under ``content_dir`` (generated ones are built from checked data): every
    text file MkDocs publishes (Markdown, and .txt, .csv, .htm, .svg … copied as they are) is
    read; a file of a type the site does not publish is refused."""
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
            elif entry in names and not entry.startswith(".") and not in_generated and \
                    (entry if rel == "." else f"{rel}/{entry}") not in generated:
                kind = file_kind(entry)
                if kind is None:
                    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
                    report.error(name, 0, 0, "", unknown_type_message(entry))
                elif kind in TEXT_KINDS:
                    pages.append(path)
    for page in sorted(pages):
        name = page.relative_to(root).as_posix() if page.is_relative_to(root) else str(page)
        if page.stat().st_size > MAX_FILE_BYTES:
            report.error(name, 0, 0, "", f"文件过大 (file larger than {MAX_FILE_BYTES // 2**20} MiB)")
            continue
        # MkDocs would stop with a traceback-like message and no position: say where, in Chinese.
        text = decode_utf8(page.read_bytes(), name, report)
        if text is None:
            continue
        for number, column, message in itertools.islice(page_findings(text, site), MAX_FINDINGS):
            report.error(name, number, column, "", message)
