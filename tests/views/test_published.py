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


@pytest.mark.parametrize(("day", "count"), [(dt.date(2025, 2, 9), 0), (dt.date(2025, 2, 10), 30)])
def test_an_item_appears_on_the_day_its_list_was_announced(day: dt.date, count: int) -> None:
    """The 2025 list came out on 2025-02-10 (its items' source): before, no page, no count."""
    site = pages(day)
    assert len([p for p in site if p.startswith("commitments/shili-2025-")]) == count
    assert ("shili-2025-01.md" in site["index.md"] + site["commitments/index.md"]) == bool(count)


def test_the_parts_of_an_item_not_yet_out_wait_with_it(sample_copy) -> None:
    """A part refers to its parent: it waits with it, and no page links to a page not built."""
    items = sample_copy / "commitments" / "shangwang-2023.yaml"
    text = items.read_text(encoding="utf-8")
    head = "  due: 2023-12-31\n  description: >-\n    上望街道围绕"
    assert head in text
    items.write_text(text.replace(head, head.replace("  description", "  source:\n    title: 清单\n"
                                                         "    date: 2024-01-05\n  description"), 1),
                     encoding="utf-8")
    site = pages(dt.date(2023, 12, 31), sample_copy)
    assert not [p for p in site if p.startswith("commitments/shangwang-xfys-2023")]
    assert not [p for p, text in site.items() if "shangwang-xfys-2023" in text]
    assert len([p for p in pages(dt.date(2024, 1, 5), sample_copy)
                if p.startswith("commitments/shangwang-xfys-2023")]) == 23
