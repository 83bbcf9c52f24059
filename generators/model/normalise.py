"""What a reader sees in a string: the one reading every content check runs on.

A number can be written so that a pattern over the raw text misses it while a browser, an editor
or a printer still shows it: full-width or other Unicode digits (``１``, ``١``, ``𝟏``), an HTML
entity (``&#49;``), a zero-width space or a soft hyphen between the digits, a bidi override that
shows the digits in reverse. :func:`fold` undoes all of these in one linear pass:

1. HTML character references are decoded (once, as a browser decodes them);
2. Unicode format characters (category Cf: zero-width spaces, soft hyphens, bidi controls …)
   are dropped;
3. every character gets its NFKC compatibility form (full-width, circled, mathematical …);
4. every remaining Unicode decimal digit becomes its ASCII digit.

The result keeps enough bookkeeping (:meth:`Folded.origin`) to point an error at the character
of the original text where a finding starts.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass

#: Character references as HTML5 reads them, bounded so a hostile "&#000…" stays short.
ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_UNIT = re.compile(ENTITY.pattern + r"|.", re.S)
#: Characters folded per chunk; an error is located by walking one chunk, not the whole text.
_CHUNK = 4096
#: Longest character reference the pattern accepts: a chunk never ends inside one.
_LONGEST_ENTITY = 34
_FOLDED: dict[str, str] = {}
#: Bidi controls: embeddings, overrides and isolates, their ends, and the direction marks.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def fold_char(ch: str) -> str:
    """One character as a reader reads it (cached: a text has few distinct characters)."""
    folded = _FOLDED.get(ch)
    if folded is None:
        if unicodedata.category(ch) == "Cf":
            folded = ""
        else:
            folded = "".join(str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.decimal(c, None)
                             is not None else c for c in unicodedata.normalize("NFKC", ch))
        _FOLDED[ch] = folded
    return folded


def characters(text: str) -> frozenset[str]:
    """The characters ``text`` is written with; remembered for a long text, whose every check
    (folding, right to left) asks (``set`` makes an object of each character not in Latin-1)."""
    return _characters(text) if len(text) > _CHUNK else frozenset(text)


@functools.lru_cache(maxsize=2)
def _characters(text: str) -> frozenset[str]:
    return frozenset(text)


def _table(text: str, keep_bidi: bool = False) -> dict[str, str]:
    """Each character of ``text`` that a reader reads otherwise, and how it is read."""
    table = {ch: folded for ch in characters(text) if not ch.isascii() and (folded := fold_char(ch)) != ch}
    if keep_bidi:
        for ch in BIDI_CONTROLS:
            table.pop(ch, None)
    return table


def _translate(text: str, table: dict[str, str]) -> str:
    """``text.translate(table)``; for a few characters, a ``str.replace`` each, which runs
    through the text at memory speed (``translate`` looks up every character of a text that is
    not ASCII in a dictionary)."""
    if len(table) > 16 or any(ch in value for value in table.values() for ch in table):
        return text.translate({ord(ch): value for ch, value in table.items()})
    for ch, value in table.items():
        text = text.replace(ch, value)
    return text


class _References(dict[str, str]):
    """Character references and what they stand for, each decoded once: a text uses few."""

    def __missing__(self, reference: str) -> str:
        if len(self) >= 4096:
            self.clear()
        self[reference] = decoded = html.unescape(reference)
        return decoded


_REFERENCES = _References()
_SPLIT_ENTITIES = re.compile(f"({ENTITY.pattern})")


def _fold_plain(text: str, keep_bidi: bool = False) -> str:
    if "&" in text:
        # Every second part is a reference: decoded by dictionary look-ups, with no Python code
        # run per reference (20 MiB of "&#49;" is four million of them).
        parts = _SPLIT_ENTITIES.split(text)
        parts[1::2] = map(_REFERENCES.__getitem__, parts[1::2])
        text = "".join(parts)
    if text.isascii():
        return text
    return _translate(text, _table(text, keep_bidi))


@dataclass(frozen=True)
class Folded:
    """A folded text and where each of its chunks starts in the original."""

    original: str
    text: str
    _starts: tuple[int, ...]
    _folded_starts: tuple[int, ...]
    keep_bidi: bool = False
    #: Each character folded to one: offsets are the same in both texts.
    aligned: bool = False

    def origin(self, offset: int) -> int:
        """The offset in the original text of the character that became ``text[offset]``."""
        if self.aligned:
            return offset
        chunk = bisect.bisect_right(self._folded_starts, offset) - 1
        position, produced = self._starts[chunk], self._folded_starts[chunk]
        end = self._starts[chunk + 1] if chunk + 1 < len(self._starts) else len(self.original)
        for unit in _UNIT.finditer(self.original, position, end):
            produced += len(_fold_plain(unit.group(), self.keep_bidi))
            if produced > offset:
                return unit.start()
        return end

    def produced(self, offset: int) -> tuple[int, int]:
        """Where, and how many, characters of ``text`` the character (or character reference)
        at ``offset`` of the original text became: the inverse of :meth:`origin`."""
        if self.aligned:
            return offset, 1
        chunk = bisect.bisect_right(self._starts, offset) - 1
        produced = self._folded_starts[chunk]
        for unit in _UNIT.finditer(self.original, self._starts[chunk]):
            length = len(_fold_plain(unit.group(), self.keep_bidi))
            if unit.start() >= offset:
                return produced, length
            produced += length
        return produced, 0

    def origin_end(self, offset: int) -> int:
        """The offset in the original text just after the character that became
        ``text[offset - 1]``: the end of a span ending at ``offset``."""
        if self.aligned or offset == 0:
            return offset
        start = self.origin(offset - 1)
        unit = _UNIT.match(self.original, start)
        return unit.end() if unit else start + 1


def fold(text: str, *, keep_bidi: bool = False) -> Folded:
    """``text`` as a reader reads it (see the module's docstring); linear in its length.
    ``keep_bidi`` keeps the bidi controls, for :func:`generators.model.bidi.display_readings`."""
    if text.isascii() and "&" not in text:
        return Folded(text, text, (0,), (0,), keep_bidi, aligned=True)
    table = _table(text, keep_bidi)  # for the chunks without references
    if "&" not in text and all(len(value) == 1 for value in table.values()):
        return Folded(text, _translate(text, table), (0,), (0,), keep_bidi, aligned=True)
    starts, folded_starts, parts = [], [], []
    position, produced = 0, 0
    while position < len(text):
        end = min(position + _CHUNK, len(text))
        if end < len(text):
            # Never cut a character reference in two: end the chunk before its '&'.
            amp = text.rfind("&", max(position, end - _LONGEST_ENTITY), end)
            if amp > position and (m := ENTITY.match(text, amp)) and m.end() > end:
                end = amp
        chunk = text[position:end]
        part = _fold_plain(chunk, keep_bidi) if "&" in chunk else _translate(chunk, table)
        starts.append(position)
        folded_starts.append(produced)
        parts.append(part)
        produced += len(part)
        position = end
    return Folded(text, "".join(parts), tuple(starts) or (0,), tuple(folded_starts) or (0,), keep_bidi)


def has_right_to_left(text: str) -> bool:
    """Whether a browser may show part of ``text`` right to left: a bidi control, or a letter
    of a right-to-left script (a paragraph starting with one is laid out right to left)."""
    if text.isascii():
        return False
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in ("R", "AL") for ch in characters(text))


#: Characters outside ASCII, CJK ideographs and punctuation, full-width forms, dashes and quotes:
#: the only ones that can be format characters (a text of Chinese and ASCII has none to look for).
_MAYBE_FORMAT = re.compile("[^\x00-\x7f\u2010-\u2027\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")


def first_format_character(text: str) -> int:
    """Offset of the first Unicode format character (Cf) in ``text``, or -1: bidi controls,
    zero-width spaces, soft hyphens …, invisible, and able to make a page show other than what
    it holds."""
    if text.isascii() or not _MAYBE_FORMAT.search(text):
        return -1
    found = [text.find(ch) for ch in set(text) if not ch.isascii() and unicodedata.category(ch) == "Cf"]
    return min(found, default=-1)


#: What staff call the format characters they are most likely to meet.
FORMAT_NAMES = {
    **{ch: "文字方向控制符" for ch in "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
       "\u2066\u2067\u2068\u2069"},
    "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字", "\u2060": "零宽不换行",
    "\ufeff": "零宽不换行空格（BOM）", "\u00ad": "软连字符",
}


def describe_format_character(ch: str) -> str:
    """``U+202E（文字方向控制符）``: the code point and, where it has one, a Chinese name."""
    name = FORMAT_NAMES.get(ch, "格式字符")
    return f"U+{ord(ch):04X}（{name}）"
