"""The monthly 民生实事 report and the sixth-round tour as a resident reads them (issue 14's
"done when"), from the generated pages of the sample data as of 2025-10-10."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from generators.load.errors import ErrorReport
from generators.model.validate import load_dataset
from generators.render.generate import render_all
from generators.views.views import Views

from ..conftest import SAMPLE_DATA


def item_line(page: str, item: str = "shili-2025-21") -> str:
    """The line of a place page that lists ``item``, as read (dates without their markup)."""
    return re.sub(r"<[^>]+>", "", next(x for x in page.splitlines() if f"{item}.md" in x))

AS_OF = dt.date(2025, 10, 10)


@pytest.fixture(scope="module")
def dataset():
    report = ErrorReport()
    data = load_dataset(SAMPLE_DATA, AS_OF, report)
    assert data is not None and not report
    return data


@pytest.fixture(scope="module")
def pages(dataset) -> dict[str, str]:
    return {k: v for k, v in render_all(dataset, parallel=False).items() if k.endswith(".md")}


def test_september_counts_are_computed_from_the_items(dataset) -> None:
    report = Views(dataset).report("shili-minsheng-2025-09")
    assert (len(report.rows), len(report.done), len(report.recurring), len(report.counted)) == (30, 19, 3, 27)
    assert len(report.over) == 10
    assert all(r.state.value > 100 for r in report.over)
    june = Views(dataset).report("shili-minsheng-2025-06")
    assert report.previous.id == june.result.id


def test_a_figure_at_its_target_is_not_done_while_its_own_word_says_work_goes_on(dataset, pages) -> None:
    """June: 1 项已完成、2 项提前完成, as the bulletin says; the screening rate at 100 % of its
    100 % target that month was 正常推进, and is not counted as done."""
    june = Views(dataset).report("shili-minsheng-2025-06")
    screening = next(r for r in june.rows if r.item.id == "shili-2025-11")
    assert (screening.state.value, screening.state.status, screening.state.done) == (100, "正常推进", False)
    assert sorted(r.state.status for r in june.done) == ["已完成", "提前完成", "提前完成"]
    assert "上期（截至2025年6月29日）已完成 3 项" in pages["programmes/shili-minsheng-2025.md"]


def test_programme_page_shows_done_recurring_over_open_and_june(pages) -> None:
    page = pages["programmes/shili-minsheng-2025.md"]
    assert "已完成 19 项（不含常态化 3 项，应完成 27 项）" in page
    assert "上期（截至2025年6月29日）已完成" in page
    assert "### 常态化事项（3 项" in page
    assert "### 超额完成（10 项）" in page
    assert "2,539名 / 2,532名，100\\.27%" in page          # the published decimals
    assert "540个 / 208个，260%" in page
    open_part = page.split("### 未完成的事项")[1].split("###")[0]
    lines = [line for line in open_part.splitlines() if line.startswith("- ")]
    assert len(lines) == 8
    # Behind schedule first, each with its expected month and last month's figure.
    flags = ["滞后" in line for line in lines]
    assert flags == sorted(flags, reverse=True) and any(flags)
    assert all("预计 2025年1" in line and "（上期：" in line for line in lines)
    assert "8个 / 15个，53%" in page


def test_an_items_rate_is_the_same_figure_everywhere_on_the_programme_page(dataset, pages) -> None:
    """The monthly report and the list of items show one completion rate per item: the published
    one with its decimals (100.27 %, 260 %), never a second computed figure beside it (100.28 %,
    259.62 %)."""
    views = Views(dataset)
    page = pages["programmes/shili-minsheng-2025.md"].replace("\\", "")
    report_part, list_part = page.split("## 承诺事项 {")
    checked = 0
    for item in views.top_level("programme", "shili-minsheng-2025"):
        state = views.progress(item)
        label = views.rate_label(item, state)
        if item.recurring or label is None:
            continue
        lines = [x for x in (item_line(report_part, item.id), item_line(list_part, item.id))]
        rates = [re.findall(r"[0-9.]+%", x) for x in lines]
        assert label in rates[0] and rates[1] == [label], (item.id, label, rates)
        checked += 1
    assert checked == 27


def test_a_town_page_shows_its_own_figure_and_status_not_the_countys(pages) -> None:
    def line(path: str) -> str:
        return item_line(pages[path])

    # County-wide 8 of 15, 推进缓慢; the town's own row of the September breakdown.
    september = "（截至 2025年9月30日）"
    assert line("places/shili-chengguan.md").endswith(f"：城关镇 3个 / 4个，75%，正常推进{september}")
    assert line("places/shili-beigang.md").endswith(f"：北岗镇 0个 / 2个，0%，推进缓慢{september}")
    # A village of the town has no row of its own: it shows the item as everywhere else (the
    # published rate, as on the programme page).
    assert line("places/shili-chengguan-dongmen.md").endswith("：推进缓慢，53%")


def test_a_place_figure_is_its_row_of_the_latest_breakdown(dataset, sample_copy) -> None:
    item = dataset.get("commitment", "shili-2025-21")
    july, june = Views(dataset, dt.date(2025, 7, 1)), Views(dataset, dt.date(2025, 6, 1))
    row, update = july.place_figure(item, "shili-chengguan")
    assert (row.actual, row.target, row.status, update.date) == (1, 4, None, dt.date(2025, 6, 29))
    assert june.place_figure(item, "shili-chengguan") is None  # no breakdown yet
    assert Views(dataset).place_figure(item, "shili-chengguan-dongmen") is None  # no row for it
    # Unknown is 未报告, never 0; a hedged figure keeps its hedge; no status word, none shown.
    path = sample_copy / "commitments" / "shili-2025.yaml"
    text = path.read_text(encoding="utf-8")
    september = text.index("南山乡、北岗镇的点位受汛期影响停工近一个月")
    head, tail = text[:september], text[september:]
    tail = tail.replace("        - place: shili-chengguan\n          target: 4\n          actual: 3\n"
                        "          status: 正常推进\n",
                        "        - place: shili-chengguan\n          target: 4\n          actual: 3\n"
                        "          qualifier: 约\n", 1)
    tail = tail.replace("        - place: shili-xihe\n          target: 3\n          actual: 2\n",
                        "        - place: shili-xihe\n          target: 3\n", 1)
    path.write_text(head + tail, encoding="utf-8")
    report = ErrorReport()
    changed = load_dataset(sample_copy, AS_OF, report)
    assert changed is not None and not report, report.errors
    changed_pages = render_all(changed, parallel=False)
    for place, shown in (("shili-chengguan", "：城关镇 约3个 / 4个，75%（截至 2025年9月30日）"),
                         ("shili-xihe", "：西河镇 未报告 / 3个，正常推进（截至 2025年9月30日）")):
        page = changed_pages[f"places/{place}.md"]
        assert item_line(page).endswith(shown), place


def test_unknown_progress_is_never_shown_as_zero(pages) -> None:
    june = pages["results/shili-minsheng-2025-06.md"]
    hpv = next(line for line in june.splitlines() if "shili-2025-27.md" in line)
    assert "未报告" in hpv and not re.search(r"(?<![\d.])0%", hpv)
    for path, text in pages.items():
        if path.startswith("commitments/shili-2025-2"):
            for line in text.splitlines():
                assert "进度 0%" not in line and "aria-label=\"进度 0%\"" not in line, (path, line)


def test_recurring_items_have_no_percentage(pages) -> None:
    page = pages["commitments/shili-2025-28.md"]
    assert "常态化开展，没有年度目标，不计入完成数" in page
    assert "%" not in page.split("## 进展记录")[0].split("状态截至")[0]


def test_tour_page_shows_each_groups_channels_and_unknown_hours(pages) -> None:
    page = pages["tours/yangli-2024-r6.md"]
    groups = page.split("## 巡察组")[1].split("### ")[1:]
    assert len(groups) == 6
    for group in groups:
        assert 'class="call-card"' in group and "值班电话" in group
        assert "信箱" in group and "邮编 730399" in group
        assert "mailto:" in group and "接听时间未公布" in group
    assert "码上巡察" in page and "2024年12月10日" in page and "受理时间未公布" in page
    assert "全天" not in page


def test_a_fax_is_never_a_tel_link(pages) -> None:
    fax_digits = "05565120369"
    assert any("传真：0556\\-5120369" in text for text in pages.values())
    for path, text in pages.items():
        assert f"tel:{fax_digits}" not in text, path


def test_village_picker_lists_villages_under_towns_not_counties(pages) -> None:
    page = pages["places/index.md"]
    headings = re.findall(r"^## \[([^\]]+)\]", page, flags=re.M)
    assert "示例县" not in headings and "样例县" not in headings and "瑞安市" not in headings
    assert any(h.endswith(("镇", "乡", "街道")) for h in headings)
    assert "学区" not in page.split("## ")[1]
