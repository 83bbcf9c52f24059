"""Property tests of the privacy gate (issue 12): a known mobile number and a known ID number,
written with any Unicode digits, HTML entities, separators, invisible characters or reversed
behind a bidi override, in any surrounding text, are always caught; an 11-digit amount with a
unit never is. The quick ways of reading (the whole string at once, a page in one pass) read as
the rule is written."""

from __future__ import annotations

import sys
import unicodedata
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

    with patch.object(numbers, "_SHORT", 1 << 30), patch.object(numbers, "_FEW_GROUPS", 1 << 30):
        by_groups = list(numbers.private_numbers(text, frozenset({"17857082965"})))
    with patch.object(numbers, "_SHORT", 0), patch.object(marks, "_STEP", 7):
        assert list(numbers.private_numbers(text, frozenset({"17857082965"}))) == by_groups


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "\u202e", "\u202c", "ا", "a@b.cn", "x@example.gov.cn"]),
                max_size=40).map("".join))
def test_a_page_read_whole_reads_as_its_lines(text: str) -> None:
    """A hand-written page is read in one pass (:func:`policy.page_findings`): the same errors,
    in the same order, as :func:`policy.findings` on each line."""
    site = Site.model_validate({"title": "x", "region": "x", "description": "x", "statuses": [],
                                "official_numbers": ["17857082965"], "email_domains": ["example.gov.cn"]})
    assert list(page_findings(text, site)) == [
        (number, offset + 1, message) for number, line in enumerate(text.splitlines(), 1)
        for offset, message in findings(line, site)]


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
