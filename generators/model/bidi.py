"""How a line with right-to-left text may *show*: an approximation of the Unicode bidi algorithm
that is enough for digits, read in time linear in the line.

Inside a right-to-left override (U+202E) characters show in reverse; inside a right-to-left
embedding or isolate, and in a line with right-to-left letters, runs of digits keep their order
but show in reverse order of each other ("8000 0013 138" shows as "138 0013 8000").

A reading is made of *pieces* of its line, each as written, reversed, or with its runs reversed,
bidi controls left out. Its text is built with whole-string operations, with no Python code run
per character, per run or per segment (issue 12: a 20 MiB line of a million overrides is read in
about a second): the pieces are joined by a character that is in none of them, reversed at once
and split again (:func:`_reversed_each`). Where a character of a reading comes from is worked
out only for the spans asked for (:meth:`Reading.source`), from pieces listed as far as needed.
A line whose segments nest is listed piece by piece (one step per bidi control).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator

from .normalise import BIDI_CONTROLS, characters

_CONTROLS = "".join(sorted(BIDI_CONTROLS))
_CONTROL = re.compile(f"[{_CONTROLS}]")
_RTL_OPEN = {"\u202e": "override", "\u202b": "embed", "\u2067": "embed"}
_LTR_OPEN = frozenset("\u202a\u202d\u2066\u2068")
_CLOSE = frozenset("\u202c\u2069")
#: A right-to-left segment with no other bidi control inside, closed: the common case, read
#: with one pattern; any other leaves its opening control behind, and the line is read piece
#: by piece.
_SIMPLE_SEGMENT = re.compile(f"([{''.join(_RTL_OPEN)}])([^{_CONTROLS}]*)[{''.join(_CLOSE)}]")
_RTL_OPENING = re.compile(f"[{''.join(_RTL_OPEN)}]")
#: Where a run of digits meets a run of other characters.
_RUN_EDGE = re.compile(r"(?<=[0-9])(?=[^0-9])|(?<=[^0-9])(?=[0-9])")
#: Characters whose runs are reversed in one step: the list of runs stays small.
_STEP = 1 << 16
#: How ("forward", "reversed" or "runs"), start, end, and the offsets of the bidi controls in
#: it (None: not listed, found when needed).
Piece = tuple[str, int, int, "list[int] | None"]


def display_readings(text: str) -> Iterator[Reading]:
    """How ``text`` (folded with its bidi controls kept) may show, line by line (lines end at
    LF): the line with its right-to-left segments as they show, then the whole line with its
    runs reversed. Bidi controls are left out of both."""
    start = 0
    for line in text.split("\n"):
        yield Reading(_segments_text(line), line, start, _pieces(line))
        whole: Piece = ("runs", 0, len(line), None)
        yield Reading(_runs_reversed(_without_controls(line)), line, start, iter([whole]))
        start += len(line) + 1


class Reading:
    """One reading of a line: its ``text``, and the pieces of the line it is made of."""

    def __init__(self, text: str | None, line: str, base: int, pieces: Iterator[Piece]):
        self.line, self.base = line, base  # ``base``: where the line starts in the text
        self._pieces = pieces  # not listed yet
        self._listed: list[tuple[Piece, str]] = []  # each with its characters, controls left out
        self._starts: list[int] = []  # where each listed piece starts in ``text``
        self._end = 0  # where the last listed piece ends
        if text is None:  # read piece by piece
            while self._list_one():
                pass
            text = "".join(_shown(piece, kept) for piece, kept in self._listed)
        self.text = text

    def _list_one(self) -> bool:
        piece = next(self._pieces, None)
        if piece is None:
            return False
        how, start, end, controls = piece
        kept = self.line[start:end]
        if controls is None or controls:
            kept = _CONTROL.sub("", kept)
        self._listed.append((piece, kept))
        self._starts.append(self._end)
        self._end += len(kept)
        return True

    def source(self, start: int, end: int) -> int:
        """The smallest offset in the text of the characters that show as ``text[start:end]``."""
        while self._end < end and self._list_one():
            pass
        first = bisect.bisect_right(self._starts, start) - 1
        last = bisect.bisect_right(self._starts, end - 1) - 1
        spans = ((i, max(start - self._starts[i], 0), min(end - self._starts[i], len(self._listed[i][1])))
                 for i in range(first, last + 1))
        return min(self._smallest(i, a, b) for i, a, b in spans if a < b)

    def _smallest(self, i: int, start: int, end: int) -> int:
        """The smallest offset in the text of the characters at ``start:end`` of piece ``i``."""
        (how, first, last, controls), kept = self._listed[i]
        if controls is None:
            controls = [m.start() for m in _CONTROL.finditer(self.line, first, last)]
            self._listed[i] = ((how, first, last, controls), kept)
        if how == "forward":
            at = start
        elif how == "reversed":
            at = len(kept) - end
        else:
            # The last character asked for comes from the earliest run: runs count from the end
            # of the reading (their order is reversed), characters within a run in order.
            run_start, run_end = _run_around(kept, len(kept) - end)
            at = run_start + max(start - (len(kept) - run_end), 0)
        return self.base + _in_line(at, controls, first)


def _shown(piece: Piece, kept: str) -> str:
    how = piece[0]
    return kept if how == "forward" else kept[::-1] if how == "reversed" else _runs_reversed(kept)


def _segments_text(line: str) -> str | None:
    """The line with its right-to-left segments as they show, if each is simple; else None.
    In whole-string operations (:func:`_reversed_each`), however many segments it has."""
    if not _RTL_OPENING.search(line):
        return _without_controls(line)
    # Split at each segment: what is outside it, its opening control, what is inside it.
    parts = _SIMPLE_SEGMENT.split(line)
    outside, openings, inside = parts[0::3], parts[1::3], parts[2::3]
    rest = "".join(outside)
    if _RTL_OPENING.search(rest):
        return None  # a segment with other controls inside: read piece by piece
    kinds, separator = set(openings), _separator(line)
    # Overrides show reversed, embeddings and isolates with their runs reversed.
    reversed_ = _reversed_each(inside, separator) if "\u202e" in kinds else inside
    with_runs = _runs_reversed_each(inside, separator) if kinds - {"\u202e"} else inside
    if kinds == {"\u202e"}:
        parts[2::3] = reversed_
    elif "\u202e" not in kinds:
        parts[2::3] = with_runs
    else:
        parts[2::3] = [r if o == "\u202e" else w
                       for o, r, w in zip(openings, reversed_, with_runs, strict=True)]
    parts[1::3] = [""] * len(openings)
    shown = "".join(parts)
    return _without_controls(shown) if _CONTROL.search(rest) else shown  # controls outside


def _without_controls(text: str) -> str:
    """``text`` without its bidi controls: a ``str.replace`` each (a pattern that matches a
    million times is slower)."""
    for control in _CONTROLS:
        if control in text:
            text = text.replace(control, "")
    return text


def _pieces(line: str) -> Iterator[Piece]:
    """The pieces of the line with its right-to-left segments as they show, in order: an
    override reversed, an embedding or isolate with its runs reversed; the rest as written."""
    controls = ((m.start(), m.group()) for m in _CONTROL.finditer(line))
    position, inside = 0, []  # controls since ``position``
    for at, ch in controls:
        if ch not in _RTL_OPEN:
            inside.append(at)
            continue
        if position < at:
            yield "forward", position, at, inside
        depth, segment, end = 1, [], len(line)
        for at_, ch_ in controls:
            depth += (ch_ in _RTL_OPEN or ch_ in _LTR_OPEN) - (ch_ in _CLOSE)
            if not depth:
                end = at_  # the segment ends before its closing control
                break
            segment.append(at_)
        if at + 1 < end:
            yield ("reversed" if _RTL_OPEN[ch] == "override" else "runs"), at + 1, end, segment
        position, inside = min(end + 1, len(line)), []
    if position < len(line):
        yield "forward", position, len(line), inside


def _runs_reversed(text: str) -> str:
    """``text`` with its runs of digits and of other characters in reverse order, each run's own
    characters in order."""
    return _runs_reversed_each([text], _separator(text))[0]


def _runs_reversed_each(pieces: list[str], separator: str) -> list[str]:
    """:func:`_runs_reversed` of each of ``pieces`` (``separator`` is in none), in batches of about
    :data:`_STEP` characters (a longer piece in steps that end where runs meet): each batch is
    reversed at once, then its runs longer than one character are put back in order."""
    ends = list(itertools.accumulate(map(len, pieces)))
    out: list[str] = []
    first = 0
    while first < len(pieces):
        last = max(bisect.bisect_right(ends, ends[first] - len(pieces[first]) + _STEP, first), first + 1)
        if len(pieces[first]) > _STEP:
            steps = [_runs_in_bulk([step], separator)[0] for step in _steps(pieces[first])]
            out.append("".join(reversed(steps)))
        else:
            out.extend(_runs_in_bulk(pieces[first:last], separator))
        first = last
    return out


def _steps(text: str) -> Iterator[str]:
    """``text`` in parts of about :data:`_STEP` characters, each ending where runs meet."""
    position = 0
    while position < len(text):
        edge = _RUN_EDGE.search(text, position + _STEP) if position + _STEP < len(text) else None
        end = edge.start() if edge else len(text)
        yield text[position:end]
        position = end


def _runs_in_bulk(pieces: list[str], separator: str) -> list[str]:
    """:func:`_runs_reversed` of each of ``pieces``, in whole-string operations."""
    parts = _longer_runs(separator).split(separator.join(pieces)[::-1])
    parts[1::2] = _reversed_each(parts[1::2], separator)
    return "".join(parts).split(separator)[::-1]


def _reversed_each(pieces: list[str], separator: str) -> list[str]:
    """Each of ``pieces`` reversed: all joined by ``separator`` (in none of them), reversed at
    once and split again, with no Python code run per piece."""
    if not pieces:
        return []
    return separator.join(pieces)[::-1].split(separator)[::-1]


def _separator(text: str) -> str:
    """A character that is not in ``text``: a NUL, else an unpaired surrogate (never in text
    decoded from UTF-8), else the first free one after them."""
    for candidate in ("\0", "\udfff"):
        if candidate not in text:
            return candidate
    used = characters(text)
    return next(chr(c) for c in itertools.count(0xDC00) if chr(c) not in used)


@functools.lru_cache(maxsize=4)
def _longer_runs(separator: str) -> re.Pattern[str]:
    """Runs of two or more digits, or of other characters but ``separator``, as a group."""
    return re.compile(f"([0-9]{{2,}}|[^0-9{re.escape(separator)}]{{2,}})")


_DIGIT = re.compile(r"[0-9]")
_NOT_DIGIT = re.compile(r"[^0-9]")


def _run_around(text: str, at: int) -> tuple[int, int]:
    """Start and end of the run (of digits, or of other characters) holding ``text[at]``: read
    leftwards in reversed windows that grow four times each, so linear in the run."""
    other = _NOT_DIGIT if "0" <= text[at] <= "9" else _DIGIT
    after = other.search(text, at)
    size = 64
    while True:
        before = other.search(text[max(0, at - size):at][::-1])
        if before:
            return at - before.start(), after.start() if after else len(text)
        if size >= at:
            return 0, after.start() if after else len(text)
        size *= 4


def _in_line(kept: int, controls: list[int], start: int) -> int:
    """The offset in the line of character ``kept`` of a piece from ``start`` with its
    ``controls`` left out: the smallest offset with that many other characters before it."""
    low, high = start + kept, start + kept + len(controls)
    while low < high:  # offset - start - (controls up to offset) grows with offset
        middle = (low + high) // 2
        if middle - start - bisect.bisect_right(controls, middle) < kept:
            low = middle + 1
        else:
            high = middle
    return low
