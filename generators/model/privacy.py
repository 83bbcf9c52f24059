"""What the privacy rule finds in text: in one string, in a hand-written page, in the many
strings of a data file. :mod:`generators.model.policy` runs it over the data and the pages.

- A mobile number or an 18-digit resident ID number may not be published, unless it is in the
  reviewed list of official channels (``official_numbers`` in data/site.yaml). Numbers are
  masked in the messages, because CI logs are public too.
- If ``email_domains`` is set, every email address must be at one of them.

Text is read as a reader sees it (:func:`generators.model.normalise.fold`); where part of it
shows right to left, as it shows too (:func:`generators.model.bidi.display_readings`).
"""

from __future__ import annotations

import bisect
import functools
import heapq
import itertools
import re
from collections.abc import Iterator

from .bidi import display_readings
from .lines import Lines
from .normalise import BIDI_CONTROLS, Folded, characters, fold, has_right_to_left
from .numbers import AmountRuns, groups_meet, private_numbers
from .site import Site

EMAIL_DOMAIN = re.compile(r"@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_LOCAL_PART = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
#: Findings reported per string (data) or per page (hand-written): the rest add nothing.
MAX_FINDINGS = 10
#: Characters of text that may show right to left a page or a data file may have read as they
#: show (see :class:`RightToLeftBudget`).
MAX_RIGHT_TO_LEFT = 1 << 20
TOO_MUCH_RIGHT_TO_LEFT = (f"从右到左显示的文字太多（超过 {MAX_RIGHT_TO_LEFT:,} 个字），"
                          "无法核对其中的号码，不能发布 (too much right-to-left text to check)")


class RightToLeftBudget:
    """How much right-to-left text one page or file may still have read as it shows.

    Reading a line as a browser may show it costs many times reading it as written, and a
    county's page or record has a few such lines at most (an Arabic name, a mark someone
    pasted). Past the budget the page or file is refused with :data:`TOO_MUCH_RIGHT_TO_LEFT`,
    once, and the rest is read only as written: nothing of it is published, and the check ends
    in seconds whatever the text (issue 12: 20 MiB of right-to-left digits)."""

    def __init__(self) -> None:
        self.left = MAX_RIGHT_TO_LEFT
        self.spent = False

    def take(self, text: str) -> bool:
        """Whether ``text`` may be read as it shows (once refused, nothing more is)."""
        if self.left >= len(text):
            self.left -= len(text)
            return True
        self.left = -1
        return False

    def first_refusal(self) -> bool:
        """True once: when the caller should report :data:`TOO_MUCH_RIGHT_TO_LEFT`."""
        if self.left < 0 and not self.spent:
            self.spent = True
            return True
        return False


def mask(number: str) -> str:
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def findings(text: str, site: Site, *, as_shown: bool = True) -> Iterator[tuple[int, str]]:
    """(offset, message) for each policy breach in one string, the offset in ``text``.

    The string is read as a reader sees it (:func:`generators.normalise.fold`); where part of
    it shows right to left, as it shows too (:func:`generators.model.bidi.display_readings`),
    unless ``as_shown`` is false (past a page's or file's :class:`RightToLeftBudget`).
    """
    official = _official_of(site)
    folded = fold(text)
    # Official numbers are passed over: they are allowed, and a reading of them says nothing.
    seen = set(official or ())
    for start, _, kind, number in private_numbers(folded.text, official or frozenset()):
        seen.add(number)
        yield from _number_message(folded.origin(start), kind, number, official)
    if as_shown and has_right_to_left(text):
        # What a browser shows in right-to-left runs: digits reversed, or groups swapped.
        # An amount keeps its unit only in the order it is written: its digits are left out.
        amounts = AmountRuns(folded.text)
        # Kept for the readings; a text without bidi controls folds as before. Without them,
        # only the order of its runs changes: if each number is one group, each reading finds
        # what was found above, or an amount (a line of amounts is not read three times).
        controls = BIDI_CONTROLS & characters(text)
        with_controls = fold(text, keep_bidi=True) if controls else folded
        readings = display_readings(with_controls.text) if controls or groups_meet(folded.text) else ()
        for reading in readings:
            if reading.text == folded.text:
                continue  # as written: its numbers are those read above
            # Numbers already seen are passed over (a mobile number and an ID number never
            # have the same digits).
            for start, end, kind, number in private_numbers(reading.text, seen):
                offset = with_controls.origin(reading.source(start, end))
                at, length = folded.produced(offset)
                if not any(amounts.holds(position) for position in range(at, at + length)):
                    seen.add(number)
                    yield from _number_message(offset, kind, number, official)
    for offset, message in _email_findings(folded.text, site):
        yield folded.origin(offset), message


def _email_findings(folded: str, site: Site) -> Iterator[tuple[int, str]]:
    """(offset in ``folded``, message) for each address outside the official domains."""
    if site.email_domains and site.known("email_domains"):
        allowed = {d.lower() for d in site.email_domains}
        for address, offset in _emails(folded):
            if address.rsplit("@", 1)[1].lower() not in allowed:
                domains = "、".join(sorted(allowed))
                yield offset, (f"电子邮箱 '{address}' 不在允许的官方域名内（{domains}）"
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


def _official_of(site: Site) -> frozenset[str] | None:
    """The official numbers' digits; None while ``official_numbers`` is in error (data/site.yaml
    reported): mobile numbers are then not judged, or every official one would be refused too;
    resident ID numbers still are."""
    return _official(tuple(site.official_numbers)) if site.known("official_numbers") else None


@functools.cache
def _official(numbers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(re.sub(r"\D", "", n) for n in numbers)


@functools.lru_cache(maxsize=1024)
def redact(message: str) -> str:
    """``message`` with every mobile number and resident ID number in it masked.

    Other errors quote the value they refuse ("实际是 '…'"), and CI logs are public: a resident
    ID typed into a date field must not be printed in full by the date error either. (Remembered:
    a file of a hundred thousand numbers repeats a few messages a hundred thousand times.)
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


def page_findings(text: str, site: Site) -> Iterator[tuple[int, int, str]]:
    """(line, column, message) for each breach in a hand-written page: what :func:`findings`
    finds in each line, in the same order, but read in one pass over the whole page (a page of
    a million short lines costs no Python per line).

    Line breaks become NULs (:class:`generators.model.lines.Lines`), so numbers and addresses
    are found within lines as :func:`findings` finds them. A line that may show right to left is
    read on its own by :func:`findings` (how it shows depends on the whole line), if it has
    eleven digits or an address; a page of a few such lines is read line by line.
    """
    lines = Lines(text)
    right_to_left = has_right_to_left(text)
    budget = RightToLeftBudget()
    if right_to_left and lines.text.count("\0") < _FEW_LINES:
        for number, line in enumerate(text.splitlines(), 1):
            yield from _line_findings(number, line, site, budget)
        return
    folded = fold(lines.text)
    official = _official_of(site)
    numbers = ((offset, message)
               for start, _, kind, number in private_numbers(folded.text, official or frozenset())
               for offset, message in _number_message(folded.origin(start), kind, number, official))
    emails = ((folded.origin(offset), message) for offset, message in _email_findings(folded.text, site))
    by_line = [_numbered(lines, numbers, 0), _numbered(lines, emails, 1)]
    if right_to_left:
        alone = _right_to_left_lines(lines, folded, bool(site.email_domains))
        by_line.append((number, -1, start, "") for number, start in alone)
    read_alone = 0  # the last line read on its own
    for number, order, offset, message in heapq.merge(*by_line):
        if order < 0:
            read_alone = number
            yield from _line_findings(number, lines.line(offset), site, budget)
        elif number != read_alone:
            yield number, offset - lines.start(offset) + 1, message


def _line_findings(number: int, line: str, site: Site,
                   budget: RightToLeftBudget) -> Iterator[tuple[int, int, str]]:
    """What :func:`findings` finds in one line of a page, as it shows while the budget lasts."""
    as_shown = not has_right_to_left(line) or budget.take(line)
    if budget.first_refusal():
        yield number, 1, TOO_MUCH_RIGHT_TO_LEFT
    for at, said in findings(line, site, as_shown=as_shown):
        yield number, at + 1, said


def _numbered(lines: Lines, found: Iterator[tuple[int, str]],
              order: int) -> Iterator[tuple[int, int, int, str]]:
    counter = lines.counter()
    for offset, message in found:
        yield counter.number_of(offset), order, offset, message


def _right_to_left_lines(lines: Lines, folded: Folded, addresses: bool) -> Iterator[tuple[int, int]]:
    """(number, start) of each line that may show right to left and has something to find:
    eleven digits (as read: ``folded`` is the page with NULs for line breaks, folded), or an
    address if addresses are checked. The lines with something to find are looked for first,
    in one pattern over the page; only they are looked at one by one."""
    wanted = re.compile(_ELEVEN_DIGITS.pattern + ("|@" if addresses else ""))
    counter, position = lines.counter(), 0
    while found := wanted.search(folded.text, position):
        start = lines.start(folded.origin(found.start()))
        if has_right_to_left(lines.line(start)):
            yield counter.number_of(start), start
        position = folded.text.find("\0", found.start()) + 1 or len(folded.text)


#: Lines in a page read line by line if one may show right to left.
_FEW_LINES = 1000
#: Eleven digits in one line of a page (lines end at NUL): what a number needs.
_ELEVEN_DIGITS = re.compile(r"[0-9](?:[^0-9\0]*+[0-9]){10}")
#: Strings up to this long are read together (a data file of a hundred thousand short values
#: costs a few whole-string scans, not a hundred thousand); a longer one is read on its own, and
#: its reading stops at the cap.
_TOGETHER = 4096
#: Characters read in one go: memory stays in the tens of megabytes.
_BATCH = 1 << 20


def strings_findings(texts: list[str], site: Site) -> Iterator[list[tuple[int, str]]]:
    """For each string of ``texts``, in order: the first :data:`MAX_FINDINGS` of what
    :func:`findings` finds in it. Short strings that show left to right are read together,
    joined by NULs (no number or address goes on past one, as past the end of a string); the
    others one by one, as they show while the file's :class:`RightToLeftBudget` lasts."""
    batch: list[str] = []
    size = 0
    budget = RightToLeftBudget()
    for text in texts:
        if len(text) <= _TOGETHER and not has_right_to_left(text):
            batch.append(text)
            size += len(text) + 1
            if size >= _BATCH:
                yield from _together(batch, site)
                batch, size = [], 0
        else:
            yield from _together(batch, site)
            batch, size = [], 0
            as_shown = not has_right_to_left(text) or budget.take(text)
            found = [(0, TOO_MUCH_RIGHT_TO_LEFT)] if budget.first_refusal() else []
            yield found + list(itertools.islice(findings(text, site, as_shown=as_shown), MAX_FINDINGS))
    yield from _together(batch, site)


def _together(texts: list[str], site: Site) -> Iterator[list[tuple[int, str]]]:
    """:func:`strings_findings` for strings that show left to right, read as one text."""
    if not texts:
        return
    # Plain ASCII reads as written: only the other strings need folding (and their offsets).
    folds = {i: fold(text) for i, text in enumerate(texts) if not text.isascii() or "&" in text}
    folded = [folds[i].text if i in folds else text for i, text in enumerate(texts)]
    starts = list(itertools.accumulate((len(text) + 1 for text in folded), initial=0))
    joined = "\0".join(folded)

    def where(offset: int) -> tuple[int, int]:
        """The string holding ``offset`` of ``joined``, and the offset in it (as written)."""
        i = bisect.bisect_right(starts, offset) - 1
        return i, folds[i].origin(offset - starts[i]) if i in folds else offset - starts[i]

    numbers: dict[int, list[tuple[int, str]]] = {}
    official = _official_of(site)
    for start, _, kind, number in private_numbers(joined, official or frozenset()):
        i, offset = where(start)
        found = numbers.setdefault(i, [])
        if len(found) < MAX_FINDINGS:
            found.extend(_number_message(offset, kind, number, official))
    emails: dict[int, list[tuple[int, str]]] = {}
    for offset, message in _email_findings(joined, site):
        i, offset = where(offset)
        emails.setdefault(i, []).append((offset, message))
    for i in range(len(texts)):
        yield (numbers.get(i, []) + emails.get(i, []))[:MAX_FINDINGS]
