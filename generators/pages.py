"""The Markdown pages: one per record, a list page per record type, and the home page."""

from __future__ import annotations

from typing import Any

from .dataset import Dataset
from .render import environment
from .types import TYPES
from .views import Views

OWNED = (*(t.folder for t in TYPES), "index.md")


def produce(dataset: Dataset, views: Views) -> dict[str, str]:
    """Every generated Markdown page, keyed by its path under content/."""
    env = environment()

    def render(template: str, path: str, **context: Any) -> str:
        return env.get_template(template).render(page_path=path, v=views, site=dataset.site,
                                                 as_of=dataset.as_of, **context)

    pages: dict[str, str] = {}
    for record_type in TYPES:
        records = views.sorted(record_type.name)
        for record in records:
            path = record_type.page_path(record.id)
            pages[path] = render(record_type.template, path, record=record, type=record_type)
        path = record_type.index_path()
        pages[path] = render(record_type.list_template, path, records=records, type=record_type)
    pages["index.md"] = render("home.md.j2", "index.md")
    return pages
