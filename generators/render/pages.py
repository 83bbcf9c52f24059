"""The Markdown pages: one per record, a list page per record type, one per quarter, the pages of
lists split by place, and the home page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..model.dataset import Dataset
from ..model.types import BY_NAME, TYPES
from ..views.views import Views
from .markdown import environment

OWNED = (*(t.folder for t in TYPES), "index.md", "quarters", "lists")


def _renderer(dataset: Dataset, views: Views) -> Callable[..., str]:
    env = environment()

    def render(template: str | list[str], path: str, **context: Any) -> str:
        chosen = env.select_template([template] if isinstance(template, str) else template)
        return chosen.render(page_path=path, v=views, site=dataset.site,
                             as_of=dataset.as_of, **context)
    return render


def record_pages(dataset: Dataset, views: Views, records: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """The own pages of some records, given as (type name, record): exactly as :func:`produce`
    writes them. The live preview shows an edited record's page with these first."""
    render = _renderer(dataset, views)
    pages = {}
    for kind, record in records:
        record_type = BY_NAME[kind]
        path = record_type.page_path(record.id)
        pages[path] = render(f"{record_type.name}.md.j2", path, record=record, type=record_type)
    return pages


def produce(dataset: Dataset, views: Views) -> dict[str, str]:
    """Every generated Markdown page, keyed by its path under content/."""
    render = _renderer(dataset, views)
    pages: dict[str, str] = {}
    for record_type in TYPES:
        records = views.sorted(record_type.name)
        pages.update(record_pages(dataset, views, ((record_type.name, r) for r in records)))
        path = record_type.index_path()
        # A type without a list template of its own gets the plain list of links.
        templates = [f"{record_type.name}_list.md.j2", "record_list.md.j2"]
        pages[path] = render(templates, path, records=records, type=record_type)
    for quarter in views.quarters.all:
        pages[quarter.page_path] = render("quarter.md.j2", quarter.page_path, quarter=quarter)
    pages["quarters/index.md"] = render("quarter_list.md.j2", "quarters/index.md")
    pages["index.md"] = render("home.md.j2", "index.md")
    # The pages above made their long lists (views.listing); each group of one gets a page.
    for root in views.listings():
        for group in root.pages():
            pages[group.path] = render("listing.md.j2", group.path, listing=group)
    return pages
