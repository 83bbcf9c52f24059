"""Subscriptions: an Atom feed of new and changed bulletins, and iCalendar feeds of the tours
(all tours, and one per place a tour concerns). Built with feedgen and icalendar rather than
templates, so escaping and the formats' rules are theirs. Every date comes from the data; the
feeds are the same bytes for the same input and as-of day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..load.clock import TIMEZONE
from ..model.dataset import Dataset
from ..views.views import Views

OWNED = ("feeds",)
LIMIT = 100


def produce(dataset: Dataset, views: Views) -> dict[str, str | bytes]:
    base = dataset.address.url
    files: dict[str, str | bytes] = {"feeds/updates.xml": _atom(dataset, views, base)}
    tours = views.sorted("tour")
    everything = [(t, t.groups) for t in tours]
    files["feeds/tours.ics"] = _calendar(everything, base, f"{dataset.site.region}巡察日程", dataset)
    # One calendar per place a tour inspects, itself or below it (a town's has its villages'
    # tours), with only the groups that inspect it: a village's calendar gives its own number.
    for place in views.sorted("place"):
        mine = views.tours_covering(place.id)
        if mine:
            files[f"feeds/places/{place.id}.ics"] = _calendar(mine, base, f"{place.name}巡察日程", dataset)
    return files


def _url(base: str, path: str) -> str:
    """The public address of a record page (``tours/x.md`` → ``BASE/tours/x/``)."""
    return base + path.removesuffix(".md") + "/"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), TIMEZONE)


def _atom(dataset: Dataset, views: Views, base: str) -> bytes:
    from feedgen.feed import FeedGenerator  # imported when used: check never needs it

    events = views.latest_changes(limit=LIMIT)
    feed = FeedGenerator()
    feed.id(base)
    feed.title(dataset.site.title)
    feed.subtitle(dataset.site.description)
    feed.link(href=base, rel="alternate")
    feed.link(href=base + "feeds/updates.xml", rel="self")
    feed.language("zh-CN")
    feed.updated(_moment(events[0][0] if events else dataset.as_of))
    for date, kind, record, what in reversed(events):  # feedgen lists the last added first
        entry = feed.add_entry()
        url = _url(base, views.url(kind, record.id))
        name = record.title if hasattr(record, "title") else views.get("programme", record.programme).name
        entry.id(f"{url}#{date.isoformat()}-{what}")
        entry.title(f"{name}：{what}")
        entry.link(href=url)
        entry.updated(_moment(date))
        entry.published(_moment(date))
        entry.summary(f"{date.isoformat()} {what}")
    return feed.atom_str(pretty=True)


def _calendar(tours: list[tuple[Any, list[Any]]], base: str, name: str, dataset: Dataset) -> bytes:
    """Each tour with the groups whose numbers it lists."""
    import icalendar  # imported when used: check never needs it

    cal = icalendar.Calendar()
    cal.add("prodid", "-//transparency-bulletins//zh-CN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = _moment(dataset.as_of).astimezone(dt.UTC)
    for tour, groups in tours:
        url = _url(base, f"tours/{tour.id}.md")
        hotlines = "；".join(f"{g.name} {c.kind_label()} {c.number}" for g in groups
                            for c in g.channels if c.dialable)
        for uid, summary, start, end in (
            (f"{tour.id}@bulletins", tour.title, tour.start, tour.end + dt.timedelta(days=1)),
            (f"{tour.id}-deadline@bulletins", f"{tour.title}受理截止", tour.deadline,
             tour.deadline + dt.timedelta(days=1)),
        ):
            event = icalendar.Event()
            event.add("uid", uid)
            event.add("dtstamp", stamp)
            event.add("summary", summary)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("url", url)
            event.add("description", f"举报电话：{hotlines or '未公布'}\n{url}")
            cal.add_component(event)
    return cal.to_ical()
