"""Static SVG charts: real SVG (parsed with lxml), one bar per point, text kept as text."""

from __future__ import annotations

import lxml.etree

from generators.render.charts import bar_chart, nice_ceiling

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> lxml.etree._Element:
    return lxml.etree.fromstring(svg.encode("utf-8"))


def bars(root: lxml.etree._Element) -> list[lxml.etree._Element]:
    return root.findall("s:rect", NS)[1:]  # the first rect is the white background


def test_one_bar_per_point_heights_in_proportion() -> None:
    root = parse(bar_chart("解决纠纷", [("2024-Q1", 100), ("2024-Q2", 50), ("2024-Q3", 0)], "件"))
    heights = [float(r.get("height")) for r in bars(root)]
    assert len(heights) == 3
    assert heights[0] == 2 * heights[1] and heights[2] == 0
    texts = [t.text for t in root.findall("s:text", NS)]
    assert "2024-Q2" in texts and "50" in texts and "件" in texts
    assert root.find("s:title", NS).text == "解决纠纷（件）"


def test_names_stay_text() -> None:
    svg = bar_chart("<script>alert(1)</script> & 指标", [("2024-Q1", 1), ("2024-Q2", 2)], "<b>")
    root = parse(svg)
    assert root.find("s:title", NS).text == "<script>alert(1)</script> & 指标（<b>）"
    assert "<script>" not in svg and root.find(".//s:script", NS) is None


def test_many_points_keep_labels_readable() -> None:
    points = [(f"{2016 + q // 4}-Q{q % 4 + 1}", float(q)) for q in range(40)]
    root = parse(bar_chart("完成项目", points, "个"))
    assert len(bars(root)) == 40
    periods = [t.text for t in root.findall("s:text", NS) if "-Q" in (t.text or "")]
    assert 10 <= len(periods) <= 14 and periods[-1] == "2025-Q4"


def test_axis_tops_are_round_numbers() -> None:
    assert [nice_ceiling(v) for v in (0, 0.7, 3, 93.22, 101, 310, 9000)] == [1, 1, 5, 100, 200, 500, 10000]
