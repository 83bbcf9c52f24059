"""Checks that need computed state, run over the records that passed validation.

A bulletin may state a figure the records also determine (a completion rate, a count): the site
must not publish both when they disagree. These checks compute the figure as the pages would.

They run whatever else the run found, so that one run shows every mistake, but a figure computed
from a record in error would be wrong, and its check noise: :class:`Trust` says which figures can be
relied on, and only those are checked (the record's own error says what to fix first).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..load.errors import ErrorReport
from ..model.dataset import Dataset
from ..model.periods import period_bounds
from .reports import Report
from .views import Views


def check_computed(dataset: Dataset, report: ErrorReport) -> None:
    """Every check of this module, over the whole dataset."""
    trust = Trust(dataset)
    for result in dataset.all("result"):
        check_rollups(result, trust, report)
        check_stated(result, trust, report)
        check_objection(result, trust, report)


class Trust:
    """What computed figures can rely on: the records without errors of their own (``clean``, and
    ``views`` over them), and whether a figure needs a record in error.

    A commitment in error (it did not validate, repeats an id, or has an error of its own, such as
    an unknown status word or a parent cycle) would be missing from, or wrong in, the counts and
    roll-ups it belongs to; a programme, unit or place in error leaves an area code unknown; status
    words in error in data/site.yaml leave every state unknown.
    """

    def __init__(self, dataset: Dataset):
        self.ds = dataset
        self.clean = dataset.without_faulty()
        self.views = Views(self.clean)
        # The commitments a figure may be missing, by their references (None: not readable).
        self._missing: list[dict[str, tuple[str, ...]] | None] = [
            b.refs for b in dataset.broken["commitment"]]
        if dataset.faulty:
            self._missing += [_refs(c) for c in dataset.all("commitment") if dataset.is_faulty(c)]
        self._settled = (dataset.site.known("statuses") and "commitment" not in dataset.incomplete
                         and None not in self._missing)
        self._trees: dict[tuple[str, ...], bool] = {}
        self._days: dict[dt.date, Views] = {}

    def record(self, kind: str, record_id: str | None) -> Any:
        """The record if it validated without errors of its own."""
        return self.clean.get(kind, record_id)

    def tree(self, items: list[Any], programme: str | None = None) -> bool:
        """Whether the states of ``items`` and of all their parts can be relied on, and, given
        ``programme``, whether ``items`` are all of the programme's items."""
        key = (programme or "", *(i.id for i in items))
        if key not in self._trees:
            self._trees[key] = self._settled and self._tree(items, programme)
        return self._trees[key]

    def _tree(self, items: list[Any], programme: str | None) -> bool:
        ids: set[str] = set()
        stack = list(items)
        while stack:
            item = stack.pop()
            if item.id in ids:
                return False  # a cycle
            ids.add(item.id)
            if self.record("programme", item.programme) is None:
                return False  # its status words are the programme's
            stack.extend(self.views.kids(item.id))
        for refs in self._missing:
            assert refs is not None  # see _settled
            if ids.intersection(refs.get("parent", ())):
                return False
            if programme and programme in (*refs.get("programme", ()), *refs.get("also_in", ())):
                return False
        return True

    def on(self, day: dt.date) -> Views:
        """The clean records as of ``day`` (even a day after the run's own)."""
        if day not in self._days:
            self._days[day] = self.views.on(day)
        return self._days[day]

    def area_code(self, programme_id: str) -> bool:
        """Whether the area code of a programme's lead unit (or that it has none) is known."""
        programme = self.record("programme", programme_id)
        if programme is None:
            return False
        if programme.unit is None:
            return True
        unit = self.record("unit", programme.unit)
        if unit is None:
            return False
        place_id, seen = unit.place, set()
        while place_id:
            place = self.record("place", place_id)
            if place is None or place_id in seen:
                return False
            if place.area_code:
                return True
            seen.add(place_id)
            place_id = place.parent
        return True


def _refs(item: Any) -> dict[str, tuple[str, ...]]:
    return {"programme": (item.programme,), "also_in": tuple(item.also_in),
            "parent": (item.parent,) if item.parent else ()}


def check_objection(result, trust: Trust, report: ErrorReport) -> None:
    """An objection period runs forwards, and a local number needs a known area code."""
    objection, dataset = result.objection, trust.ds
    if objection is None:
        return
    if objection.end < objection.start:
        dataset.error(report, result, ("objection", "end"),
                      f"公示结束日期 {objection.end} 早于开始日期 {objection.start} (end before start)")
    phone = objection.phone or ""
    if phone.isdigit() and len(phone) in (7, 8) and trust.area_code(result.programme):
        programme = trust.record("programme", result.programme)
        if trust.views.area_code(programme) is None:
            dataset.error(report, result, ("objection", "phone"),
                          f"'{phone}' 是不带区号的本地号码：请写上区号（如 0551-{phone}），"
                          "或在牵头单位所在地方写 area_code (local number without a known area code)")


def check_stated(result, trust: Trust, report: ErrorReport) -> None:
    """Counts a bulletin states (30 项，已完成 19 项，常态化 3 项; 3 项提前完成) must match the
    items recorded for its programme on the report's cut-off day."""
    if result.stated is None:
        return
    views, dataset = trust.views, trust.ds
    if trust.record("programme", result.programme) is None:
        return  # the programme is in error, or unknown (the reference check says so)
    if not trust.tree(views.programme_items(result.programme), result.programme):
        return
    figures = Report(views, result)
    computed = {"total": len(figures.rows), "done": len(figures.done),
                "recurring": len(figures.recurring),
                "sub_items": sum(len(views.kids(r.item.id)) for r in figures.rows)}
    words = {"total": "事项总数", "done": "已完成", "recurring": "常态化", "sub_items": "子项数"}
    for key, word in words.items():
        stated = getattr(result.stated, key)
        if stated is not None and stated != computed[key]:
            dataset.error(report, result, ("stated", key),
                          f"通报写明{word} {stated} 项，但按事项记录截至 {figures.cutoff} 是 "
                          f"{computed[key]} 项 (stated count disagrees with the records)")
    named = figures.by_status()
    for index, entry in enumerate(result.stated.by_status):
        if entry.status in named and named[entry.status] != entry.count:
            dataset.error(report, result, ("stated", "by_status", index, "count"),
                          f"通报写明“{entry.status}” {entry.count} 项，但事项记录中是 "
                          f"{named[entry.status]} 项 (stated count disagrees with the named items)")


def check_rollups(result, trust: Trust, report: ErrorReport) -> None:
    """A reported completion rate must equal the roll-up of the commitment it names, computed from
    the children's dated updates as of the quarter's last day, to the figure's own decimals."""
    quarter_end = period_bounds(result.period)[1]
    for index, indicator in enumerate(result.indicators):
        parent = trust.record("commitment", indicator.rollup_of)
        if parent is None or not trust.tree([parent]):
            continue  # an unknown id is reported by the reference check, one in error by its own
        computed = trust.on(quarter_end).progress(parent).value
        if computed is None:
            trust.ds.error(report, result, ("indicators", index, "value"),
                           f"报告的数值 {indicator.value}，但截至 {quarter_end} 事项记录中 {parent.id} "
                           "及其各子项都没有报告进度（未报告）(reported figure, but no progress "
                           "in the records by then)")
            continue
        text = f"{indicator.value}"
        decimals = len(text.split(".")[1]) if "." in text else 0
        if round(computed, decimals) != round(float(indicator.value), decimals):
            trust.ds.error(report, result, ("indicators", index, "value"),
                           f"报告的数值 {indicator.value} 与 {parent.id} 各子项按权重汇总的进度 "
                           f"{computed:.{decimals}f}（截至 {quarter_end}）不一致 "
                           "(reported figure disagrees with the roll-up of the records)")
