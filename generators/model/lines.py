"""The lines of a hand-written page, for a check that reads the whole page in one pass and
reports by line: line breaks become one NUL each, so no pattern crosses from one line to the
next, and every offset stays that of the page.

Line breaks are those of ``str.splitlines`` (a CR LF pair is one). A NUL that was in the page
becomes U+0001: neither ends a line, and to the checks both are just characters that are not
digits, letters or separators.
"""

from __future__ import annotations

#: What ``str.splitlines`` ends a line at, CR LF aside.
BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


class Lines:
    """A page's text with one NUL for each line break (``text``), and where its lines are."""

    def __init__(self, page: str):
        self.page = page
        text = page.replace("\0", "\x01").replace("\r\n", "\0\x01")
        for brk in BREAKS:
            if brk in text:  # a str.replace each: translate looks up every character
                text = text.replace(brk, "\0")
        self.text = text

    def start(self, offset: int) -> int:
        """Where the line holding ``offset`` starts."""
        start = self.text.rfind("\0", 0, offset) + 1
        return start + 1 if start and self.page.startswith("\r\n", start - 1) else start

    def line(self, start: int) -> str:
        """The line that starts at ``start``, without its line break."""
        end = self.text.find("\0", start)
        return self.page[start:end if end >= 0 else len(self.page)]

    def counter(self) -> Counter:
        return Counter(self)


class Counter:
    """Line numbers of offsets asked for in order, each counted on from the last."""

    def __init__(self, lines: Lines):
        self.lines = lines
        self.offset, self.number = 0, 1

    def number_of(self, offset: int) -> int:
        """The number (from 1) of the line holding ``offset`` (not before the last asked for)."""
        self.number += self.lines.text.count("\0", self.offset, offset)
        self.offset = offset
        return self.number
