"""Quarter pages: states at quarter ends, the changes between them, and the series behind charts.

Expected figures are worked out by hand from tests/fixtures/mini (see the comments), not copied
from the output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all
from generators.views.quarters import Quarter, quarter_of
from generators.views.views import Views

from ..conftest import MINI_DATA


@pytest.fixture(scope="module")
def views() -> Views:
    report = ErrorReport()
    dataset = load_dataset(MINI_DATA, dt.date(2024, 6, 30), report)
    assert dataset is not None and not report
    return Views(dataset)


def test_quarter_arithmetic() -> None:
    assert quarter_of(dt.date(2024, 3, 31)) == Quarter("2024-Q1")
    assert quarter_of(dt.date(2024, 4, 1)) == Quarter("2024-Q2")
    assert Quarter("2024-Q1").previous == Quarter("2023-Q4")
    assert Quarter("2024-Q3").previous == Quarter("2024-Q2")
    assert (Quarter("2024-Q4").start, Quarter("2024-Q4").end) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    assert Quarter("2024-Q2").label == "2024年第二季度"
    assert Quarter("2024-Q2").slug == "2024-q2"


def test_quarters_with_something_to_show(views: Views) -> None:
    # Updates fall in 2024-Q1 (Feb, Mar, Jan) and 2024-Q2 (May); the result is for 2024-Q2.
    assert [q.period for q in views.quarters.all] == ["2024-Q1", "2024-Q2"]


def test_first_quarter_adds_every_item(views: Views) -> None:
    changes = {c.item.id: c for c in views.quarters.changes(Quarter("2024-Q1"))}
    assert set(changes) == {"works-2024", "works-2024-road", "works-2024-park"}
    assert all(c.added and not c.moved for c in changes.values())
    # Parent on 2024-03-31: road 40% (weight 3), park 50% (weight 1) → (3×40 + 50) / 4 = 42.5
    assert changes["works-2024"].after.value == pytest.approx(42.5)
    # First reports are additions, not advances: before them the progress was unknown, not 0 %.
    assert views.quarters.summary(Quarter("2024-Q1")) == {"新增": 3, "完成": 0, "状态变化": 0, "进度推进": 0}
    assert all(c.before.value is None for c in changes.values())


def test_second_quarter_shows_moves_deltas_and_finished_items(views: Views) -> None:
    changes = {c.item.id: c for c in views.quarters.changes(Quarter("2024-Q2"))}
    # The park was not updated in Q2, so it did not change.
    assert set(changes) == {"works-2024", "works-2024-road"}
    road = changes["works-2024-road"]
    assert (road.before.status, road.after.status) == ("推进中", "已完成")
    assert road.finished and road.moved and not road.added
    assert road.delta == pytest.approx(60)
    parent = changes["works-2024"]
    # (3×100 + 50) / 4 = 87.5, from 42.5: +45, status unchanged.
    assert parent.after.value == pytest.approx(87.5) and parent.delta == pytest.approx(45)
    assert not parent.moved and not parent.finished
    assert views.quarters.summary(Quarter("2024-Q2")) == {"新增": 0, "完成": 1, "状态变化": 1, "进度推进": 2}


def test_series_behind_the_charts(views: Views) -> None:
    assert views.quarters.progress_series("works") == [("2024-Q1", pytest.approx(42.5), 0, 1),
                                                       ("2024-Q2", pytest.approx(87.5), 0, 1)]
    assert views.quarters.indicator_series("works") == {("完成率", "%"): [("2024-Q2", 87.5)],
                                                        ("解决纠纷", "件"): [("2024-Q2", 310.0)]}
    drawn = [s for s in views.series("works") if s.drawn]
    assert [(s.title, s.path) for s in drawn] == [
        ("承诺事项平均进度（由进展记录计算）", "charts/works-progress.svg")]


def test_quarter_page_shows_the_changes() -> None:
    report = ErrorReport()
    dataset = load_dataset(MINI_DATA, dt.date(2024, 6, 30), report)
    assert dataset is not None
    files = render_all(dataset)
    page = files["quarters/2024-q2.md"]
    assert ("- [东片道路改造](../commitments/works-2024-road.md)：推进中 40% → 已完成 100%"
            "（完成，\\+60.0 个百分点）") in page
    assert "新增 0 项，完成 1 项，状态变化 1 项，进度推进 2 项" in page
    assert "| 完成率 | 87.5% | 未公布 |" in page
    assert "西村停车场" not in page
    assert "← [2024年第一季度](2024-q1.md)" in page
    index = files["quarters/index.md"]
    assert index.index("2024年第二季度") < index.index("2024年第一季度")  # newest first
    assert "charts/works-progress.svg" in files
