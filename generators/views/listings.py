"""Lists that cannot grow without bound: a long list is split along the place hierarchy.

A list of at most ``limit`` rows is shown whole. A longer one becomes a table of its 镇街 (with
counts), each linking to its own page, and a 镇街 still too long is split again by 村社. A city of
24 items shows them on one page; a province of 100,000 shows tables of a few dozen rows that lead
to pages of at most a few hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The most rows one list shows before it is split, unless data/site.yaml sets rows_per_page
#: (issue 6: "no list page longer than a few hundred rows").
LIMIT = 200

#: The group of rows that name no place (or only the whole city). Ids cannot contain "_".
CITYWIDE = "_citywide"
#: The group of rows that name the place being split itself (a 镇街's own items).
HERE = "_here"


@dataclass
class Listing:
    """Rows shown on one page, or the groups that replace them when there are too many."""

    title: str
    rows: list[Any]
    name: str = ""
    """The group's name in its parent's table (a place name, or 全市)."""
    path: str = ""
    """The page that shows this listing, under content/: a group's own page, or for the whole
    list the page it is shown on."""
    parent: Listing | None = None
    """The listing this group is part of (None for the whole list)."""
    groups: list[Listing] = field(default_factory=list)
    kind: str = "commitment"
    """What the rows are: "commitment", or "change" (a commitment between two quarter ends)."""
    place: str | None = None
    """The place this group gathers (None for the whole list, CITYWIDE for rows without one)."""

    @property
    def split(self) -> bool:
        return bool(self.groups)

    def pages(self) -> list[Listing]:
        """This listing's group pages and theirs, every page once."""
        found: list[Listing] = []
        for group in self.groups:
            found.append(group)
            found.extend(group.pages())
        return found


def build(rows: Sequence[Any], title: str, folder: str, place_of: Callable[[Any], str | None],
          chain: Callable[[str], list[Any]], limit: int = LIMIT, kind: str = "commitment",
          shown_on: str = "") -> Listing:
    """Split ``rows`` (already in display order) into pages under ``folder`` when more than
    ``limit``; the whole list is shown on the page ``shown_on``.

    ``place_of(row)`` is the row's place id or None; ``chain(place_id)`` is the list of places from
    the top of the hierarchy down to that place.
    """
    root = Listing(title, list(rows), path=shown_on, kind=kind)
    _split(root, folder, place_of, chain, limit, depth=1)
    return root


def _split(listing: Listing, folder: str, place_of: Callable[[Any], str | None],
           chain: Callable[[str], list[Any]], limit: int, depth: int) -> None:
    if len(listing.rows) <= limit:
        return
    buckets: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    deeper = False
    for row in listing.rows:
        place_id = place_of(row)
        places = chain(place_id) if place_id else []
        if len(places) > depth:
            key, name = places[depth].id, places[depth].name
            deeper = deeper or len(places) > depth + 1
        elif listing.place not in (None, CITYWIDE) and places:
            key, name = HERE, f"{places[-1].name}本级"
        else:
            key, name = CITYWIDE, "全市"
        buckets.setdefault(key, []).append(row)
        names[key] = name
    if len(buckets) == 1 and not deeper:
        return  # one place holds them all and there is no level below: show them whole
    for key in sorted(buckets, key=lambda k: (not k.startswith("_"), names[k], k)):
        group = Listing(f"{listing.title} · {names[key]}", buckets[key], names[key],
                        f"{folder}/{key}.md", listing, kind=listing.kind, place=key)
        if not key.startswith("_"):
            _split(group, f"{folder}/{key}", place_of, chain, limit, depth + 1)
        listing.groups.append(group)
