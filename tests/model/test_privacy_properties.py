"""Property tests of the privacy gate (issue 12): a known mobile number and a known ID number,
written with any Unicode digits, HTML entities, separators, invisible characters or reversed
behind a bidi override, in any surrounding text, are always caught; an 11-digit amount with a
unit never is. The quick ways of reading (the whole string at once, a page in one pass) read as
the rule is written."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from generators.model.normalise import BIDI_CONTROLS
from generators.model.policy import findings, page_findings
from generators.model.privacy import MAX_FINDINGS, strings_findings
from generators.model.site import Site

SITE = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": []})
MOBILE, MOBILE_MASK = "13800138000", "'138****8000'"
ID_NUMBER, ID_MASK = "11010519491231002X", "'110***********002X'"

#: Every character that is a decimal digit, by value (full-width, Arabic-Indic, Devanagari,
#: mathematical bold …).
DIGITS = {d: [chr(c) for c in range(sys.maxunicode + 1)
              if unicodedata.decimal(chr(c), None) == d and unicodedata.category(chr(c)) == "Nd"]
          for d in range(10)}
#: Invisible characters between digits. Bidi controls are left out here: they change what shows
#: (an override ended between two digits shows other digits); the reversed case is drawn apart.
FORMAT = [chr(c) for c in range(0x10000)
          if unicodedata.category(chr(c)) == "Cf" and chr(c) not in BIDI_CONTROLS]
SEPARATORS = [" ", ".", "-", "/", "_", "\u3000", "\u00a0", "－", "．", "·", "(", ")", "\t"]


@st.composite
def written_digit(draw: st.DrawFn, digit: str) -> str:
    """One digit as a page may write it: itself, another Unicode digit, or an HTML entity."""
    if digit in "Xx":
        return draw(st.sampled_from(["X", "x", "Ｘ", "&#88;", "&#x78;"]))
    value = int(digit)
    how = draw(st.sampled_from(["plain", "unicode", "decimal", "hex"]))
    if how == "unicode":
        return draw(st.sampled_from(DIGITS[value]))
    if how == "decimal":
        return f"&#{ord(digit)};"
    if how == "hex":
        return f"&#x{ord(digit):x};"
    return digit


@st.composite
def gap(draw: st.DrawFn) -> str:
    """What may stand between two digits: up to three separators, any invisible characters."""
    visible = draw(st.lists(st.sampled_from(SEPARATORS), max_size=3))
    invisible = draw(st.lists(st.sampled_from(FORMAT), max_size=3))
    chars = visible + invisible
    return "".join(draw(st.permutations(chars))) if chars else ""


@st.composite
def disguised(draw: st.DrawFn, number: str) -> str:
    digits = [draw(written_digit(d)) for d in number]
    if draw(st.booleans()):
        # Written backwards behind a right-to-left override: a browser shows it the right way.
        digits.reverse()
        return "\u202e" + "".join(d + draw(gap()) for d in digits[:-1]) + digits[-1] + "\u202c"
    return "".join(d + draw(gap()) for d in digits[:-1]) + digits[-1]


#: Surrounding text: any Unicode, kept apart from the number by words, as a sentence would be.
AROUND = st.text(max_size=30)


def _caught(text: str, start: int, end: int, masked: str) -> bool:
    return any(start <= offset < end and masked in message for offset, message in findings(text, SITE))


@settings(max_examples=250, deadline=None)
@given(AROUND, st.data(), AROUND, st.sampled_from(["", "+86 ", "0086", "86-"]))
def test_a_disguised_mobile_number_is_always_caught(before: str, data: st.DataObject, after: str,
                                                    prefix: str) -> None:
    number = data.draw(disguised(MOBILE))
    text = f"{before}电话{prefix}{number}号码{after}"
    start = len(before) + 2
    assert _caught(text, start, start + len(prefix) + len(number), MOBILE_MASK), text


@settings(max_examples=200, deadline=None)
@given(AROUND, st.data(), AROUND)
def test_a_disguised_id_number_is_always_caught(before: str, data: st.DataObject, after: str) -> None:
    number = data.draw(disguised(ID_NUMBER))
    text = f"{before}身份证{number}号码{after}"
    start = len(before) + 3
    assert _caught(text, start, start + len(number), ID_MASK), text


@settings(max_examples=200, deadline=None)
@given(AROUND, AROUND, st.sampled_from(["元", "万元", " 元", "亿元", "人", "%", "平方米", "美元"]),
       st.sampled_from([MOBILE, "13,800,138,000", "13800138000.5", "15912345678"]))
def test_an_amount_with_a_unit_is_not_a_mobile_number(before: str, after: str, unit: str,
                                                       amount: str) -> None:
    text = f"{before}金额{amount}{unit}，{after}"
    start = len(before) + 2
    assert not any(start <= offset < start + len(amount) for offset, _ in findings(text, SITE)), text


#: Pieces of text near the edges of the rule: groups, separators (up to four: too many),
#: X inside and after groups, units and currencies, and lines.
PIECES = ["13800138000", "138", "0013", "8000", "86", "0086", "+86 ", "11010519491231002X", "110105",
          "19491231", "002", "X", "x", "Xa", "17857082965", "1", "13", "7", "0", "123456789012",
          " ", "  ", "   ", "    ", ".", ",", "-", "、", "\u3000", "（", "\n", "\r\n", "\u2028", "\0",
          "元", " 万元", "kg", "t", "号", "a", "¥", "RMB", "%", ".5", ",000"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_whole_string_scan_reads_as_the_group_by_group_one(text: str) -> None:
    """Long texts are read all at once (:mod:`generators.model.marks`), short ones group by
    group as the rule is written: on the same text, both find the same numbers."""
    from generators.model import marks, numbers

    def read(skip: set[str]) -> list[tuple[int, int, str, str]]:
        """As :func:`privacy.findings` reads: each number found is passed over from then on."""
        found = []
        for number in numbers.private_numbers(text, skip):
            found.append(number)
            skip.add(number[3])
        return found

    with patch.object(numbers, "_SHORT", 1 << 30), patch.object(numbers, "_FEW_GROUPS", 1 << 30):
        by_groups = list(numbers.private_numbers(text, frozenset({"17857082965"})))
        by_groups_once = read({"17857082965"})
    with patch.object(numbers, "_SHORT", 0), patch.object(marks, "_STEP", 7):
        assert list(numbers.private_numbers(text, frozenset({"17857082965"}))) == by_groups
        assert read({"17857082965"}) == by_groups_once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "\u202e", "\u202c", "ا", "a@b.cn", "x@example.gov.cn"]),
                max_size=40).map("".join))
def test_a_page_read_whole_reads_as_its_lines(text: str) -> None:
    """A hand-written page is read in one pass (:func:`policy.page_findings`): the same errors,
    in the same order, as :func:`policy.findings` on each line."""
    from generators.model import privacy

    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": [],
                                "official_numbers": ["17857082965"], "email_domains": ["example.gov.cn"]})
    by_lines = [(number, offset + 1, message) for number, line in enumerate(text.splitlines(), 1)
                for offset, message in findings(line, site)]
    assert list(page_findings(text, site)) == by_lines
    with patch.object(privacy, "_FEW_LINES", 0):  # a page of many lines, some right to left
        assert list(page_findings(text, site)) == by_lines


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*PIECES, "\u202e", "ا", "a@b.cn", "１３８"]),
                         max_size=12).map("".join), max_size=30))
def test_strings_read_together_read_as_each_alone(texts: list[str]) -> None:
    """The short strings of a data file are read together, joined by NULs
    (:func:`privacy.strings_findings`): for each, the first findings of :func:`findings` on it."""
    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": [],
                                "official_numbers": ["17857082965"], "email_domains": ["example.gov.cn"]})
    alone = [list(findings(text, site))[:MAX_FINDINGS] for text in texts]
    assert list(strings_findings(texts, site)) == alone


# The readings of right-to-left text (generators.model.bidi) against the way they were first
# written: per character, plain to read, quadratic on a long line. ------------------------------

_RTL_OPEN = {"\u202e": "override", "\u202b": "embed", "\u2067": "embed"}


def _reference_readings(text: str) -> Iterator[tuple[str, list[int]]]:
    """(reading, offsets) of each line: its right-to-left segments as they show, then the whole
    line with its runs reversed; ``offsets`` holds where each character of the reading is."""
    start = 0
    for line in text.split("\n"):
        yield _reference_segments(line, start)
        yield _reference_runs(line, start, range(len(line)))
        start += len(line) + 1


def _reference_segments(line: str, base: int) -> tuple[str, list[int]]:
    out: list[int] = []
    position = 0
    while position < len(line):
        ch = line[position]
        if ch in _RTL_OPEN:
            depth, end = 1, position + 1
            while end < len(line) and depth:
                depth += (line[end] in _RTL_OPEN or line[end] in "\u202a\u202d\u2066\u2068") - \
                    (line[end] in "\u202c\u2069")
                end += 1
            inner = range(position + 1, end - (depth == 0))
            if _RTL_OPEN[ch] == "override":
                out.extend(i for i in reversed(inner) if line[i] not in BIDI_CONTROLS)
            else:
                out.extend(_reference_runs(line, 0, inner)[1])
            position = end
        else:
            if ch not in BIDI_CONTROLS:
                out.append(position)
            position += 1
    return "".join(line[i] for i in out), [base + i for i in out]


def _reference_runs(line: str, base: int, span: range) -> tuple[str, list[int]]:
    kept = [i for i in span if line[i] not in BIDI_CONTROLS]
    text = "".join(line[i] for i in kept)
    runs = [kept[m.start():m.end()] for m in re.finditer(r"[0-9]+|[^0-9]+", text)]
    out = [i for run in reversed(runs) for i in run]
    return "".join(line[i] for i in out), [base + i for i in out]


def _reference_findings(text: str, site: Site) -> Iterator[tuple[int, str]]:
    """:func:`privacy.findings` as first written, on the reference readings."""
    from generators.model import privacy
    from generators.model.normalise import fold, has_right_to_left
    from generators.model.numbers import RUN, is_amount, private_numbers

    official = privacy._official(tuple(site.official_numbers))
    folded = fold(text)
    seen = set()
    for start, _, kind, number in private_numbers(folded.text, official):
        seen.add((kind, number))
        yield from privacy._number_message(folded.origin(start), kind, number, official)
    if has_right_to_left(text):
        amounts = [(folded.origin(run.start()), folded.origin_end(run.end()))
                   for run in RUN.finditer(folded.text) if is_amount(folded.text, run.start(), run.end())]
        with_controls = fold(text, keep_bidi=True)
        for reading, offsets in _reference_readings(with_controls.text):
            for start, end, kind, number in private_numbers(reading, official):
                offset = with_controls.origin(min(offsets[start:end]))
                if (kind, number) not in seen and not any(a <= offset < b for a, b in amounts):
                    seen.add((kind, number))
                    yield from privacy._number_message(offset, kind, number, official)
    for offset, message in privacy._email_findings(folded.text, site):
        yield folded.origin(offset), message


#: Right-to-left pieces: every bidi control, letters of right-to-left scripts, a NUL and an
#: unpaired surrogate (what the readings join pieces with, if the text has none).
BIDI_PIECES = [*sorted(BIDI_CONTROLS), "ا", "א", "\0", "\udfff", "1", "23", "456", " ", "  ", "a", "X", "-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*BIDI_PIECES, "\n"]), max_size=60).map("".join),
       st.sampled_from([3, 8, 1 << 16]))
def test_the_readings_show_as_the_per_character_reference(text: str, step: int) -> None:
    """:func:`bidi.display_readings` (whole-string operations, in steps) reads each line as the
    per-character reference does, and points each span of a reading at the same character."""
    from generators.model import bidi

    with patch.object(bidi, "_STEP", step):
        readings = list(bidi.display_readings(text))
    expected = list(_reference_readings(text))
    assert [r.text for r in readings] == [reading for reading, _ in expected]
    for reading, (shown, offsets) in zip(readings, expected, strict=True):
        for start in range(len(shown)):  # spans asked for in order, as findings asks
            for end in range(start + 1, min(len(shown), start + 19) + 1):
                assert reading.source(start, end) == min(offsets[start:end]), (shown, start, end)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, *BIDI_PIECES, "8000 0013 138", "00083100831", "56928075871",
                                 "X2001321949150101", "元00083100831"]), max_size=40).map("".join),
       st.booleans())
def test_right_to_left_findings_are_those_of_the_reference(text: str, whole: bool) -> None:
    """:func:`findings` finds, in right-to-left text, what the reference readings find: the same
    errors at the same offsets, read group by group or all at once (small steps)."""
    from generators.model import bidi, marks, numbers

    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": [],
                                "official_numbers": ["17857082965"]})
    with patch.object(numbers, "_SHORT", 0 if whole else numbers._SHORT), patch.object(marks, "_STEP", 7), \
            patch.object(bidi, "_STEP", 5):
        assert list(findings(text, site)) == list(_reference_findings(text, site))
