"""What every record type declares, so that adding a type touches one module and one template."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..fields import Record

if TYPE_CHECKING:
    from ...load.errors import ErrorReport
    from ..dataset import Dataset

#: A type-specific check: (record, dataset, report) → adds problems to the report.
Check = Callable[[Any, "Dataset", "ErrorReport"], None]


@dataclass(frozen=True)
class RecordType:
    """A kind of record: where its files live, its model, its pages."""

    name: str
    """Internal name, used in ``Ref`` markers and templates (``place``, ``tour`` …)."""
    label: str
    """What residents call it, in Chinese (地方, 巡察 …)."""
    folder: str
    """Folder under ``data/`` holding its YAML files, and under ``content/`` holding its pages."""
    model: type[Record]
    order: int = 100
    """Where the type appears in lists, downloads and the staff guide (smaller first)."""
    checks: tuple[Check, ...] = ()
    sort_key: Callable[[Any], Any] = lambda r: r.id

    def page_path(self, record_id: str) -> str:
        """Where the record's page is written under ``content/``; its URL follows from it."""
        return f"{self.folder}/{record_id}.md"

    def index_path(self) -> str:
        return f"{self.folder}/index.md"

    def run_checks(self, record: Any, dataset: Dataset, report: ErrorReport) -> None:
        for check in self.checks:
            check(record, dataset, report)


def walk(model: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any, Any]]:
    """Yield (path, field_info, value) for every field of a model, nested models included."""
    from pydantic import BaseModel

    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        yield (*path, name), info, value
        items = value if isinstance(value, (list, tuple)) else [value]
        for index, item in enumerate(items):
            if isinstance(item, BaseModel):
                sub = (*path, name, index) if isinstance(value, (list, tuple)) else (*path, name)
                yield from walk(item, sub)
