"""What the pages show that no single record holds: states on the as-of day, roll-ups, and who
refers to whom. Computed once per run, in linear time, so templates only look things up."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import charts, listings
from .dataset import Dataset
from .listings import Listing
from .quarters import Change, Quarters
from .refs import references
from .types import BY_NAME, TYPES
from .types.commitments import Commitment

TOUR_STATES = {"upcoming": "即将开始", "active": "正在受理", "closed": "已结束"}


@dataclass(frozen=True)
class Progress:
    """A commitment's state on the as-of day."""

    status: str | None
    """The label of its latest status, or None if nothing was reported yet."""
    tone: str
    value: float
    """Percent done: its own figure, or the roll-up of its children."""
    date: dt.date | None
    rolled_up: bool
    """Whether ``value`` comes from the children."""


class Views:
    def __init__(self, dataset: Dataset, as_of: dt.date | None = None):
        self.ds = dataset
        self.site = dataset.site
        self.as_of = as_of or dataset.as_of
        self._progress: dict[str, Progress] = {}
        self._statuses = {s.label: s for s in self.site.statuses}
        self.list_limit = dataset.site.rows_per_page
        self._listings: dict[str, Listing] = {}

    def on(self, day: dt.date) -> Views:
        """The same records seen on another day; shares what does not depend on the day."""
        other = Views(self.ds, day)
        other.__dict__["_referrers"] = self._referrers
        other.list_limit = self.list_limit
        return other

    @cached_property
    def quarters(self) -> Quarters:
        """Quarter pages' figures (see :mod:`generators.quarters`)."""
        return Quarters(self)

    # Addresses ------------------------------------------------------------------------------

    def url(self, kind: str, record_id: str) -> str:
        """Path of a record's page under content/."""
        return BY_NAME[kind].page_path(record_id)

    def get(self, kind: str, record_id: str | None) -> Any:
        return self.ds.get(kind, record_id)

    def sorted(self, kind: str) -> list[Any]:
        record_type = BY_NAME[kind]
        return sorted(self.ds.all(kind), key=record_type.sort_key)

    # Who refers to whom ------------------------------------------------------------------------

    @cached_property
    def _referrers(self) -> dict[tuple[str, str], dict[str, list[Any]]]:
        """(kind, id) → {referring kind: [records]}, each record once, in page order."""
        index: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        for record_type in TYPES:
            for record in self.sorted(record_type.name):
                for target in dict.fromkeys((kind, value) for _, kind, value in references(record)):
                    index[target][record_type.name].append(record)
        return index

    def referrers(self, kind: str, record_id: str, by: str) -> list[Any]:
        """Records of kind ``by`` that refer to the ``kind`` record ``record_id``."""
        found = self._referrers.get((kind, record_id))
        return list(found.get(by, [])) if found else []

    def children(self, place_id: str) -> list[Any]:
        return [p for p in self.referrers("place", place_id, "place") if p.parent == place_id]

    def concerning(self, place_id: str, kind: str) -> list[Any]:
        """Records of ``kind`` for this place, then those for the places above it and for the whole
        city (records with no place), each once: what concerns a resident of this place."""
        found: dict[str, Any] = {}
        for place in [self.get("place", place_id), *reversed(self.ancestors(place_id))]:
            for record in self.referrers("place", place.id, kind):
                found.setdefault(record.id, record)
        for record in self._citywide(kind):
            found.setdefault(record.id, record)
        return list(found.values())

    @functools.cache  # noqa: B019 - one Views per run; the cache dies with it
    def _citywide(self, kind: str) -> list[Any]:
        """Records that name no place (and are not part of another): they concern everyone."""
        return [r for r in self.sorted(kind)
                if not getattr(r, "places", None) and not getattr(r, "parent", None)]

    def chain(self, place_id: str) -> list[Any]:
        """The places from the top of the hierarchy down to this one."""
        return [*self.ancestors(place_id), self.get("place", place_id)]

    def ancestors(self, place_id: str) -> list[Any]:
        chain, place = [], self.get("place", place_id)
        while place is not None and place.parent and len(chain) < 20:
            place = self.get("place", place.parent)
            if place is not None:
                chain.insert(0, place)
        return chain

    def descendants(self, place_id: str) -> set[str]:
        """The ids of every place below this one."""
        found: set[str] = set()
        todo = [place_id]
        while todo:
            for child in self.children(todo.pop()):
                if child.id not in found:
                    found.add(child.id)
                    todo.append(child.id)
        return found

    # Tours ---------------------------------------------------------------------------------

    def tours_covering(self, place_id: str) -> list[tuple[Any, list[Any]]]:
        """Tours that inspect this place or a place below it, each with the groups that do,
        oldest first: what a town or village page lists."""
        mine = self.descendants(place_id) | {place_id}
        found = []
        for tour in self.sorted("tour"):
            groups = [g for g in tour.groups if mine.intersection(g.places)]
            if groups:
                found.append((tour, groups))
        return found

    def tour_state(self, tour: Any) -> str:
        return tour.state(self.as_of)

    def tour_state_label(self, tour: Any) -> str:
        return TOUR_STATES[self.tour_state(tour)]

    # Commitments ---------------------------------------------------------------------------

    def kids(self, commitment_id: str) -> list[Commitment]:
        return [c for c in self.referrers("commitment", commitment_id, "commitment")
                if c.parent == commitment_id]

    def own_progress(self, item: Commitment) -> Progress:
        """State from the item's own history: the newest update on or before the as-of day.

        An update without a figure takes its status's default, else the previous figure; an item
        with no update yet counts as 0.
        """
        state = Progress(None, "planned", 0.0, None, False)
        for state in self.own_timeline(item):  # noqa: B007 - the last one is the answer
            pass
        return state

    def own_timeline(self, item: Commitment) -> Iterator[Progress]:
        """The item's own state after each of its updates up to the as-of day, oldest first."""
        value = 0.0
        for update in item.history:
            if update.date > self.as_of:
                break
            status = self._statuses[update.status]
            value = update.progress if update.progress is not None else (
                status.progress if status.progress is not None else value)
            yield Progress(update.status, status.tone, float(value), update.date, False)

    def progress(self, item: Commitment) -> Progress:
        """Own state, with the value rolled up from the children if it has any."""
        if item.id not in self._progress:
            own = self.own_progress(item)
            rolled = self.rollup(item)
            self._progress[item.id] = own if rolled is None else Progress(
                own.status, own.tone, rolled, own.date, True)
        return self._progress[item.id]

    def rollup(self, item: Commitment) -> float | None:
        """Weighted mean of the children's progress (weight 1 where none is given), leaving out
        cancelled children; None if there are no children to count."""
        states = [(c, self.progress(c)) for c in self.kids(item.id)]
        # A child's Progress carries its own status's tone, rolled up or not.
        counted = [(c.weight or 1.0, state.value) for c, state in states if state.tone != "stopped"]
        total = sum(w for w, _ in counted)
        if not counted or total == 0:
            return None
        return sum(w * p for w, p in counted) / total

    def listing(self, kind: str, folder: str, title: str, rows: list[Any], shown_on: str) -> Listing:
        """Rows of ``kind`` ("commitment" or "change") shown on the page ``shown_on``, split by
        place into pages under ``folder`` when there are too many; made once per folder."""
        if folder not in self._listings:
            place_of = _first_place if kind == "commitment" else lambda c: _first_place(c.item)
            self._listings[folder] = listings.build(rows, title, folder, place_of, self.chain,
                                                    self.list_limit, kind, shown_on)
        return self._listings[folder]

    def listings(self) -> list[Listing]:
        """Every listing made so far."""
        return list(self._listings.values())

    def top_level(self, kind: str, record_id: str) -> list[Commitment]:
        """Commitments of a programme or unit that are not parts of another."""
        return [c for c in self.referrers(kind, record_id, "commitment") if not c.parent]

    def by_programme(self, changes: list[Change]) -> list[tuple[Any, list[Change]]]:
        """Changes grouped under their programme, in the order given."""
        groups: dict[str, list[Change]] = {}
        for change in changes:
            groups.setdefault(change.item.programme, []).append(change)
        return [(self.get("programme", pid), rows) for pid, rows in groups.items()]

    @functools.cache  # noqa: B019 - one Views per run
    def series(self, programme_id: str) -> list[charts.Series]:
        return charts.series_for(self, programme_id)

    def overdue(self, item: Commitment) -> bool:
        return bool(item.due and item.due < self.as_of and self.progress(item).value < 100)

    # Hotlines ----------------------------------------------------------------------------------

    def hours_json(self, hotline: Any) -> str:
        """The weekly slots for the status script: [[days], "HH:MM", "HH:MM"], or "always"."""
        if hotline.hours is None:
            return "always"
        return json.dumps([[list(s.days), f"{s.time[0]:%H:%M}", f"{s.time[1]:%H:%M}"]
                           for s in hotline.hours.slots], separators=(",", ":"))

    def line_state(self, hotline: Any) -> str:
        """The state of a hotline's numbers on the as-of day, for its call cards: "open" (in
        service), "closed", "upcoming", or "unknown" (in service but not verified for
        ``stale_after_days``: it may have changed). Only "open" and "unknown" are dialled."""
        if hotline.valid_to and hotline.valid_to < self.as_of:
            return "closed"
        if hotline.valid_from and hotline.valid_from > self.as_of:
            return "upcoming"
        if (self.as_of - hotline.verified).days > self.site.stale_after_days:
            return "unknown"
        return "open"

    def tour_line_state(self, tour: Any) -> str:
        """The state of a tour group's reporting line: open while the tour accepts reports."""
        return {"active": "open", "upcoming": "upcoming", "closed": "closed"}[self.tour_state(tour)]

    def lines_by_state(self) -> list[tuple[str, list[Any]]]:
        """Hotlines grouped for the hotlines page: in service first, then not yet open, then
        closed; empty groups left out."""
        groups: dict[str, list[Any]] = {"open": [], "upcoming": [], "closed": []}
        for hotline in self.sorted("hotline"):
            state = self.line_state(hotline)
            groups["open" if state == "unknown" else state].append(hotline)
        return [(state, lines) for state, lines in groups.items() if lines]

    def closed_line_ids(self) -> set[str]:
        """Hotlines no longer in service on the as-of day."""
        return {h.id for h in self.ds.all("hotline") if self.line_state(h) == "closed"}

    def standing_lines(self) -> list[Any]:
        """Hotlines in service for the whole county (no place, or only top-level places): the
        numbers the home page always shows, whether or not a tour is open."""
        def countywide(h: Any) -> bool:
            return all(not self.get("place", p).parent for p in h.places)
        return [h for h in self.sorted("hotline")
                if countywide(h) and self.line_state(h) in ("open", "unknown")]

    def service_label(self, hotline: Any) -> str:
        """In service or not on the as-of day (the script refines it to "open now")."""
        if hotline.valid_to and hotline.valid_to < self.as_of:
            return "已停用"
        if hotline.valid_from and hotline.valid_from > self.as_of:
            return "尚未启用"
        return "在用"

    # The home page -----------------------------------------------------------------------------

    def open_tours(self) -> list[Any]:
        """Tours accepting reports or about to, soonest deadline first."""
        return sorted((t for t in self.ds.all("tour") if self.tour_state(t) != "closed"),
                      key=lambda t: (t.deadline, t.id))

    def towns(self) -> list[Any]:
        """The 镇/街道: children of the top-level places, for "find your village" in two taps."""
        tops = [p for p in self.sorted("place") if not p.parent]
        return [town for top in tops for town in self.children(top.id)]

    def done_count(self) -> tuple[int, int]:
        """(finished, all) among commitments that are not parts of another."""
        items = [c for c in self.ds.all("commitment") if not c.parent]
        return sum(self.progress(c).value >= 100 for c in items), len(items)

    def rolled_up(self) -> list[Any]:
        """Commitments whose progress is the roll-up of their children."""
        return [c for c in self.sorted("commitment") if self.kids(c.id)]

    def latest_changes(self, limit: int = 10) -> list[tuple[dt.date, str, Any, str]]:
        """The newest dated events on or before the as-of day: (date, kind, record, what)."""
        events: list[tuple[dt.date, str, Any, str]] = []
        for c in self.ds.all("commitment"):
            for update in c.history:
                if update.date <= self.as_of:
                    events.append((update.date, "commitment", c, update.status))
        for t in self.ds.all("tour"):
            if t.start <= self.as_of:
                events.append((t.start, "tour", t, "开始巡察"))
        for r in self.ds.all("result"):
            first = r.source.date
            if first and first <= self.as_of:
                events.append((first, "result", r, f"{r.period} 成果"))
        events.sort(key=lambda e: (e[0], e[1], e[2].id), reverse=True)
        return events[:limit]


def _first_place(item: Commitment) -> str | None:
    return item.places[0] if item.places else None
