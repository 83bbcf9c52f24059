"""The registry of record types. To add one: write its module, add it here, add its templates."""

from __future__ import annotations

from . import commitments, hotlines, places, programmes, results, tours, units
from .base import RecordType

#: In load order: a type may refer to types listed before or after it.
TYPES: tuple[RecordType, ...] = (
    places.TYPE,
    units.TYPE,
    programmes.TYPE,
    hotlines.TYPE,
    tours.TYPE,
    commitments.TYPE,
    results.TYPE,
)
BY_NAME: dict[str, RecordType] = {t.name: t for t in TYPES}
