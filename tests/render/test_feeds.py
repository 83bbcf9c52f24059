"""The feeds, read back with real parsers: feedparser for Atom, icalendar for the calendars."""

from __future__ import annotations

import datetime as dt

import feedparser
import icalendar
import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import SAMPLE_AS_OF, SAMPLE_DATA

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(scope="module")
def files() -> dict[str, str | bytes]:
    report = ErrorReport()
    dataset = load_dataset(SAMPLE_DATA, dt.date.fromisoformat(SAMPLE_AS_OF), report)
    assert dataset is not None
    return render_all(dataset)


def test_atom_feed_lists_dated_changes(files) -> None:
    feed = feedparser.parse(files["feeds/updates.xml"])
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "瑞安市公开承诺与巡察公示"
    titles = [e.title for e in feed.entries]
    assert "黎明村新建停车场：已完成" in titles
    assert "2020年第一轮村社巡察：开始巡察" in titles
    newest = feed.entries[0]
    assert newest.updated == "2023-04-11T00:00:00+08:00"
    assert newest.link.startswith("http://127.0.0.1:8000/commitments/")  # no SITE_URL: local
    assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_tour_calendar_has_the_tour_and_its_deadline(files) -> None:
    cal = icalendar.Calendar.from_ical(files["feeds/tours.ics"])
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    tour = events["2020-cunshe-r1@bulletins"]
    assert str(tour["summary"]) == "2020年第一轮村社巡察"
    assert tour.decoded("dtstart") == dt.date(2020, 4, 22)
    assert tour.decoded("dtend") == dt.date(2020, 6, 16)  # all-day: the day after the last
    assert "17857082965" in str(tour["description"])
    deadline = events["2020-cunshe-r1-deadline@bulletins"]
    assert deadline.decoded("dtstart") == dt.date(2020, 6, 15)
    assert deadline.decoded("dtstamp") == dt.datetime(2023, 12, 31, tzinfo=SHANGHAI)


def test_each_concerned_place_has_its_calendar(files) -> None:
    assert "feeds/places/huling-datong.ics" in files  # a target village
    assert "feeds/places/huling.ics" in files  # and its town
    assert "feeds/places/shangwang.ics" not in files  # no tour there
    cal = icalendar.Calendar.from_ical(files["feeds/places/huling-datong.ics"])
    assert str(cal["x-wr-calname"]) == "大同村巡察日程"
    assert len(cal.walk("VEVENT")) == 2


def test_feeds_are_deterministic(files) -> None:
    report = ErrorReport()
    again = render_all(load_dataset(SAMPLE_DATA, dt.date.fromisoformat(SAMPLE_AS_OF), report))
    assert again["feeds/updates.xml"] == files["feeds/updates.xml"]
    assert again["feeds/tours.ics"] == files["feeds/tours.ics"]
