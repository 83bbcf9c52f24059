"""The synthetic dataset behind the benchmark: valid, realistic in shape, the same bytes per seed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.tools import synth

from ..conftest import SAMPLE_DATA


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_data(tmp_path: Path) -> None:
    synth.write(tmp_path / "a", 500, 3, SAMPLE_DATA / "site.yaml")
    synth.write(tmp_path / "b", 500, 3, SAMPLE_DATA / "site.yaml")
    synth.write(tmp_path / "c", 500, 4, SAMPLE_DATA / "site.yaml")
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_the_data_passes_check_and_has_the_promised_shape(tmp_path: Path) -> None:
    synth.write(tmp_path / "data", 2500, 1, SAMPLE_DATA / "site.yaml")
    report = ErrorReport()
    dataset = load_dataset(tmp_path / "data", dt.date(2026, 11, 23), report)
    assert dataset is not None and not report.errors, [str(p) for p in report.errors[:5]]
    commitments = dataset.all("commitment")
    assert len(commitments) == 2500
    places = dataset.all("place")
    towns = [p for p in places if p.parent == "city"]
    villages = [p for p in places if p.parent and p.parent != "city"]
    assert 10 <= len(towns) <= 23 and len(villages) == round(900 * 2500 / 10_000)
    assert sum(1 for c in commitments if c.parent) > 0  # parent/child trees
    assert min(len(c.history) for c in commitments) >= 2  # several dated updates each
    results = dataset.all("result")
    assert len({r.period for r in results}) == 40  # 40 quarters
    tours = dataset.all("tour")
    assert tours and all(g.places for t in tours for g in t.groups)


def test_the_data_has_the_current_record_shape(tmp_path: Path) -> None:
    """What bulletins publish (issue 14): yearly lists with their own status words, numbered
    items with an indicator, cumulative actuals by period, breakdowns by town, late items with a
    reason, recurring and policy items, and reports stating counts that check verifies."""
    synth.write(tmp_path / "data", 2500, 1, SAMPLE_DATA / "site.yaml")
    report = ErrorReport()
    dataset = load_dataset(tmp_path / "data", dt.date(2026, 11, 23), report)
    assert dataset is not None and not report.errors
    programmes = [p for p in dataset.all("programme") if p.year]
    assert len(programmes) == 40 and all(p.list_name for p in programmes)
    assert any(p.statuses for p in programmes)
    items = dataset.all("commitment")
    assert all(c.number for c in items)
    assert {c.kind for c in items} == {"项目", "政策", "常态化"}
    updates = [u for c in items for u in c.history]
    assert all(u.period for u in updates)
    assert sum(u.actual is not None for u in updates) > len(updates) // 2
    assert any(u.breakdown for u in updates) and any(u.reason and u.expected for u in updates)
    results = dataset.all("result")
    assert all(r.stated and r.stated.total for r in results)
    assert sum(r.objection is not None for r in results) == 40
    from generators.views.checks import check_computed

    check_computed(dataset, report)  # the stated counts are the records' own
    assert not report.errors, [str(p) for p in report.errors[:5]]
