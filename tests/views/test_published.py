"""A report is public from its bulletin's day: a site built as of an earlier day shows neither
its page nor its figures (the daily build publishes it on the day)."""

from __future__ import annotations

import datetime as dt

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all

from ..conftest import SAMPLE_DATA

JUNE, SEPTEMBER = "shili-minsheng-2025-06", "shili-minsheng-2025-09"  # bulletins of 07-10 and 10-09


def pages(day: dt.date, data=SAMPLE_DATA) -> dict[str, str]:
    report = ErrorReport()
    dataset = load_dataset(data, day, report)
    assert dataset is not None and not report
    return {k: v for k, v in render_all(dataset, parallel=False).items() if k.endswith(".md")}


@pytest.mark.parametrize(("day", "shown"), [
    (dt.date(2025, 7, 9), []),
    (dt.date(2025, 7, 10), [JUNE]),
    (dt.date(2025, 10, 8), [JUNE]),
    (dt.date(2025, 10, 9), [JUNE, SEPTEMBER]),
])
def test_a_report_appears_on_its_bulletins_day(day: dt.date, shown: list[str]) -> None:
    site = pages(day)
    assert sorted(p.removeprefix("results/").removesuffix(".md") for p in site
                  if p.startswith("results/shili-minsheng")) == shown
    programme = site["programmes/shili-minsheng-2025.md"]
    assert ("本期数字截至" in programme) == bool(shown)
    # Nowhere a link to a report that is not out yet.
    hidden = {JUNE, SEPTEMBER} - set(shown)
    assert not [p for p, text in site.items() for r in hidden if f"{r}.md" in text]


def test_without_a_bulletin_date_a_report_waits_for_its_cut_off(sample_copy) -> None:
    results = sample_copy / "results" / "shili-2025.yaml"
    text = results.read_text(encoding="utf-8")
    assert "    date: 2025-10-09\n" in text
    results.write_text(text.replace("    date: 2025-10-09\n", ""), encoding="utf-8")
    assert f"results/{SEPTEMBER}.md" not in pages(dt.date(2025, 9, 29), sample_copy)
    assert f"results/{SEPTEMBER}.md" in pages(dt.date(2025, 9, 30), sample_copy)
