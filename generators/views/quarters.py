"""季度: what each quarter reported, and what changed in it, computed from the records.

A commitment's state at the end of a quarter is its state on that day (the newest update on or
before it, rolled up from its children where it has any), exactly as the site shows it on any
as-of day. A quarter's changes compare the states at the end of the previous quarter and at the
end of this one, for the commitments that were updated in it (and the parents they roll up into).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..model.periods import period_bounds, period_kind

if TYPE_CHECKING:
    from .views import Progress, Views

_NUMERALS = "一二三四"


@dataclass(frozen=True, order=True)
class Quarter:
    period: str
    """As records write it: ``2023-Q2``."""

    @property
    def start(self) -> dt.date:
        return period_bounds(self.period)[0]

    @property
    def end(self) -> dt.date:
        return period_bounds(self.period)[1]

    @property
    def label(self) -> str:
        return f"{self.period[:4]}年第{_NUMERALS[int(self.period[-1]) - 1]}季度"

    @property
    def slug(self) -> str:
        """The page address: ``2023-q2``."""
        return self.period.lower()

    @property
    def page_path(self) -> str:
        """The quarter's page under content/: ``quarters/2023-q2.md``."""
        return f"quarters/{self.slug}.md"

    @property
    def previous(self) -> Quarter:
        year, number = int(self.period[:4]), int(self.period[-1])
        return Quarter(f"{year - 1}-Q4") if number == 1 else Quarter(f"{year}-Q{number - 1}")


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


@dataclass(frozen=True)
class Change:
    """One commitment between the end of the previous quarter and the end of this one."""

    item: Any
    before: Progress
    after: Progress
    added: bool
    """First reported in this quarter (nothing about it, or its parts, was reported before)."""

    @property
    def finished(self) -> bool:
        return self.after.done and not self.before.done

    @property
    def moved(self) -> bool:
        """Its status changed (a first report counts as added, not as a move)."""
        return not self.added and self.before.status != self.after.status

    @property
    def delta(self) -> float:
        """Percentage points gained; 0 when either side was not reported (未报告 is not 0 %)."""
        if self.after.value is None or self.before.value is None:
            return 0.0
        return self.after.value - self.before.value


class Quarters:
    """Quarter pages' figures, computed once per run from a :class:`~generators.views.views.Views`."""

    def __init__(self, views: Views):
        self.v = views
        self._snapshots: dict[dt.date, Views] = {}
        self._changes: dict[Quarter, list[Change]] = {}
        self._firsts: dict[str, dt.date] = {}

    def at(self, day: dt.date) -> Views:
        """The site's views as of ``day`` (never later than the run's own as-of day)."""
        day = min(day, self.v.as_of)
        if day == self.v.as_of:
            return self.v
        if day not in self._snapshots:
            self._snapshots[day] = self.v.on(day)
        return self._snapshots[day]

    def end(self, quarter: Quarter) -> dt.date:
        """The day a quarter's state is read: its last day, or the as-of day if it is not over."""
        return min(quarter.end, self.v.as_of)

    # Which quarters -------------------------------------------------------------------------

    @cached_property
    def _updated(self) -> dict[Quarter, list[str]]:
        """Quarter → ids of the commitments updated in it and of the parents they roll up into."""
        touched: dict[Quarter, dict[str, None]] = defaultdict(dict)
        for item in self.v.ds.all("commitment"):
            for update in item.history:
                if update.date <= self.v.as_of:
                    ids = touched[quarter_of(update.date)]
                    node, hops = item, 0
                    while node is not None and hops < 50:
                        ids.setdefault(node.id)
                        node, hops = self.v.get("commitment", node.parent), hops + 1
        return {q: list(ids) for q, ids in touched.items()}

    @cached_property
    def _results(self) -> dict[Quarter, list[Any]]:
        found: dict[Quarter, list[Any]] = defaultdict(list)
        for result in self.v.sorted("result"):
            if period_kind(result.period) != "quarter":
                continue  # months, spans and cut-off days have report pages, not quarter pages
            quarter = Quarter(result.period)
            if quarter.start <= self.v.as_of:
                found[quarter].append(result)
        return found

    @cached_property
    def all(self) -> list[Quarter]:
        """Quarters that reported a result or an update, oldest first."""
        return sorted(set(self._updated) | set(self._results))

    def neighbours(self, quarter: Quarter) -> tuple[Quarter | None, Quarter | None]:
        """The quarters with pages just before and just after this one."""
        index = self.all.index(quarter)
        return (self.all[index - 1] if index else None,
                self.all[index + 1] if index + 1 < len(self.all) else None)

    # One quarter ----------------------------------------------------------------------------

    def results(self, quarter: Quarter) -> list[Any]:
        return self._results.get(quarter, [])

    def changes(self, quarter: Quarter) -> list[Change]:
        """Commitments whose status or progress changed in the quarter, in programme and id order."""
        if quarter not in self._changes:
            self._changes[quarter] = self._compute_changes(quarter)
        return self._changes[quarter]

    def _compute_changes(self, quarter: Quarter) -> list[Change]:
        before, after = self.at(quarter.previous.end), self.at(self.end(quarter))
        found = []
        for item_id in self._updated.get(quarter, []):
            item = self.v.get("commitment", item_id)
            change = Change(item, before.progress(item), after.progress(item),
                            added=self._first(item) > quarter.previous.end)
            if change.added or change.moved or change.delta:
                found.append(change)
        return sorted(found, key=lambda c: (c.item.programme, c.item.id))

    def summary(self, quarter: Quarter) -> dict[str, int]:
        changes = self.changes(quarter)
        return {"新增": sum(c.added for c in changes), "完成": sum(c.finished for c in changes),
                "状态变化": sum(c.moved for c in changes),
                "进度推进": sum(c.delta > 0 for c in changes)}

    def previous_value(self, result: Any, name: str) -> Any | None:
        """The same programme's indicator of that name in the quarter before, if reported."""
        if period_kind(result.period) != "quarter":
            return None
        for other in self._results.get(Quarter(result.period).previous, []):
            if other.programme == result.programme:
                return next((i for i in other.indicators if i.name == name), None)
        return None

    # Series, for the charts --------------------------------------------------------------------

    def indicator_series(self, programme_id: str) -> dict[tuple[str, str], list[tuple[str, float]]]:
        """(indicator name, unit) → [(period, value)] over the programme's results, oldest first."""
        series: dict[tuple[str, str], list[tuple[str, float]]] = {}
        for result in self.v.referrers("programme", programme_id, "result"):
            if period_kind(result.period) != "quarter":
                continue
            for indicator in result.indicators:
                series.setdefault((indicator.name, indicator.unit), []).append(
                    (result.period, float(indicator.value)))
        return {key: sorted(points) for key, points in series.items()}

    def progress_series(self, programme_id: str) -> list[tuple[str, float, int, int]]:
        """[(period, mean progress, finished, reported)] of the programme's top-level commitments
        at the end of each quarter in which any of them was updated; only those reported by then
        count."""
        mine = self.v.referrers("programme", programme_id, "commitment")
        ids = {c.id for c in mine}
        quarters = sorted(q for q, touched in self._updated.items() if ids.intersection(touched))
        days = [self.end(q) for q in quarters]
        total, finished, reported = [0.0] * len(days), [0] * len(days), [0] * len(days)
        for item in (c for c in mine if not c.parent and not c.recurring):
            for index, value in enumerate(self._values_on(item, days)):
                if value is not None:
                    total[index] += min(value, 100.0)
                    finished[index] += value >= 100
                    reported[index] += 1
        return [(q.period, total[i] / reported[i] if reported[i] else 0.0, finished[i], reported[i])
                for i, q in enumerate(quarters)]

    def _values_on(self, item: Any, days: list[dt.date]) -> list[float | None]:
        """The item's progress on each of ``days`` (in order); None before its first report."""
        if self.v.kids(item.id):
            return [self.at(day).progress(item).value if self._first(item) <= day else None
                    for day in days]
        values: list[float | None] = []
        timeline, step, current = list(self.v.own_timeline(item)), 0, None
        for day in days:  # both in date order: one walk
            while step < len(timeline) and timeline[step].date <= day:
                current, step = timeline[step].value, step + 1
            values.append(current)
        return values

    def _first(self, item: Any) -> dt.date:
        """The day the item, or a part of it, was first reported (date.max if never)."""
        if item.id not in self._firsts:
            self._firsts[item.id] = min((u.date for node in self._subtree(item) for u in node.history),
                                        default=dt.date.max)
        return self._firsts[item.id]

    def _subtree(self, item: Any) -> list[Any]:
        found, queue = [], [item]
        while queue and len(found) < 10_000:
            node = queue.pop()
            found.append(node)
            queue.extend(self.v.kids(node.id))
        return found

