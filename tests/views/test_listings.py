"""Long lists are split along the place hierarchy; no page grows without bound."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.pages import produce
from generators.tools import synth
from generators.views.listings import CITYWIDE, HERE, build
from generators.views.views import Views

from ..conftest import SAMPLE_DATA

# city → 3 towns → 4 villages each
PLACES = {"city": SimpleNamespace(id="city", name="市", parent=None)}
for t in range(3):
    PLACES[f"t{t}"] = SimpleNamespace(id=f"t{t}", name=f"镇{t}", parent="city")
    for v in range(4):
        PLACES[f"t{t}-v{v}"] = SimpleNamespace(id=f"t{t}-v{v}", name=f"村{t}{v}", parent=f"t{t}")


def chain(place_id: str) -> list[SimpleNamespace]:
    found, place = [], PLACES[place_id]
    while place is not None:
        found.insert(0, place)
        place = PLACES.get(place.parent) if place.parent else None
    return found


def rows(n: int) -> list[tuple[int, str | None]]:
    """Row i sits in a village, a town or nowhere, cycling."""
    places = [None, "t0", *[f"t{t}-v{v}" for t in range(3) for v in range(4)]]
    return [(i, places[i % len(places)]) for i in range(n)]


def leaves(listing) -> list:
    return [listing] if not listing.split else [leaf for g in listing.groups for leaf in leaves(g)]


def test_a_short_list_stays_whole() -> None:
    listing = build(rows(10), "承诺", "lists/x", lambda r: r[1], chain, limit=10)
    assert not listing.split and listing.pages() == []


@pytest.mark.parametrize("limit", [3, 5, 20, 60])
def test_a_long_list_is_split_until_every_page_is_short(limit: int) -> None:
    items = rows(140)
    listing = build(items, "承诺", "lists/x", lambda r: r[1], chain, limit=limit)
    assert listing.split
    pages = listing.pages()
    assert len({p.path for p in pages}) == len(pages)  # every group has its own page
    found = [row for leaf in leaves(listing) for row in leaf.rows]
    assert sorted(found) == sorted(items)  # nothing lost, nothing twice
    for leaf in leaves(listing):
        # Only a single place's own rows may exceed the limit: there is nowhere left to split.
        assert len(leaf.rows) <= limit or leaf.place in (CITYWIDE, HERE) or \
            len({r[1] for r in leaf.rows}) == 1


def test_groups_are_named_and_placed() -> None:
    listing = build(rows(140), "承诺", "lists/x", lambda r: r[1], chain, limit=20)
    assert [(g.name, g.path) for g in listing.groups] == [
        ("全市", "lists/x/_citywide.md"), ("镇0", "lists/x/t0.md"), ("镇1", "lists/x/t1.md"),
        ("镇2", "lists/x/t2.md")]
    town = listing.groups[1]  # 镇0 holds its own rows and its villages': split again
    assert [g.path for g in town.groups] == ["lists/x/t0/_here.md", "lists/x/t0/t0-v0.md",
                                             "lists/x/t0/t0-v1.md", "lists/x/t0/t0-v2.md",
                                             "lists/x/t0/t0-v3.md"]
    assert town.groups[0].name == "镇0本级"


def _rows_on(page: str) -> int:
    """Lines that are a list item or a table row with a link: what a reader scrolls through."""
    return len([line for line in page.splitlines() if re.match(r"^(- |\| )\S", line) and "](" in line])


def test_no_generated_page_is_longer_than_the_limit_at_scale(tmp_path: Path) -> None:
    data = tmp_path / "data"
    synth.write(data, 2000, 7, SAMPLE_DATA / "site.yaml")
    report = ErrorReport()
    dataset = load_dataset(data, dt.date(2026, 11, 23), report)
    assert dataset is not None and not report.errors
    views = Views(dataset)
    views.list_limit = 60
    pages = produce(dataset, views)
    for path, text in pages.items():
        # Each list within the limit: a page may hold several under their headings (a place's
        # commitments and its hotlines; a programme's latest report and its items).
        assert max(_rows_on(part) for part in re.split(r"\n#{2,3} ", text)) <= 60, path
    # Every top-level commitment is still reachable from the list pages (forty yearly lists of
    # 2,000 items do not fit on one page together: the index then lists the programmes).
    index = pages["commitments/index.md"]
    assert "分属 40 项工作" in index and _rows_on(index) == 40
    listed = set(re.findall(r"commitments/(c\d+)\.md", "".join(
        text for path, text in pages.items() if path.startswith(("lists/programmes/", "programmes/")))))
    top_level = {c.id for c in dataset.all("commitment") if not c.parent}
    assert listed == top_level


def test_split_pages_build_with_strict_mkdocs(tmp_path: Path, mini_copy: Path) -> None:
    """One row per page splits every list: all the group pages and their links build strictly."""
    from ..conftest import build_project

    with (mini_copy / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("rows_per_page: 1\n")
    site = build_project(tmp_path / "project", mini_copy, "2024-06-30")
    group = site / "lists" / "units" / "bureau" / "town" / "town-east" / "index.html"
    html = group.read_text(encoding="utf-8")
    assert "东片道路改造" in html and "示例镇" in html  # its row, and the way back up
    quarter = (site / "quarters" / "2024-q2" / "index.html").read_text(encoding="utf-8")
    assert "按地方分页" in quarter
