"""Mobile numbers and resident ID numbers in folded text, however their digits are grouped.

The rule. Digits are written in *groups* (``138 0013 8000``); groups one to three separators
apart form a *run*; a group may end in the X of an ID number, and a lone X may be a group of its
own. A number is one or more whole groups of a run: from each group, left to right, the shortest
whole-group reading that is a mobile number (11 digits, maybe after 86 or 0086) or a resident ID
number (17 digits and a valid check character) is taken, and the next reading starts after it.
A run that is an amount with a unit (``13800138000元``, ``¥13,800,138,000``) holds no number.

How, in time linear in the text, with no Python code run per character (issue 12: 20 MiB of
digits is checked in seconds):

- a short text with few groups (a phone field) is read group by group, as the rule is written
  (:func:`_numbers_in_groups`), in the runs one regular expression finds;
- any other text is read all at once by :mod:`generators.model.marks`: a figure of one group
  followed by a unit is passed over there; for each other number found, its run is measured,
  once, to see whether it is an amount (:class:`_NotAmount`).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from . import marks

#: What may stand between the digits of one number: spaces, dots, dashes, slashes, brackets,
#: commas (text already folded, so full-width forms are these). Format characters (zero-width
#: spaces, soft hyphens, bidi controls) are gone after folding.
SEPARATOR = r"[\s.\-_/\\·•‧・,、()\[\]（）【】'\"“”‘’:：;；+~〜‐‑‒–—―*#|=]"
_SEPARATORS = frozenset(".-_/\\·•‧・,、()[]（）【】'\"“”‘’:：;；+~〜‐‑‒–—―*#|=")  # and \s
#: Separators that are not ASCII: these and the Unicode spaces (what ``\s`` matches).
_WIDE_SEPARATORS = frozenset({c for c in _SEPARATORS if not c.isascii()} | {
    "\x85", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200b)), "\u2028", "\u2029", "\u202f",
    "\u205f", "\u3000"})
#: A run of digit groups, at most three separators apart; a group may end in the X of an ID.
#: Possessive throughout: a run is read once, with no backtracking.
RUN = re.compile(rf"[0-9]++[Xx]?+(?:{SEPARATOR}{{1,3}}+(?:[0-9]++[Xx]?+|[Xx](?![A-Za-z])))*+")
#: The groups before a group of a run, read leftwards in the reversed text.
_RUN_BEFORE = re.compile(rf"(?:{SEPARATOR}{{1,3}}+(?:[Xx]?+[0-9]++|[Xx]))*+")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")
_DIGIT = re.compile(r"[0-9]")
_DIGITS = re.compile(r"[0-9]*")
#: From a separator, the first character of the group at most three characters on.
_NEXT_GROUP = re.compile(rf"{SEPARATOR}{{1,3}}[0-9Xx]")
_FIGURE = re.compile(r"[0-9.,]+")
#: An amount written plainly, or grouped by thousands, with an optional decimal part.
AMOUNT = re.compile(r"[0-9]{1,3}+(?:,[0-9]{3})++(?:\.[0-9]++)?+|[0-9]++(?:\.[0-9]++)?+")
#: Units after a figure: an 11-digit figure followed by one is an amount, not a phone number.
_UNIT_CHARACTERS = "元万亿角个件项人名户次场条家座所台辆套间张份册本米里亩吨斤克升度%‰千百平立公余多"
_UNIT_AFTER = re.compile(rf"\s?(?:[{_UNIT_CHARACTERS}]|美元|港元|欧元|kg|km|m2|m³|m²|t\b)")
_CURRENCY_BEFORE = re.compile(r"(?:[¥$€£]|RMB|CNY)\s?$")
#: The next run that may hold a number, from one of its groups to its end: 11 digits at most
#: three separators apart start at that group (every number has them).
_NEXT_RUN = re.compile(rf"(?<![0-9])(?=[0-9](?:{SEPARATOR}{{0,3}}+[0-9]){{10}}){RUN.pattern}")
#: After a group, what makes the run go on: an X, or one to three separators and a group.
_RUN_GOES_ON = rf"[0-9Xx]|{SEPARATOR}{{1,3}}+(?:[0-9]|[Xx](?![A-Za-z]))"
#: A run that is an amount, from its first group, where the run certainly starts there (no digit
#: or X one to three separators before it): a quicker :func:`is_amount` for a table of amounts.
_AMOUNT_RUN = re.compile(
    rf"(?<![0-9Xx]{SEPARATOR})(?<![0-9Xx]{SEPARATOR}{{2}})(?<![0-9Xx]{SEPARATOR}{{3}})"
    rf"(?:(?<=[¥$€£])|(?<=[¥$€£]\s)|(?<=[¥$€£]\s\n)|(?<=RMB)|(?<=RMB\s)|(?<=CNY)|(?<=CNY\s)"
    rf"|(?=(?:{AMOUNT.pattern})(?!{_RUN_GOES_ON}){_UNIT_AFTER.pattern}))"
    rf"(?:{AMOUNT.pattern})(?!{_RUN_GOES_ON})")
_UNIT_FIRST = re.compile(f"[{_UNIT_CHARACTERS}美港欧kmt]")  # what every unit starts with
#: After a figure, the character that starts its unit (what ``_UNIT_AFTER`` matches): the
#: space before it, or its first character. Each alternative starts with that character, so
#: that the search skips quickly over text without units.
_UNIT_START = re.compile(
    rf"\s(?<=[0-9]\s)(?={_UNIT_AFTER.pattern[3:]})|[{_UNIT_CHARACTERS}](?<=[0-9].)"
    r"|[美港欧](?<=[0-9].)(?=元)|k(?<=[0-9]k)(?=[gm])|m(?<=[0-9]m)(?=[2³²])|t(?<=[0-9]t)\b")
_MOBILE = re.compile(r"(?:(?:00)?86)?(1[3-9][0-9]{9})")
_ID = re.compile(r"[1-9][0-9]{16}[0-9Xx]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: A text this short with this few groups is read group by group (quicker for a phone field
#: than setting up the whole-string operations of :mod:`generators.model.marks`).
_SHORT = 1024
_FEW_GROUPS = 8


def is_resident_id(text: str) -> bool:
    """Whether ``text`` is an 18-character ID number with a valid ISO 7064 MOD 11-2 check."""
    total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == text[17].upper()


def is_amount(folded: str, start: int, end: int) -> bool:
    """Whether the run ``folded[start:end]`` is an amount: a plain figure with a unit after it or
    a currency before it."""
    return bool(AMOUNT.fullmatch(folded, start, end) and (
        _UNIT_AFTER.match(folded, end) or
        _CURRENCY_BEFORE.search(folded, start - 4 if start > 4 else 0, start)))


def groups_meet(folded: str) -> bool:
    """Whether a run of ``folded`` has more than one group, or an X near a group. If not, every
    number in it is one group of digits, the same whatever order the runs are read in."""
    return marks.groups_meet(folded, _WIDE_SEPARATORS)


def private_numbers(folded: str, skip: Container[str] = frozenset()) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, digits) of each mobile number ("mobile") and resident ID number ("id")
    in folded text (see :mod:`generators.model.normalise`), in order. Numbers in ``skip``
    (reviewed official ones, or those already reported) are passed over without a word; it is
    read as numbers are found, so it may grow meanwhile. See the module's docstring."""
    if not any(digit in folded for digit in "0123456789"):
        return  # str.find is a fast scan
    first_group = _FirstGroup(folded)
    if len(folded) <= _SHORT:
        runs = [(first_group.of(m.start()), m.end()) for m in _NEXT_RUN.finditer(folded)]
        groups = [[m.span() for m in _GROUP.finditer(folded, start, end)]
                  for start, end in runs if not is_amount(folded, start, end)]
        if sum(map(len, groups)) <= _FEW_GROUPS:
            for spans in groups:
                yield from _numbers_in_groups(folded, spans, skip)
            return
    not_amount = _NotAmount(folded, first_group)
    # U+0001 where a unit starts after a figure, for marks (a U+0001 of the text is of no class).
    units = folded.replace("\x01", "\0")
    if _UNIT_FIRST.search(units):  # a quick scan
        units = _UNIT_START.sub("\x01", units)
    for start, end, length, number in marks.numbers(units, _WIDE_SEPARATORS, skip, not_amount):
        if length in (13, 15) and start and folded[start - 1] == "+":
            start -= 1  # +86 …: point at the plus sign
        yield start, end, "id" if length == 18 else "mobile", number


class _NotAmount:
    """Whether a number (start, end) is outside amounts: its run is measured once, at its first
    number asked for, unless the number itself shows it is none (an amount is digits, commas
    and dots only)."""

    def __init__(self, folded: str, first_group: _FirstGroup):
        self.folded, self.first_group = folded, first_group
        self.end, self.amount = 0, False  # the run last measured

    def __call__(self, group: int, end: int) -> bool:
        folded = self.folded
        if group >= self.end:
            if not _FIGURE.fullmatch(folded, group, end):
                return True
            if quick := _AMOUNT_RUN.match(folded, group):
                self.end, self.amount = quick.end(), True
            else:
                start = self.first_group.of(group)
                self.end = RUN.match(folded, start).end()
                self.amount = is_amount(folded, start, self.end)
        return not self.amount


class AmountRuns:
    """Whether a character of folded text is in a run that is an amount: for a number read in
    another order than written (:func:`generators.model.privacy.findings`). Each run is
    measured once, whatever order it is asked about in."""

    def __init__(self, folded: str):
        self.folded = folded
        self.first_group = _FirstGroup(folded)
        self.runs: dict[int, tuple[int, bool]] = {}  # start: end, and whether it is an amount

    def holds(self, at: int) -> bool:
        group = self._group(at)
        if group is None:
            return False
        start = self.first_group.of(group)
        if start not in self.runs:
            run = RUN.match(self.folded, start)
            end = run.end() if run else start
            self.runs[start] = end, bool(run) and is_amount(self.folded, start, end)
        end, amount = self.runs[start]
        return start <= at < end and amount

    def _group(self, at: int) -> int | None:
        """The start of the group holding ``folded[at]``, or of the next one if it is a
        separator one to three before it; None if it is neither."""
        folded = self.folded
        if folded[at] in "Xx" and not (at and "0" <= folded[at - 1] <= "9"):
            return at  # an X on its own
        if folded[at] in "Xx":
            at -= 1  # the X after the digits of an ID number
        if "0" <= folded[at] <= "9":
            if not self.first_group.reversed:
                self.first_group.reversed = folded[::-1]
            digits = _DIGITS.match(self.first_group.reversed, len(folded) - 1 - at)
            assert digits is not None
            return at - len(digits.group()) + 1
        after = _NEXT_GROUP.match(folded, at)
        return after.end() - 1 if after else None


class _FirstGroup:
    """Where the run of a group starts: earlier groups one to three separators before it are
    read leftwards, in the reversed text (made once, if ever needed)."""

    def __init__(self, folded: str):
        self.folded = folded
        self.reversed = ""

    def of(self, group: int) -> int:
        folded = self.folded
        if not group or not (folded[group - 1] in _SEPARATORS or folded[group - 1].isspace()):
            return group
        if not self.reversed:
            self.reversed = folded[::-1]
        before = _RUN_BEFORE.match(self.reversed, len(folded) - group)
        assert before is not None  # the pattern matches the empty string
        # A run starts with digits: lone X groups at its left edge are not part of it.
        first = _DIGIT.search(folded, group - len(before.group()), group)
        return first.start() if first else group


def _numbers_in_groups(folded: str, groups: list[tuple[int, int]],
                       skip: Container[str]) -> Iterator[tuple[int, int, str, str]]:
    """The numbers in one run, given the (start, end) of its groups: the rule as written in the
    module's docstring, one group after another."""
    covered = 0  # the end of the last number read
    for first, (start, _) in enumerate(groups):
        if start < covered:
            continue
        digits = ""
        for begin, end in groups[first:first + 18]:
            digits += folded[begin:end]
            if len(digits) > 18 or "X" in digits[:-1].upper():
                break
            reading = _reading(digits)
            if reading is None:
                continue
            covered = end
            kind, number = reading
            if number in skip:
                break
            if len(digits) > 11 and kind == "mobile" and start and folded[start - 1] == "+":
                start -= 1  # +86 …: point at the plus sign
            yield start, end, kind, number
            break


def _reading(digits: str) -> tuple[str, str] | None:
    """("mobile", number) or ("id", number) if ``digits`` (one or more whole groups) is one."""
    if len(digits) in (11, 13, 15) and (mobile := _MOBILE.fullmatch(digits)):
        return "mobile", mobile.group(1)
    if len(digits) == 18 and _ID.fullmatch(digits) and is_resident_id(digits):
        return "id", digits.upper()
    return None
