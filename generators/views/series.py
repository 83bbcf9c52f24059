"""The quarterly series a programme page charts: its reported indicators, then the mean
progress computed from its commitments' dated updates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .views import Views


@dataclass(frozen=True)
class Series:
    """One quarterly series of a programme, as its page shows it."""

    title: str
    unit: str
    points: list[tuple[str, float]]
    computed: bool
    """Computed from the commitments' updates (not a figure the programme reported)."""
    path: str
    """The chart's file under content/."""

    @property
    def drawn(self) -> bool:
        """A chart needs two points; a single figure is only shown in the table."""
        return len(self.points) >= 2


def series_for(views: Views, programme_id: str) -> list[Series]:
    """The programme's reported indicators, then the progress computed from its commitments."""
    found = []
    for (name, unit), points in views.quarters.indicator_series(programme_id).items():
        key = hashlib.sha256(f"{name}\x00{unit}".encode()).hexdigest()[:10]
        found.append(Series(name, unit, points, False, f"charts/{programme_id}-{key}.svg"))
    progress = [(period, value) for period, value, _, _ in views.quarters.progress_series(programme_id)]
    if progress:
        found.append(Series("承诺事项平均进度（由进展记录计算）", "%", progress, True,
                            f"charts/{programme_id}-progress.svg"))
    return found
