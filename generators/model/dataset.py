"""The validated records of one run, with the lookups pages and checks need."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..load.address import LOCAL_ADDRESS, Address
from ..load.document import Document
from ..load.errors import ErrorReport
from .fields import Record
from .site import Site


@dataclass
class Dataset:
    site: Site
    as_of: dt.date
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: defaultdict(dict))
    documents: dict[str, Document] = field(default_factory=dict)
    #: Kinds some of whose records could not be read; references to them are not checked.
    incomplete: set[str] = field(default_factory=set)
    #: Where the site is published (from the deployment, see :mod:`generators.address`).
    address: Address = LOCAL_ADDRESS

    def all(self, kind: str) -> list[Any]:
        return list(self.records[kind].values())

    def get(self, kind: str, record_id: str | None) -> Any:
        return self.records[kind].get(record_id) if record_id else None

    def position(self, record: Record, path: Iterable[Any], *, key: bool = False) -> tuple[int, int]:
        doc = self.documents.get(record._file)
        return doc.position((record._index, *path), key=key) if doc else (0, 0)

    def error(self, report: ErrorReport, record: Record, path: tuple[Any, ...], message: str,
              *, warning: bool = False) -> None:
        """Report a problem at a field of ``record``, with its file, line and column."""
        line, col = self.position(record, path)
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
