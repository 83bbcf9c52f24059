"""Walking ``parent`` chains without recursion: a chain may be hundreds of records deep, and a
cycle must be reported, not followed for ever."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..load.errors import ErrorReport
    from .dataset import Dataset


def parent_cycle(item: Any, dataset: Dataset, kind: str) -> list[str] | None:
    """The ids of the cycle ``item`` starts, ending where it began, if its parents lead back to it."""
    chain = [item.id]
    seen = {item.id}
    parent = item.parent
    while parent and parent not in seen:
        chain.append(parent)
        seen.add(parent)
        record = dataset.get(kind, parent)
        parent = record.parent if record else None
    return [*chain, item.id] if parent == item.id else None


def check_parent_cycle(item: Any, dataset: Dataset, report: ErrorReport, kind: str) -> None:
    """Report a cycle once, at its member with the smallest id."""
    cycle = parent_cycle(item, dataset, kind)
    if cycle and item.id == min(cycle):
        dataset.error(report, item, ("parent",), f"上级关系形成循环：{' → '.join(cycle)} (parent cycle)")
