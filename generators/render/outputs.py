"""The registry of generated outputs under content/. To add one (a feed, a download, a page
family): write a module with ``produce(dataset, views) -> {path: str | bytes}`` and list it here
with the paths it owns. Each owned path must also be in .gitignore (a test checks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.dataset import Dataset
from ..views.views import Views
from . import charts, downloads, feeds, guide, pages, qr, searchwords


@dataclass(frozen=True)
class Output:
    name: str
    owned: tuple[str, ...]
    """Files and folders under content/ that this output writes and may delete."""
    produce: Callable[[Dataset, Views], dict[str, str | bytes]]
    separate: bool = False
    """Slow and independent of the others: may run in a process of its own (generate.render_all)."""

    def owns(self, path: str) -> bool:
        return any(path == owned or path.startswith(owned.rstrip("/") + "/") for owned in self.owned)


OUTPUTS: tuple[Output, ...] = (
    Output("pages", pages.OWNED, pages.produce),
    Output("guide", guide.OWNED, guide.produce),
    Output("search words", searchwords.OWNED, searchwords.produce),
    Output("feeds", feeds.OWNED, feeds.produce),
    # At 10,000 records: pages ~23 s of CPU; beside them, in a second process, the QR codes
    # (~3 ms a code: mask choice) and the downloads (a workbook per programme) ~12 s together.
    Output("downloads", downloads.OWNED, downloads.produce, separate=True),
    Output("qr codes", qr.OWNED, qr.produce, separate=True),
    Output("charts", charts.OWNED, charts.produce),
)


def owned_paths() -> list[str]:
    return [path for output in OUTPUTS for path in output.owned]
