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
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..load.document import MAX_FILE_BYTES, Document, decode_utf8
from ..load.errors import ErrorReport
from .dataset import dotted
from .filetypes import TEXT_KINDS, file_kind, unknown_type_message
from .normalise import display_readings, fold, has_right_to_left
from .site import Site

#: What may stand between the digits of one number: spaces, dots, dashes, slashes, brackets,
#: commas (text already folded, so full-width forms are these). Format characters (zero-width
#: spaces, soft hyphens, bidi controls) are gone after folding.
_SEPARATOR = r"[\s.\-_/\\·•‧・,、()\[\]（）【】'\"“”‘’:：;；+~〜‐‑‒–—―*#|=]"
#: A run of digit groups, at most three separators apart; a group may end in the X of an ID.
_RUN = re.compile(rf"[0-9]+[Xx]?(?:{_SEPARATOR}{{1,3}}(?:[0-9]+[Xx]?|[Xx](?![A-Za-z])))*")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")
_MOBILE = re.compile(r"(?:(?:00)?86)?(1[3-9][0-9]{9})")
_ID = re.compile(r"[1-9][0-9]{16}[0-9Xx]")
#: An amount written plainly, or grouped by thousands, with an optional decimal part.
_AMOUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?")
#: Units after a figure: an 11-digit figure followed by one is an amount, not a phone number.
_UNIT_AFTER = re.compile(r"\s?(?:[元万亿角个件项人名户次场条家座所台辆套间张份册本"
                         r"米里亩吨斤克升度%‰千百平立公余多]"
                         r"|美元|港元|欧元|kg|km|m2|m³|m²|t\b)")
_CURRENCY_BEFORE = re.compile(r"(?:[¥$€£]|RMB|CNY)\s?$")
EMAIL_DOMAIN = re.compile(r"@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_LOCAL_PART = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
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


def private_numbers(folded: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, digits) of each mobile number ("mobile") and resident ID number ("id")
    in folded text (see :mod:`generators.normalise`), however its digits are grouped.

    A number is one or more whole digit groups of a run: ``138 0013 8000`` and ``13800 138000``
    are found, ``138001380001`` (twelve digits) is not. A run that is an amount with a unit
    (``13800138000元``, ``¥13,800,138,000``) is an amount.
    """
    if not any(digit in folded for digit in "0123456789"):
        return  # str.find is a fast scan; the pattern below costs ~80 ns a character
    for run in _RUN.finditer(folded):
        if _is_amount(folded, run):
            continue
        groups = list(_GROUP.finditer(folded, run.start(), run.end()))
        covered = run.start()  # digits already reported as part of a number
        for first in range(len(groups)):
            if groups[first].start() < covered:
                continue
            digits = ""
            for last in range(first, len(groups)):
                digits += groups[last].group()
                if len(digits) > 22 or "X" in digits[:-1].upper():
                    break
                start, end = groups[first].start(), groups[last].end()
                if m := _MOBILE.fullmatch(digits):
                    if m.start(1) and start and folded[start - 1] == "+":
                        start -= 1  # +86 …: point at the plus sign
                    yield start, end, "mobile", m.group(1)
                elif _ID.fullmatch(digits) and is_resident_id(digits.upper()):
                    yield start, end, "id", digits.upper()
                else:
                    continue
                covered = end
                break


def _is_amount(folded: str, run: re.Match[str]) -> bool:
    if not _AMOUNT.fullmatch(run.group()):
        return False
    return bool(_UNIT_AFTER.match(folded, run.end()) or
                _CURRENCY_BEFORE.search(folded, max(0, run.start() - 4), run.start()))


@dataclass(frozen=True)
class _Rule:
    """The settings the rule reads, looked up once per file or page, not once per string."""

    official: frozenset[str] | None
    """The official numbers' digits; None while ``official_numbers`` is in error: mobile numbers
    are then not judged (every official number would be refused); resident ID numbers still are."""
    domains: frozenset[str] | None
    """The allowed email domains, lower case; None when any domain is allowed (or the setting is
    in error)."""


def _rule(site: Site) -> _Rule:
    official = _official(tuple(site.official_numbers)) if site.known("official_numbers") else None
    domains = (frozenset(d.lower() for d in site.email_domains)
               if site.email_domains and site.known("email_domains") else None)
    return _Rule(official, domains)


def findings(text: str, site: Site) -> Iterator[tuple[int, str]]:
    """(offset, message) for each policy breach in one string, the offset in ``text``.

    The string is read as a reader sees it (:func:`generators.normalise.fold`); where part of
    it shows right to left, as it shows too (:func:`generators.normalise.display_readings`).
    """
    return _findings(text, _rule(site))


#: Deletes the ASCII digits: what it removes is how many digits a text holds.
_NO_DIGITS = str.maketrans("", "", "0123456789")
#: A mobile number has 11 digits, a resident ID number 18 (17 and a check character): a text with
#: fewer digits, however they are grouped or shown, holds neither.
_FEWEST_DIGITS = 11


def _could_hold(text: str, rule: _Rule) -> bool:
    """Whether the (folded) ``text`` has enough digits for a number, or an address to check."""
    return (len(text) - len(text.translate(_NO_DIGITS)) >= _FEWEST_DIGITS
            or (rule.domains is not None and "@" in text))


#: Characters that never read as a digit or an '@', however folded: ASCII (but for the digits and
#: '&', which starts a character reference), CJK ideographs and punctuation, full-width
#: punctuation, dashes and quotes (tests/model/test_policy.py checks every one of them).
PLAIN = "\x00-\x25\x27-\x2f\x3a-\x3f\x41-\x7f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff" \
        "\uff01-\uff0f\uff1a-\uff1f\u2010-\u2027"
_NOT_PLAIN = re.compile(f"[^{PLAIN}]")


def _findings(text: str, rule: _Rule) -> Iterator[tuple[int, str]]:
    # Most strings are dates, short figures, names and sentences: counting the characters that
    # could read as a digit (or an '@') decides them without folding.
    if len(_NOT_PLAIN.findall(text)) < _FEWEST_DIGITS and "@" not in text and "&" not in text and \
            (rule.domains is None or text.isascii()):
        return
    folded = fold(text)
    if not _could_hold(folded.text, rule):
        return  # folding keeps the digits of every reading, right to left ones too
    seen: set[tuple[str, str]] = set()
    for start, _, kind, number in private_numbers(folded.text):
        seen.add((kind, number))
        yield from _number_message(folded.origin(start), kind, number, rule.official)
    if has_right_to_left(text):
        # What a browser shows in right-to-left runs: digits reversed, or groups swapped.
        # An amount keeps its unit only in the order it is written: its digits are left out.
        amounts = [(folded.origin(run.start()), folded.origin_end(run.end()))
                   for run in _RUN.finditer(folded.text) if _is_amount(folded.text, run)]
        with_controls = fold(text, keep_bidi=True)
        for reading, offsets in display_readings(with_controls.text):
            for start, end, kind, number in private_numbers(reading):
                offset = with_controls.origin(min(offsets[start:end]))
                if (kind, number) not in seen and not any(a <= offset < b for a, b in amounts):
                    seen.add((kind, number))
                    yield from _number_message(offset, kind, number, rule.official)
    if rule.domains is not None:
        for address, offset in _emails(folded.text):
            if address.rsplit("@", 1)[1].lower() not in rule.domains:
                domains = "、".join(sorted(rule.domains))
                yield folded.origin(offset), (f"电子邮箱 '{address}' 不在允许的官方域名内（{domains}）"
                                              "(email outside the official domains)")


def _number_message(offset: int, kind: str, number: str,
                    official: frozenset[str] | None) -> Iterator[tuple[int, str]]:
    if kind == "id":
        yield offset, f"疑似居民身份证号 '{mask(number)}'，不得公布个人信息 (privacy: resident ID number)"
    elif official is not None and number not in official:
        yield offset, (f"手机号码 '{mask(number)}' 不在官方渠道名单中，不得公布；如确为官方渠道，"
                       "请在 data/site.yaml 的 official_numbers 中登记 "
                       "(privacy: mobile number not in official_numbers)")


def _emails(text: str) -> Iterator[tuple[str, int]]:
    """(address, offset) of each email address; linear: the local part is read leftwards from
    each '@', at most 64 characters (a pattern that starts anywhere is quadratic on a long word)."""
    for m in EMAIL_DOMAIN.finditer(text):
        local = _LOCAL_PART.search(text, max(0, m.start() - 64), m.start())
        if local:
            yield text[local.start():m.end()], local.start()


@functools.cache
def _official(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(re.sub(r"\D", "", n) for n in numbers)


def redact(message: str) -> str:
    """``message`` with every mobile number and resident ID number in it masked.

    Other errors quote the value they refuse ("实际是 '…'"), and CI logs are public: a resident
    ID typed into a date field must not be printed in full by the date error either.
    """
    folded = fold(message)
    spans = [(folded.origin(start), folded.origin_end(end), mask(number))
             for start, end, _, number in private_numbers(folded.text)]
    out, position = [], 0
    for start, end, masked in spans:
        if start < position:
            continue  # overlapping readings of the same digits
        out += [message[position:start], masked]
        position = end
    return "".join(out) + message[position:]


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
    rule = _rule(site)
    for name, doc in sorted(documents.items()):
        starts = [0, *(m.end() for m in re.finditer("\n", doc.source))]
        for path, text in _strings(doc.data):
            if model is not None and _AMOUNT.fullmatch(text.strip()) and numeric_field(
                    model, path[1:] if path and isinstance(path[0], int) else path):
                continue
            # A cap keeps a hostile file (a million numbers in one note) to a readable report.
            for offset, message in itertools.islice(_findings(text, rule), MAX_FINDINGS):
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
    """Hand-written files under ``content_dir`` (generated ones are built from checked data): every
    text file MkDocs publishes (Markdown, and .txt, .csv, .htm, .svg … copied as they are) is
    read; a file of a type the site does not publish is refused."""
    generated = tuple(p.rstrip("/") for p in owned)
    rule = _rule(site)
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
        page_findings = ((number, offset, message) for number, line in enumerate(text.splitlines(), 1)
                         for offset, message in _findings(line, rule))
        for number, offset, message in itertools.islice(page_findings, MAX_FINDINGS):
            report.error(name, number, offset + 1, "", message)
