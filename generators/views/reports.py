"""A programme's report for one period (a monthly 民生实事 bulletin, a quarter, 截至 a day): each
item's state on the report's cut-off day, the headline counts computed from them, and the same
figures in the programme's previous report, side by side.

Counts follow what bulletins print: recurring (常态化) items are listed apart and never counted as
done or as 0 %; an item with no figure by the cut-off is "未报告", not 0 %.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .views import Progress, Views


@dataclass(frozen=True)
class Row:
    """One item in a report: its state on the cut-off day and in the previous report."""

    item: Any
    state: Progress
    before: Progress | None
    schedule: str | None
    """'done', 'ahead', 'on', 'behind' against 序时进度, or None."""
    expected_share: float | None


class Report:
    """The figures of one result record (a report) of a programme."""

    def __init__(self, views: Views, result: Any):
        self.v = views
        self.result = result
        # A report is a document of its own day: its figures are the records as of its cut-off,
        # whatever day the site is built for (the stated counts are checked the same way).
        self.cutoff: dt.date = result.cutoff
        self.at = self._views_on(self.cutoff)

    def _views_on(self, day: dt.date) -> Views:
        """The site's views on ``day``: shared by every report of that day when it is not after
        the run's own day."""
        return self.v.quarters.at(day) if day <= self.v.as_of else self.v.on(day)

    @cached_property
    def previous(self) -> Any | None:
        """The programme's report with the latest cut-off before this one's."""
        earlier = [r for r in self.v.referrers("programme", self.result.programme, "result")
                   if r.cutoff < self.result.cutoff]
        return max(earlier, key=lambda r: (r.cutoff, r.id), default=None)

    @cached_property
    def items(self) -> list[Any]:
        """Top-level items listed in the programme (its own and those listed also in it)."""
        return self.v.programme_items(self.result.programme)

    @cached_property
    def rows(self) -> list[Row]:
        before_views = self._views_on(self.previous.cutoff) if self.previous else None
        rows = []
        for item in self.items:
            state = self.at.progress(item)
            before = before_views.progress(item) if before_views else None
            share = self.at.expected_share(item)
            rows.append(Row(item, state, before, self.at.schedule(item, share), share))
        return rows

    # Headline counts ----------------------------------------------------------------------

    @cached_property
    def recurring(self) -> list[Row]:
        return [r for r in self.rows if r.item.recurring]

    @cached_property
    def counted(self) -> list[Row]:
        """Items with a target or progress to count: all but the recurring ones."""
        return [r for r in self.rows if not r.item.recurring]

    @cached_property
    def done(self) -> list[Row]:
        return [r for r in self.counted if r.state.done]

    @cached_property
    def over(self) -> list[Row]:
        return [r for r in self.done if r.state.over]

    @cached_property
    def open(self) -> list[Row]:
        """Not done yet: behind schedule first (the rows a resident looks for), then the rest."""
        order = {"behind": 0, None: 1, "on": 2, "ahead": 3}
        rows = [r for r in self.counted if not r.state.done]
        return sorted(rows, key=lambda r: order.get(r.schedule, 1))

    @cached_property
    def unreported(self) -> list[Row]:
        return [r for r in self.counted if r.state.value is None and not r.state.done]

    def by_status(self) -> dict[str, int]:
        """How many items carry each status word on the cut-off day."""
        counts: dict[str, int] = {}
        for row in self.rows:
            if row.state.status:
                counts[row.state.status] = counts.get(row.state.status, 0) + 1
        return counts

    def headline(self) -> str:
        """"30 项，已完成 19 项，常态化 3 项" as computed from the records."""
        word = self.v.get("programme", self.result.programme).list_name or "事项"
        text = f"{word}共 {len(self.rows)} 项，已完成 {len(self.done)} 项"
        if self.recurring:
            text += f"（不含常态化 {len(self.recurring)} 项，应完成 {len(self.counted)} 项）"
        return text

