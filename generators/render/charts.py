"""Static SVG bar charts of quarterly series, drawn at build time.

No chart library and nothing loaded from elsewhere: a chart is a small SVG file shown as an image
whose text alternative names the series, always next to a table of the same numbers (the table
is what screen readers, search and printing rely on). Text is set with ElementTree, so a name
such as ``<b>`` or ``&`` stays text.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.dataset import Dataset
    from ..views.views import Views

OWNED = ("charts",)

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 28, 44
BAR = "#1f4e79"        # the site's primary blue: 8.6:1 on white
INK = "#1a1a1a"
GRID = "#d0d0d0"
FONT = "system-ui, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"


def nice_ceiling(value: float) -> float:
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def label(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


def bar_chart(title: str, points: Sequence[tuple[str, float]], unit: str = "") -> str:
    """An SVG document: one bar per (period, value), the axis from 0, every value labelled where
    there is room. Negative values are drawn as 0 height; the table shows them."""
    top = nice_ceiling(max((v for _, v in points), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    svg = ET.Element("svg", xmlns="http://www.w3.org/2000/svg", width=str(WIDTH), height=str(HEIGHT),
                     viewBox=f"0 0 {WIDTH} {HEIGHT}", role="img", attrib={"font-family": FONT})
    ET.SubElement(svg, "title").text = f"{title}（{unit}）" if unit else title
    ET.SubElement(svg, "rect", width=str(WIDTH), height=str(HEIGHT), fill="#ffffff")
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        ET.SubElement(svg, "line", x1=str(LEFT), x2=str(WIDTH - RIGHT), y1=f"{y:.1f}", y2=f"{y:.1f}",
                      stroke=GRID if tick else INK, attrib={"stroke-width": "1"})
        _text(svg, LEFT - 6, y + 4, label(value), anchor="end", size=11)
    if unit:
        _text(svg, 4, 16, unit, anchor="start", size=11)
    count = max(1, len(points))
    slot = plot_w / count
    every = max(1, math.ceil(count / 12))  # at most about 12 labels along the axis
    for index, (period, value) in enumerate(points):
        height = plot_h * max(0.0, value) / top
        x = LEFT + slot * index + slot * 0.15
        ET.SubElement(svg, "rect", x=f"{x:.1f}", y=f"{TOP + plot_h - height:.1f}",
                      width=f"{slot * 0.7:.1f}", height=f"{height:.1f}", fill=BAR)
        centre = x + slot * 0.35
        if index % every == 0 or index == count - 1:
            _text(svg, centre, HEIGHT - BOTTOM + 16, period, size=11)
            if count <= 12:
                _text(svg, centre, TOP + plot_h - height - 4, label(value), size=11)
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode") + "\n"


def _text(parent: ET.Element, x: float, y: float, content: str, anchor: str = "middle",
          size: int = 12) -> None:
    node = ET.SubElement(parent, "text", x=f"{x:.1f}", y=f"{y:.1f}", fill=INK,
                         attrib={"text-anchor": anchor, "font-size": str(size)})
    node.text = content


def produce(dataset: Dataset, views: Views) -> dict[str, str]:
    return {s.path: bar_chart(s.title, s.points, s.unit)
            for programme in views.sorted("programme")
            for s in views.series(programme.id) if s.drawn}
