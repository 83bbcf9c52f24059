"""What the home page lists: tours open now or starting soon, towns grouped by county."""

from __future__ import annotations

import datetime as dt

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.views.views import Views

from ..conftest import MINI_DATA, SAMPLE_DATA


def views(data, day: str) -> Views:
    report = ErrorReport()
    dataset = load_dataset(data, dt.date.fromisoformat(day), report)
    assert dataset is not None and not report.errors, report.errors
    return Views(dataset)


@pytest.mark.parametrize(("day", "listed"), [
    ("2024-03-22", []),            # the mini tour starts 2024-04-22: 31 days ahead
    ("2024-03-23", ["2024-r1"]),  # 30 days ahead: about to start
    ("2024-06-10", ["2024-r1"]),  # the deadline: still accepting reports
    ("2024-06-11", []),            # closed
])
def test_home_lists_tours_open_or_starting_within_upcoming_days(day: str, listed: list[str]) -> None:
    v = views(MINI_DATA, day)
    assert v.site.upcoming_days == 30
    assert [t.id for t in v.open_tours()] == listed


def test_a_tour_announced_months_ahead_is_not_on_the_home_page() -> None:
    v = views(SAMPLE_DATA, "2023-12-31")
    assert any(v.tour_state(t) == "upcoming" for t in v.ds.all("tour"))  # the 2024 tour
    assert v.open_tours() == []


def test_towns_are_grouped_under_their_county_in_order() -> None:
    groups = views(SAMPLE_DATA, "2023-12-31").towns_by_county()
    assert [county.name for county, _ in groups] == ["瑞安市", "示例市", "样例县"]
    assert all(not county.parent for county, _ in groups)
    towns = [town for _, towns in groups for town in towns]
    assert len(towns) == len({t.id for t in towns}) == 23
    assert "湖岭镇" in [t.name for t in groups[0][1]]
