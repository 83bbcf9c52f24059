"""The validated records of one run, with the lookups pages and checks need."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..load.address import LOCAL_ADDRESS, Address
from ..load.document import Document
from ..load.errors import ErrorReport
from .fields import Record
from .refs import references
from .site import Site


@dataclass(frozen=True)
class Broken:
    """A record in the data that is not in the dataset: it failed validation, or repeats an id.
    Checks use it to stay quiet where it would make their findings noise (a reference to it is
    not "unknown"; a count that would include it is not checked)."""

    kind: str
    id: str
    refs: dict[str, tuple[str, ...]] | None
    """Its top-level references, field → ids (``programme``, ``parent`` …); None when one of them
    could not be read."""


@dataclass
class Dataset:
    site: Site
    as_of: dt.date
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: defaultdict(dict))
    documents: dict[str, Document] = field(default_factory=dict)
    #: Kinds some of whose records could not be read as far as their id (a file with a YAML
    #: error, an entry that is not a mapping): references to them are not checked.
    incomplete: set[str] = field(default_factory=set)
    #: Records that did not validate, by kind (ids known).
    broken: dict[str, list[Broken]] = field(default_factory=lambda: defaultdict(list))
    #: (file, index) of the records in ``records`` with an error of their own.
    faulty: set[tuple[str, int]] = field(default_factory=set)
    #: Where the site is published (from the deployment, see :mod:`generators.address`).
    address: Address = LOCAL_ADDRESS
    _broken_ids: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def all(self, kind: str) -> list[Any]:
        return list(self.records[kind].values())

    def get(self, kind: str, record_id: str | None) -> Any:
        return self.records[kind].get(record_id) if record_id else None

    def add_broken(self, broken: Broken) -> None:
        self.broken[broken.kind].append(broken)
        self._broken_ids.setdefault(broken.kind, set()).add(broken.id)

    def unsure(self, kind: str, record_id: str) -> bool:
        """Whether ``record_id`` may name a record that is in the data but did not validate (its
        own errors say what to fix; a check that needs the record says nothing more)."""
        return kind in self.incomplete or record_id in self._broken_ids.get(kind, ())

    def is_faulty(self, record: Record) -> bool:
        return (record._file, record._index) in self.faulty

    def without_faulty(self) -> Dataset:
        """The same dataset without the records that have errors of their own."""
        if not self.faulty:
            return self
        return self._keeping(lambda kind, record: not self.is_faulty(record))

    def _keeping(self, keep: Callable[[str, Record], bool]) -> Dataset:
        """The same dataset with only the records ``keep(kind, record)`` accepts."""
        kept = replace(self, records=defaultdict(dict), documents=self.documents)
        for kind, records in self.records.items():
            kept.records[kind] = {i: r for i, r in records.items() if keep(kind, r)}
        return kept

    def published(self) -> Dataset:
        """The records the public may see on the as-of day. A record whose type says when it
        comes out (``published_on``: a report's bulletin date, an item's announcement) waits for
        that day, and so does every record that refers to one waiting (a part of an item
        announced later): a list prepared ahead and merged early appears with the daily build of
        its day, and a site built as of an earlier day shows nothing from after it."""
        waiting = [(kind, i) for kind, records in self.records.items() for i, r in records.items()
                   if (day := getattr(r, "published_on", None)) is not None and day > self.as_of]
        if not waiting:
            return self
        referrers: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for kind, records in self.records.items():
            for i, record in records.items():
                for _, target_kind, target in references(record):
                    referrers[(target_kind, target)].append((kind, i))
        hidden = set(waiting)
        while waiting:  # a worklist, not recursion: chains of parts may be long
            for referrer in referrers.get(waiting.pop(), ()):
                if referrer not in hidden:
                    hidden.add(referrer)
                    waiting.append(referrer)
        return self._keeping(lambda kind, record: (kind, record.id) not in hidden)

    def position(self, record: Record, path: Iterable[Any], *, key: bool = False) -> tuple[int, int]:
        doc = self.documents.get(record._file)
        return doc.position((record._index, *path), key=key) if doc else (0, 0)

    def error(self, report: ErrorReport, record: Record, path: tuple[Any, ...], message: str,
              *, warning: bool = False) -> None:
        """Report a problem at a field of ``record``, with its file, line and column."""
        line, col = self.position(record, path)
        if not warning:
            self.faulty.add((record._file, record._index))
        add = report.warn if warning else report.error
        add(record._file, line, col, dotted(path), message)

    # Lookups used by the pages -------------------------------------------------------------

    def children(self, kind: str, attr: str, parent_id: str) -> list[Any]:
        return [r for r in self.all(kind) if getattr(r, attr) == parent_id]


def dotted(path: Iterable[Any]) -> str:
    """``('groups', 0, 'hotline')`` → ``groups[1].hotline``: list positions counted from 1."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
