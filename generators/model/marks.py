"""Where mobile numbers and resident ID numbers start in a long text, found for every digit at
once: the rule of :mod:`generators.model.numbers`, amounts aside, with whole-string operations.

``str.replace``, ``bytes.translate`` and arithmetic on big integers used as arrays of bytes
("lanes": the byte at i of a little-endian integer) do the work; Python code runs per number
found, not per character, so 20 MiB of digits is read in about a second.

1. :func:`_classes`: the text, one byte per character: the digit itself, ``X`` (an X or x), ``|``
   (a separator), ``a`` (another ASCII letter), ``U`` (where a unit starts after a figure) or
   NUL (anything else). Four separators or more in a row, and a lone X before a letter (not a
   group), become NUL: they end a run.
2. :func:`_marks`: without the separators, for each digit, the length of the number that starts
   there: 11, 13 or 15 for a mobile number (bare, after 86, after 0086), 18 for a resident ID
   number (:func:`_checks`), else 0. A number starts a group (a digit after no digit), ends one
   (a digit before no digit or X, or an X), and has only digits in between; a whole run of one
   group followed by a unit is an amount, with no number in it (:func:`_without_amounts`).
3. :func:`numbers`: left to right from the marks, each number passing over the digits it covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator

#: Digits whose marks are computed in one step: the big integers stay a megabyte or so.
_STEP = 1 << 20
_NONZERO = re.compile(rb"[^\0]")
#: A mark and the digits its number covers: a mark of 11 and 10 more bytes, and so on; or
#: numbers passed over (the mark's high bit set), one after another, as one match. Where one
#: starts is searched for with ``_MARK`` (a search for one of a set of bytes is quick).
_NUMBER = re.compile(rb"(\x0b.{0,10}|\x0d.{0,12}|\x0f.{0,14}|\x12.{0,17})"
                     rb"|(?:(\x8b.{0,10}|\x8d.{0,12}|\x8f.{0,14}|\x92.{0,17})\x00*+)++", re.DOTALL)
_MARK = re.compile(rb"[\x0b\x0d\x0f\x12\x8b\x8d\x8f\x92]")
#: Eleven digits in a row, separators aside (once they are left out): every number has them.
_ELEVEN = re.compile(rb"[0-9]{11}")


def numbers(folded: str, separators: frozenset[str], skip: Container[str],
            keep: Callable[[int, int], bool]) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, length, digits) of each number of ``folded``, in order: ``length`` is its
    mark, ``digits`` the 11 of a mobile number or the 18 of an ID number. ``separators`` are the
    non-ASCII separators. ``folded`` has a U+0001 where a unit starts after a figure (and no
    other): a figure of one group followed by one is an amount, no number is read in it.

    Numbers in ``skip`` (read as they are found: it may grow meanwhile), and numbers whose
    (start, end) ``keep`` refuses (other amounts), are passed over. A number of ``skip`` met
    once is passed over in bulk from then on (:func:`_passed_over`): a page of one official
    number written a million times costs no Python per number."""
    text = _classes(folded, separators)
    digits = text.translate(None, b"|")
    places = _Places(text)
    position = 0  # the digits before it are read
    met: set[str] = set()  # numbers of ``skip`` met so far
    for at, step in _marks(text, digits):
        read = digits[at:at + len(step) + 17]  # the digits of the step
        again: int | None = position - at if position > at else 0
        while again is not None:  # once, and again from where a number of ``skip`` is first met
            marks, start, again = _passed_over(step, read, met), again, None
            # Each number with the digits it covers (fewer at the end of the step).
            for found in _found(marks, start):
                first = found.start()
                if found.group(1) is None:  # numbers passed over, one after another
                    last = found.start(2)
                    position = at + last + (marks[last] & 0x7F)
                    continue
                length = marks[first]
                position = at + first + length
                number = (read[first:first + 18] if length == 18
                          else read[first + length - 11:first + length]).decode()
                if number in skip:
                    if number not in met:
                        met.add(number)
                        again = position - at
                        break
                    continue
                start, end = places.of(at + first), places.of(position - 1) + 1
                if keep(start, end):
                    yield start, end, length, number


def _found(marks: bytes, start: int) -> Iterator[re.Match[bytes]]:
    """Each match of ``_NUMBER`` in ``marks`` from ``start``, as ``finditer`` finds them."""
    while mark := _MARK.search(marks, start):
        found = _NUMBER.match(marks, mark.start())
        assert found is not None
        yield found
        start = found.end()


def _passed_over(marks: bytes, digits: bytes, numbers: set[str]) -> bytes:
    """``marks`` (of ``digits``) with the high bit set on the mark of each of ``numbers``."""
    found = [number for number in numbers if number.encode() in digits]
    if not found:
        return marks
    value = {c: _lanes(digits.translate(_IS[bytes([c])])) for c in b"0123456789X"}
    mark = {length: _lanes(marks.translate(_IS[bytes([length])])) for length in (11, 13, 15, 18)}
    passed = 0
    for number in found:
        written = -1  # lanes i where ``number`` is written from i on
        for k, c in enumerate(number.encode()):
            written &= _at(value[c], k)
        if len(number) == 18:
            passed |= mark[18] & written
        else:  # bare, after 86, after 0086
            passed |= mark[11] & written | mark[13] & _at(written, 2) | mark[15] & _at(written, 4)
    return (_lanes(marks) | passed << 7).to_bytes(len(marks), "little")


def groups_meet(folded: str, separators: frozenset[str]) -> bool:
    """Whether two groups of ``folded`` are one to three separators apart, or an X is next to a
    group or that near (see :func:`generators.model.numbers.groups_meet`): a few searches for
    fixed bytes in its classes, digits all made 0."""
    text = _classes(folded, separators).translate(_PLAIN)
    return any(near in text for near in _NEAR)


_NEAR = [a + b"|" * k + b for a, b in ((b"0", b"0"), (b"0", b"X"), (b"X", b"0")) for k in range(4)
         if k or a != b]


def _classes(folded: str, separators: frozenset[str]) -> bytes:
    for wide in separators:
        if wide in folded:  # a quick scan each; and none at all in ASCII text
            folded = folded.replace(wide, "|")
    text = folded.encode("ascii", "replace").translate(_CLASS)  # other characters: '?', NUL
    return text.replace(b"||||", b"\0\0\0\0").replace(b"|Xa", b"|\0a").replace(b"|XX", b"|\0X")


def _table(mapping: dict[bytes, int]) -> bytes:
    """A ``bytes.translate`` table: each byte listed to its value, every other byte to 0."""
    table = bytearray(256)
    for chars, value in mapping.items():
        for c in chars:
            table[c] = value
    return bytes(table)


_ASCII_SEPARATORS = b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \"#'()*+,-./:;=[\\]_|~"
_LETTERS = bytes(c for c in range(128) if chr(c).isalpha() and chr(c) not in "Xx")
_CLASS = _table({bytes([c]): c for c in b"0123456789"} | {
    b"Xx": ord("X"), _ASCII_SEPARATORS: ord("|"), _LETTERS: ord("a"), b"\x01": ord("U")})


class _Places:
    """Where digits are in the text (``text`` is as long as it, ``digits`` is it without the
    separators): found in order, each by counting forward from the last one found."""

    def __init__(self, text: bytes):
        self.text = text
        self.at, self.digit = len(text) - len(text.lstrip(b"|")), 0  # text[at] is digit number digit

    def of(self, digit: int) -> int:
        """Offset in the text of digit number ``digit`` (not before the last one asked for)."""
        text, at, need = self.text, self.at, digit - self.digit
        while need:  # each round moves past ``need`` characters, of which ``bars`` are bars
            bars = text.count(b"|", at + 1, at + 1 + need)
            at, need = at + need, bars
        self.at, self.digit = at, digit
        return at


def _marks(text: bytes, digits: bytes) -> Iterator[tuple[int, bytes]]:
    """The marks of ``digits`` as (offset, marks) of successive parts; parts where no number can
    start (no 11 digits in a row, separators aside) are left out. ``text`` is ``digits`` with
    the separators (``|``)."""
    plain = text.translate(_PLAIN)  # each digit 0, X, bar or NUL
    # Where a group starts: 1 where a run starts too, 2 after separators after a group.
    starts = (b"\0" + plain).replace(b"\0|||0", b"\0|||1").replace(b"\0||0", b"\0||1").replace(
        b"\0|0", b"\0|1").replace(b"|0", b"|2").replace(b"\x000", b"\x001").replace(b"X0", b"X1")[1:]
    ends = (plain + b"\0").replace(b"0|", b"1|").replace(b"0\0", b"1\0")[:-1]  # 1 or X: a group ends
    starts = starts.translate(_STARTS, b"|")  # separators left out, as in ``digits``
    ends = ends.translate(_IS[b"1X"], b"|")
    first = 0  # digits before the part
    for at in range(0, len(text), _STEP):  # the part of ``text`` from ``at``
        last = first + _STEP - text.count(b"|", at, at + _STEP)
        if _NONZERO.search(starts, first, last) and _ELEVEN.search(digits, first, last + 10):
            part = slice(first, last + 17)  # and the rest of the last windows
            yield first, _marks_of(digits[part], starts[part], ends[part])[:last - first]
        first = last


_PLAIN = _table({b"0123456789": ord("0"), b"X": ord("X"), b"|": ord("|")})
_STARTS = _table({b"1": 1, b"2": 2})
_RUN_STARTS, _GROUP_STARTS = _table({b"\x01": 1}), _table({b"\x01\x02": 1})
_IS = {chars: _table({chars: 1}) for chars in (
    b"0123456789", b"0123456789X", b"123456789", b"3456789", b"1X", b"U",
    *(bytes([c]) for c in b"0123456789X\x0b\x0d\x0f\x12"))}


def _lanes(data: bytes) -> int:
    return int.from_bytes(data, "little")


def _at(lanes: int, offset: int) -> int:
    """``lanes`` moved so that lane i holds what lane i + offset held."""
    return lanes >> (8 * offset)


def _marks_of(digits: bytes, starts: bytes, ends: bytes) -> bytes:
    """The marks of ``digits``, given where a group starts (1 if a run starts there too, 2 if
    not) and 1 where one ends."""
    def lane(chars: bytes) -> int:
        return _lanes(digits.translate(_IS[chars]))

    start, end, digit = _lanes(starts.translate(_GROUP_STARTS)), _lanes(ends), lane(b"0123456789")
    # Lanes i with digits at i .. i + k - 1, for the lengths of numbers, from runs of 2, 4, 8.
    d2 = digit & _at(digit, 1)
    d4 = d2 & _at(d2, 2)
    d8 = d4 & _at(d4, 4)
    d16 = d8 & _at(d8, 8)
    mobile = lane(b"1") & _at(lane(b"3456789"), 1)
    m11 = start & _at(end, 10) & d8 & _at(d2, 8) & _at(digit, 10) & mobile
    m13 = m15 = ids = 0
    if b"86" in digits:
        eight_six = lane(b"8") & _at(lane(b"6"), 1)
        m13 = start & _at(end, 12) & d8 & _at(d4, 8) & _at(digit, 12) & eight_six & _at(mobile, 2)
        if b"0086" in digits:
            zeros = lane(b"0") & _at(lane(b"0"), 1)
            m15 = (start & _at(end, 14) & d8 & _at(d4, 8) & _at(d2, 12) & _at(digit, 14) & zeros
                   & _at(eight_six, 2) & _at(mobile, 4))
    ids = start & _at(end, 17) & lane(b"123456789") & d16 & _at(digit, 16) & _at(lane(b"0123456789X"), 17)
    if ids:
        ids &= _checks(digits)
    if b"U" in digits:  # a whole run of one group followed by a unit is an amount
        m11, m13, m15, ids = _without_amounts(digits, starts, start, d2, d16, m11, m13, m15, ids)
    marks = 11 * m11 + 13 * m13 + 15 * m15 + 18 * (ids & ~(m11 | m13 | m15))
    return marks.to_bytes(len(digits), "little")


def _without_amounts(digits: bytes, starts: bytes, start: int, d2: int, d16: int,
                     *found: int) -> list[int]:
    """``found`` (lanes of the numbers of 11, 13, 15 and 18 characters) without those that are
    a whole run, of one group, followed by a unit (U)."""
    run = _lanes(starts.translate(_RUN_STARTS))
    unit = _lanes(digits.translate(_IS[b"U"]))
    alone = _lanes(b"\x01" * len(digits)) ^ start  # no group starts here
    a2 = alone & _at(alone, 1)
    a4 = a2 & _at(a2, 2)
    a8 = a4 & _at(a4, 4)
    # k: a run starts at i, no other group in i .. i + k - 1, a unit at i + k.
    amount = {11: run & _at(a8 & _at(a2, 8), 1) & _at(unit, 11),
              13: run & _at(a8 & _at(a4, 8), 1) & _at(unit, 13),
              15: run & _at(a8 & _at(a4, 8) & _at(a2, 12), 1) & _at(unit, 15),
              18: run & _at(a8 & _at(a8, 8) & _at(alone, 16), 1) & _at(unit, 18) & d16 & _at(d2, 16)}
    return [lanes & ~amount[k] for lanes, k in zip(found, (11, 13, 15, 18), strict=True)]


#: The check of an ID number: ``sum(value[k] * 2**(17 - k)) % 11 == 1`` over its 18 characters
#: (X is 10). For every window at once: the values are the 16-bit coefficients of one big
#: integer, multiplied by the polynomial of the weights; coefficient i + 17 of the product is the
#: weighted sum of the window that starts at i (at most 10 * 101, so coefficients never carry).
_WEIGHTS = sum(pow(2, k, 11) << (16 * k) for k in range(18))
_VALUE = _table({bytes([48 + d]): d for d in range(10)} | {b"X": 10})
_MOD11 = _table({bytes([v]): v % 11 for v in range(1, 256)})
_HIGH_MOD11 = _table({bytes([v]): 3 * v % 11 for v in range(1, 256)})  # 256 = 3 (mod 11)
_IS_ONE = _table({b"\x01\x0c": 1})  # low + high is at most 20: 1 and 12 are 1 (mod 11)


def _checks(digits: bytes) -> int:
    """Lanes i where the 18 characters from i pass the ID check."""
    n = len(digits)
    coefficients = bytearray(2 * n)
    coefficients[::2] = digits.translate(_VALUE)
    product = (_lanes(coefficients) * _WEIGHTS).to_bytes(2 * n + 36, "little")
    low, high = product[0::2], product[1::2]
    total = _lanes(low.translate(_MOD11)) + _lanes(high.translate(_HIGH_MOD11))
    return _lanes(total.to_bytes(n + 18, "little").translate(_IS_ONE)[17:])
