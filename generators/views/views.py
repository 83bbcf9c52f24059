"""What the pages show that no single record holds: states on the as-of day, roll-ups, and who
refers to whom. Computed once per run, in linear time, so templates only look things up."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..model.calendar import working_day
from ..model.dataset import Dataset
from ..model.refs import references
from ..model.schedule import WORKDAYS
from ..model.site import Status
from ..model.types import BY_NAME, TYPES
from ..model.types.commitments import Commitment
from . import listings
from . import series as charts_series
from .listings import Listing
from .quarters import Change, Quarters
from .reports import Report

TOWN_KINDS = ("镇", "乡", "街道")
VILLAGE_KINDS = ("村", "社区", "小区")
TOUR_STATES = {"upcoming": "即将开始", "active": "正在受理", "closed": "已结束"}


@dataclass(frozen=True)
class Progress:
    """A commitment's state on the as-of day."""

    status: str | None
    """The label of its latest status, or None if nothing was reported yet."""
    tone: str
    value: float | None
    """Percent done: actual ÷ target, the stated percentage, the status's default, or the roll-up
    of its children; None when nobody reported it (未报告) or the item has no target (常态化).
    May exceed 100 (over-achieved)."""
    date: dt.date | None
    rolled_up: bool
    """Whether ``value`` comes from the children."""
    actual: float | None = None
    """The indicator's reported figure, if any."""
    update: Any = None
    """The update this state comes from."""

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def done(self) -> bool:
        """Done when the bulletin's word says so, or the figure reached its target; but not when
        the same update's own word says the work goes on (正常推进, 推进缓慢): a screening rate at
        100 % in June is not a year's work done, and the bulletin does not count it as done."""
        if self.tone == "done":
            return True
        if self.tone in ("active", "late") and not self.rolled_up:
            return False
        return self.value is not None and self.value >= 100

    @property
    def over(self) -> bool:
        """Over-achieved: more than the target."""
        return self.value is not None and self.value > 100


class Views:
    def __init__(self, dataset: Dataset, as_of: dt.date | None = None):
        self.ds = dataset
        self.site = dataset.site
        self.as_of = as_of or dataset.as_of
        self._progress: dict[str, Progress] = {}
        self._statuses = {s.label: s for s in self.site.statuses}
        self.list_limit = dataset.site.rows_per_page
        self._listings: dict[str, Listing] = {}
        #: What does not depend on the day, shared with the views of other days (``on``): each
        #: commitment's parts, each programme's items, each item's own state after each update.
        self._kids: dict[str, list[Commitment]] = {}
        self._items: dict[str, list[Commitment]] = {}
        self._timelines: dict[str, tuple[list[dt.date] | tuple[dt.date, ...], list[Progress]]] = {}

    def on(self, day: dt.date) -> Views:
        """The same records seen on another day; shares what does not depend on the day."""
        other = Views(self.ds, day)
        other.__dict__["_referrers"] = self._referrers
        other._kids, other._items, other._timelines = self._kids, self._items, self._timelines
        other.list_limit = self.list_limit
        return other

    @cached_property
    def quarters(self) -> Quarters:
        """Quarter pages' figures (see :mod:`generators.views.quarters`)."""
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
        """Records of ``kind`` for this place, then those for the places above it, then those that
        name no place but are for its county or city (:meth:`scope`), each once: what concerns a
        resident of this place."""
        found: dict[str, Any] = {}
        for place in [self.get("place", place_id), *reversed(self.ancestors(place_id))]:
            for record in self.referrers("place", place.id, kind):
                found.setdefault(record.id, record)
        above = {p.id for p in self.chain(place_id)}
        for record, scope in self._citywide(kind):
            if scope is None or scope in above:
                found.setdefault(record.id, record)
        return list(found.values())

    def scope(self, record: Any) -> str | None:
        """The place (a county, a city) a record that names no place is for: that of its
        responsible unit, else of its programme's unit; it concerns the places below it. None
        when neither unit names a place: it concerns every place of the site (a site of one
        county needs no more). A county's own list never shows on another county's pages."""
        programme = self.get("programme", getattr(record, "programme", None))
        for unit_id in (getattr(record, "unit", None), getattr(programme, "unit", None)):
            unit = self.get("unit", unit_id)
            if unit is not None and unit.place and self.get("place", unit.place) is not None:
                return unit.place
        return None

    @functools.cache  # noqa: B019 - one Views per run; the cache dies with it
    def _citywide(self, kind: str) -> list[tuple[Any, str | None]]:
        """Records that name no place (and are not part of another), each with its
        :meth:`scope`: they concern every place below it."""
        return [(r, self.scope(r)) for r in self.sorted(kind)
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

    # Tours ---------------------------------------------------------------------------------

    def tour_state(self, tour: Any) -> str:
        return tour.state(self.as_of)

    def tour_state_label(self, tour: Any) -> str:
        return TOUR_STATES[self.tour_state(tour)]

    # Commitments ---------------------------------------------------------------------------

    def kids(self, commitment_id: str) -> list[Commitment]:
        """The commitment's parts (the list is shared: do not change it)."""
        found = self._kids.get(commitment_id)
        if found is None:
            found = self._kids[commitment_id] = [
                c for c in self.referrers("commitment", commitment_id, "commitment")
                if c.parent == commitment_id]
        return found

    def own_progress(self, item: Commitment) -> Progress:
        """State from the item's own history: the newest update on or before the as-of day.

        An item with no update yet is unknown (未报告), not 0 %.
        """
        dates, states = self._timeline(item)
        seen = self._seen(dates)
        return states[seen - 1] if seen else Progress(None, "planned", None, None, False)

    def own_timeline(self, item: Commitment) -> Iterator[Progress]:
        """The item's own state after each of its updates up to the as-of day, oldest first."""
        dates, states = self._timeline(item)
        return iter(states[:self._seen(dates)])

    def _seen(self, dates: list[dt.date] | tuple[dt.date, ...]) -> int:
        """How many updates are on or before the as-of day: those before the first later one.
        Dates in order are a list (bisected); out of order (an error of check) a tuple."""
        if isinstance(dates, list):
            return bisect.bisect_right(dates, self.as_of)
        return next((i for i, day in enumerate(dates) if day > self.as_of), len(dates))

    def _timeline(self, item: Commitment) -> tuple[list[dt.date] | tuple[dt.date, ...], list[Progress]]:
        """The item's own state after each of its updates, whatever the day (computed once)."""
        found = self._timelines.get(item.id)
        if found is None:
            dates, states, value = [], [], None
            for update in item.history:
                status = self.status(item, update.status)
                value = self.update_value(item, update, status, value)
                dates.append(update.date)
                states.append(Progress(update.status, status.tone, value, update.date, False,
                                       float(update.actual) if update.actual is not None else None,
                                       update))
            ordered = all(a <= b for a, b in zip(dates, dates[1:], strict=False))
            found = self._timelines[item.id] = (dates if ordered else tuple(dates), states)
        return found

    def status(self, item: Commitment, label: str) -> Any:
        """The status word as the item's programme defines it, else as data/site.yaml does."""
        programme = self.get("programme", item.programme)
        for own in (programme.statuses if programme else []):
            if own.label == label:
                return own
        if label not in self._statuses:
            # A word check refuses (or that data/site.yaml in error leaves unknown): nothing is
            # published with it, but ``diff`` still compares such records.
            return Status(label=label, tone="active")
        return self._statuses[label]

    @staticmethod
    def update_value(item: Commitment, update: Any, status: Any, previous: float | None) -> float | None:
        """Percent done after one update: actual ÷ target when both are known, else the stated
        rate or percentage, else the status's default, else the previous figure."""
        if item.recurring:
            return None
        target = item.indicator.target if item.indicator else None
        if update.actual is not None and target:
            # A count against a count, or a rate against a target rate (筛查率 100 % of 100 %).
            return float(update.actual) / float(target) * 100
        for stated in (update.rate, update.progress, status.progress):
            if stated is not None:
                return float(stated)
        return previous

    def progress(self, item: Commitment) -> Progress:
        """Own state, with the value rolled up from the children if it has any."""
        found = self._progress.get(item.id)
        if found is not None:
            return found
        if not self.kids(item.id):  # most items have no parts: their own state is the answer
            found = self._progress[item.id] = self.own_progress(item)
            return found
        # Children before parents, with a stack instead of recursion: a chain of parents may be
        # hundreds deep. ``open_`` guards against a cycle (refused by check, but never followed).
        stack, open_ = [item], set()
        while stack:
            node = stack[-1]
            if node.id not in open_:
                open_.add(node.id)
                stack.extend(c for c in self.kids(node.id)
                             if c.id not in self._progress and c.id not in open_)
                continue
            stack.pop()
            if node.id not in self._progress:
                own = self.own_progress(node)
                rolled = self.rollup(node)
                self._progress[node.id] = own if rolled is None else Progress(
                    own.status, own.tone, rolled, own.date, True, own.actual, own.update)
        return self._progress[item.id]

    def rollup(self, item: Commitment) -> float | None:
        """Weighted mean of the children's progress (weight 1 where none is given), leaving out
        cancelled, recurring and unreported children; None if there are none to count."""
        counted = [(c.weight or 1.0, min(state.value, 100.0)) for c in self.kids(item.id)
                   if (state := self._progress.get(c.id) or self.progress(c)).tone != "stopped"
                   and state.value is not None]
        total = sum(w for w, _ in counted)
        if not counted or total == 0:
            return None
        return sum(w * p for w, p in counted) / total

    @staticmethod
    def place_rate(row: Any) -> float | None:
        """A place's completion rate in a breakdown: actual ÷ its own target."""
        if row.actual is None or not row.target:
            return None
        return float(row.actual) / float(row.target) * 100

    def ranked_breakdown(self, item: Commitment, update: Any) -> list[Any]:
        """The per-place rows of an update, best completion rate first, unreported last."""
        return sorted(update.breakdown, key=lambda b: (self.place_rate(b) is None,
                                                       -(self.place_rate(b) or 0), b.place))

    def place_figure(self, item: Commitment, place_id: str) -> tuple[Any, Any] | None:
        """This place's own row in the item's latest breakdown on or before the as-of day, and
        the update it is in; None if that breakdown has no row for it (a district page shows
        its own figure, not the county's)."""
        for update in reversed(item.history):
            if update.date <= self.as_of and update.breakdown:
                row = next((b for b in update.breakdown if b.place == place_id), None)
                return (row, update) if row is not None else None
        return None

    def unreported_kids(self, item: Commitment) -> list[Commitment]:
        """Children left out of the roll-up because nothing was reported for them."""
        return [c for c in self.kids(item.id) if not c.recurring and self.progress(c).value is None]

    def rate_label(self, item: Commitment, state: Progress) -> str | None:
        """The completion rate as published (its own decimals), else computed to 1 decimal."""
        if state.value is None:
            return None
        stated = state.update.rate if state.update is not None and not state.rolled_up else None
        if stated is not None:
            return f"{_plain(stated)}%"
        return f"{_plain(round(state.value, 1))}%"

    # 序时进度 -------------------------------------------------------------------------------

    def expected_share(self, item: Commitment, day: dt.date | None = None) -> float | None:
        """Time-proportional progress: the share of the item's time gone by on ``day`` (the
        as-of day), in percent; None without a start and a due date."""
        day = day or self.as_of
        start, due = item.start_bounds(), item.due_bounds()
        if start is None or due is None:
            return None
        first, last = start[0], due[1]
        if last <= first:
            return 100.0
        elapsed = (min(max(day, first), last) - first).days + (1 if day >= first else 0)
        return min(100.0, 100.0 * elapsed / ((last - first).days + 1))

    def schedule(self, item: Commitment, expected: float | None = None) -> str | None:
        """'done', 'ahead', 'on' or 'behind' against 序时进度 on the as-of day; None when it cannot
        be told (no dates, no figure, recurring). Within ``schedule_tolerance`` points is 'on'.
        ``expected``: the item's :meth:`expected_share`, when the caller has it already."""
        state = self.progress(item)
        if item.recurring or state.value is None:
            return None
        if state.done:
            return "done"
        expected = self.expected_share(item) if expected is None else expected
        if expected is None:
            return None
        tolerance = self.site.schedule_tolerance
        if state.value < expected - tolerance:
            return "behind"
        return "ahead" if state.value > expected + tolerance else "on"

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

    def programme_items(self, programme_id: str) -> list[Commitment]:
        """Top-level items of a programme: its own, then those it lists from other programmes
        (``also_in``), in published number order (the list is shared: do not change it)."""
        found = self._items.get(programme_id)
        if found is None:
            own = [c for c in self.referrers("programme", programme_id, "commitment") if not c.parent]
            found = self._items[programme_id] = sorted(own, key=_number_key)
        return found

    @functools.cache  # noqa: B019 - one Views per run
    def report(self, result_id: str) -> Report:
        """The figures of a report (a result record) on its cut-off day."""
        return Report(self, self.get("result", result_id))

    def latest_report(self, programme_id: str) -> Report | None:
        results = self.referrers("programme", programme_id, "result")
        latest = max(results, key=lambda r: (r.cutoff, r.id), default=None)
        return self.report(latest.id) if latest else None

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
    def series(self, programme_id: str) -> list[charts_series.Series]:
        return charts_series.series_for(self, programme_id)

    def overdue(self, item: Commitment) -> bool:
        """Past its due date (the last day a fuzzy due date allows) and not done."""
        bounds = item.due_bounds()
        return bool(bounds and bounds[1] < self.as_of and not item.recurring
                    and not self.progress(item).done)

    # Hotlines ----------------------------------------------------------------------------------

    def hours_json(self, hotline: Any) -> str:
        """The weekly slots for the status script: [[days] or "W", "HH:MM", "HH:MM"] ("W": 工作日,
        decided by the holiday table), "always", or "unknown" when no hours were published (the
        script then never says "open now")."""
        if hotline.hours is None:
            return "unknown"
        if hotline.hours.always:
            return "always"
        return json.dumps([["W" if s.days == WORKDAYS else list(s.days), f"{s.time[0]:%H:%M}",
                            f"{s.time[1]:%H:%M}"] for s in hotline.hours.slots], separators=(",", ":"))

    @functools.cached_property
    def calendar_data(self) -> dict[str, str]:
        """The holiday table for the status script: years covered, days off, make-up workdays."""
        calendar = self.site.calendar
        off = sorted(d.isoformat() for c in calendar for days in c.holidays for d in days)
        on = sorted(d.isoformat() for c in calendar for days in c.workdays for d in days)
        return {"years": ",".join(str(c.year) for c in sorted(calendar, key=lambda c: c.year)),
                "off": ",".join(off), "on": ",".join(on)}

    def calendar_end(self) -> int | None:
        """The last year the holiday table covers."""
        return max((c.year for c in self.site.calendar), default=None)

    def answered(self, hotline: Any, moment: dt.datetime) -> dt.time | None | str:
        """Whether a line is answered at ``moment``: closing time, None, or 'unknown' (no hours
        published, or a 工作日 slot on a day the holiday table does not cover)."""
        if hotline.hours is None:
            return "unknown"
        return hotline.hours.open_at(moment, working_day(moment.date(), self.site.calendar))

    def area_code(self, programme: Any) -> str | None:
        """The area code of the places a programme's lead unit sits in, nearest first."""
        unit = self.get("unit", programme.unit) if programme else None
        place = self.get("place", unit.place) if unit and unit.place else None
        while place is not None:
            if place.area_code:
                return place.area_code
            place = self.get("place", place.parent)
        return None

    def service_label(self, hotline: Any) -> str:
        """In service or not on the as-of day (the script refines it to "open now")."""
        if hotline.valid_to and hotline.valid_to < self.as_of:
            return "已停用"
        if hotline.valid_from and hotline.valid_from > self.as_of:
            return "尚未启用"
        return "在用"

    # The home page -----------------------------------------------------------------------------

    def open_tours(self) -> list[Any]:
        """Tours accepting reports, or starting within ``upcoming_days``: what the home page
        lists, soonest deadline first. A tour announced further ahead is on the tours page only,
        so the home page never tells a resident to wait months for a number."""
        horizon = self.as_of + dt.timedelta(days=self.site.upcoming_days)

        def listed(tour: Any) -> bool:
            state = self.tour_state(tour)
            return state == "active" or (state == "upcoming" and tour.start <= horizon)
        return sorted((t for t in self.ds.all("tour") if listed(t)), key=lambda t: (t.deadline, t.id))

    def towns(self) -> list[Any]:
        """The 镇、乡、街道, county by county, for "find your village" in two taps."""
        return [p for p in self.sorted("place") if p.kind in TOWN_KINDS]

    def towns_by_county(self) -> list[tuple[Any, list[Any]]]:
        """The towns grouped under their top-level place (the county or city), in order: the
        home page's finder names the county only when the site covers more than one."""
        groups: dict[str, tuple[Any, list[Any]]] = {}
        for town in self.towns():
            top = self.chain(town.id)[0]
            groups.setdefault(top.id, (top, []))[1].append(town)
        return list(groups.values())

    def villages(self, town_id: str) -> list[Any]:
        """The 村、社区、小区 of a town: what a resident picks (not schools, not districts)."""
        return [p for p in self.children(town_id) if p.kind in VILLAGE_KINDS]

    def done_count(self) -> tuple[int, int]:
        """(finished, all) among commitments that are not parts of another and not recurring."""
        items = [c for c in self.ds.all("commitment") if not c.parent and not c.recurring]
        return sum(self.progress(c).done for c in items), len(items)

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


def _number_key(item: Commitment) -> tuple[int, int, str]:
    """Items in published order: 第2项 before 第10项, unnumbered ones last."""
    parts = (item.number or "").split("-")
    head = int(parts[0]) if parts[0].isdigit() else 10**6
    tail = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    return (head, tail, item.id)


def _plain(number: float) -> str:
    """93.0 → 93, 100.27 → 100.27: a figure as written, without a trailing .0."""
    return f"{number:g}" if abs(number) < 1e15 else f"{number:.0f}"


def _first_place(item: Commitment) -> str | None:
    return item.places[0] if item.places else None
