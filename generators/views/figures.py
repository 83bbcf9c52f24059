"""An item's published figures, read through one small set of accessors: its number, lead unit,
indicator (name, unit, kind, target, whether it accumulates and may exceed its target) and the
latest reported actual. The spreadsheet tools and the downloads read the records only through
these functions, so a change of the commitment model touches this module alone.

Written against both shapes of the model: today's (an update has date, status, progress, note)
and issue 14's (an item has ``number``, an optional ``unit`` and an ``indicator``; an update has
``period``, ``actual``, ``expected`` and ``reason``). Fields the model does not have read as None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model.dataset import Dataset
from ..model.types.commitments import Commitment, Update

#: Update fields the spreadsheet may write, in the order they are written into a new entry.
UPDATE_ORDER = ("date", "period", "status", "progress", "actual", "expected", "reason", "note")


def update_has(field: str) -> bool:
    """Whether the data model stores ``field`` in an update (issue 14 adds period, actual, …)."""
    return field in Update.model_fields


@dataclass(frozen=True)
class Indicator:
    name: str | None
    unit: str | None
    kind: str | None
    """数量, 金额 or 比率 (a rate: its actual and target are percentages)."""
    target: float | None
    cumulative: bool
    """The actual never goes down from one period to the next."""
    over_allowed: bool
    """The actual may exceed the target (or 100 % for a rate)."""


NO_INDICATOR = Indicator(None, None, None, None, cumulative=True, over_allowed=True)


def indicator(item: Commitment) -> Indicator:
    found = getattr(item, "indicator", None)
    if found is None:
        return NO_INDICATOR
    return Indicator(name=getattr(found, "name", None), unit=getattr(found, "unit", None),
                     kind=getattr(found, "kind", None), target=getattr(found, "target", None),
                     cumulative=bool(getattr(found, "cumulative", True)),
                     over_allowed=bool(getattr(found, "over_allowed", True)))


def number(item: Commitment) -> str | None:
    """The item's number as published (第 N 项), if the model has one."""
    value = getattr(item, "number", None)
    return str(value) if value is not None else None


def lead_unit(dataset: Dataset, item: Commitment) -> str | None:
    """The lead unit's name; None where the bulletin names none."""
    unit_id = getattr(item, "unit", None)
    unit = dataset.get("unit", unit_id)
    return getattr(unit, "name", None) or unit_id


def status_labels(dataset: Dataset, programme_id: str) -> list[str]:
    """The statuses an update may use: the site's, then the programme's own if it has any."""
    labels = list(dataset.site.status_labels())
    programme = dataset.get("programme", programme_id)
    for status in getattr(programme, "statuses", None) or []:
        label = getattr(status, "label", status)
        if isinstance(label, str) and label not in labels:
            labels.append(label)
    return labels


def items(dataset: Dataset, programme_id: str) -> list[Commitment]:
    """The programme's items in their published order (by number, then as the site lists them)."""
    found = [c for c in dataset.all("commitment") if c.programme == programme_id]
    return sorted(found, key=_order)


def items_by_programme(dataset: Dataset) -> dict[str, list[Commitment]]:
    """:func:`items` of every programme at once (one pass over the items, not one per programme)."""
    found: dict[str, list[Commitment]] = {}
    for item in dataset.all("commitment"):
        found.setdefault(item.programme, []).append(item)
    return {programme: sorted(rows, key=_order) for programme, rows in found.items()}


def _order(item: Commitment) -> tuple[Any, ...]:
    return (_number_key(number(item)), item.id)


def _number_key(text: str | None) -> tuple[Any, ...]:
    if text is None:
        return (1,)
    parts = text.replace("－", "-").split("-")
    return (0, *[(0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts])


def latest(item: Commitment) -> Update | None:
    return item.history[-1] if item.history else None


def value(update: Update | None, field: str) -> Any:
    """An update's field, None where the update or the model has none."""
    return getattr(update, field, None) if update is not None else None


def last_actual(item: Commitment) -> tuple[float, Update] | None:
    """The newest reported actual and the update that carries it."""
    for update in reversed(item.history):
        actual = value(update, "actual")
        if actual is not None:
            return actual, update
    return None


def known_progress(views: Any, item: Commitment) -> float | None:
    """The item's percent done on the views' day; None when nobody reported one (an unknown is
    never a 0)."""
    return views.progress(item).value
