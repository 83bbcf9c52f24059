"""The registry of record types: every module in this folder that defines ``TYPE`` is one.

To add a record type, add a module here (see README, "Adding a record type"); nothing else in the
code lists the types. ``order`` in each ``RecordType`` sets where it appears in lists and the guide.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import RecordType


def _discover() -> tuple[RecordType, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        record_type = getattr(module, "TYPE", None)
        if isinstance(record_type, RecordType):
            found.append(record_type)
    return tuple(sorted(found, key=lambda t: (t.order, t.name)))


#: Every record type, in display order (a type may refer to types before or after it).
TYPES: tuple[RecordType, ...] = _discover()
BY_NAME: dict[str, RecordType] = {t.name: t for t in TYPES}
