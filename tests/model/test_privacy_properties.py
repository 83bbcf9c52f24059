"""Property tests of the privacy gate (issue 12): a known mobile number and a known ID number,
written with any Unicode digits, HTML entities, separators, invisible characters or reversed
behind a bidi override, in any surrounding text, are always caught; an 11-digit amount with a
unit never is."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from generators.model.normalise import BIDI_CONTROLS
from generators.model.policy import findings
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
