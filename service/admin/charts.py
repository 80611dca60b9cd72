"""Charts for the admin dashboard, drawn here as inline SVG: no chart library, no script, nothing from a CDN.

The SVG is built with ElementTree, so every label (visitors choose page paths and button labels) is escaped
as XML text by construction. Colours and fonts come from classes styled by the service's stylesheet; each
chart carries a `<title>` and `<desc>` for screen readers and prints its numbers as text.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from markupsafe import Markup

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
LINE_WIDTH, LINE_HEIGHT = 720, 280
LINE_MARGIN_LEFT, LINE_MARGIN_RIGHT, LINE_MARGIN_TOP, LINE_MARGIN_BOTTOM = 56, 40, 20, 56
Y_TICKS = 4
MAX_X_LABELS = 7
BAR_WIDTH = 720
BAR_ROW = 30
BAR_LABEL_AREA = 250
BAR_NUMBER_AREA = 70
BAR_LABEL_CHARS = 34


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 x 10^n at or above `value` (at least 1), so axis ticks read as round numbers."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def line_chart(points: Sequence[tuple[str, int]], *, title: str, chart_id: str, unit: str) -> Markup:
    """A line over `points` (label, value) in order, e.g. page views per day; labels go under the x axis."""
    svg = _svg(chart_id, title, _summary(points, unit), LINE_WIDTH, LINE_HEIGHT)
    if not points:
        return _with_empty_note(svg, LINE_WIDTH, LINE_HEIGHT)
    plot_width = LINE_WIDTH - LINE_MARGIN_LEFT - LINE_MARGIN_RIGHT
    plot_height = LINE_HEIGHT - LINE_MARGIN_TOP - LINE_MARGIN_BOTTOM
    bottom = LINE_MARGIN_TOP + plot_height
    top_value = nice_ceiling(math.ceil(max(value for _, value in points) / Y_TICKS)) * Y_TICKS
    axis = ET.SubElement(svg, "g", {"class": "chart-axis"})
    for tick in range(Y_TICKS + 1):
        value = top_value // Y_TICKS * tick
        y = bottom - plot_height * tick / Y_TICKS
        ET.SubElement(axis, "line", {"class": "chart-grid", **_numbers(
            x1=LINE_MARGIN_LEFT, x2=LINE_WIDTH - LINE_MARGIN_RIGHT, y1=y, y2=y)})
        _text(axis, f"{value:,}", LINE_MARGIN_LEFT - 8, y + 4, anchor="end")

    step = plot_width / (len(points) - 1) if len(points) > 1 else 0.0
    coordinates = [
        (LINE_MARGIN_LEFT + (index * step if len(points) > 1 else plot_width / 2),
         bottom - plot_height * value / top_value)
        for index, (_, value) in enumerate(points)
    ]
    for index in x_label_indexes(len(points)):
        _text(axis, points[index][0], coordinates[index][0], bottom + 20, anchor="middle")
    _text(axis, unit.capitalize(), 14, LINE_MARGIN_TOP + plot_height / 2, anchor="middle",
          transform=f"rotate(-90 14 {LINE_MARGIN_TOP + plot_height / 2:.1f})")
    _text(axis, "Day (UTC)", LINE_MARGIN_LEFT + plot_width / 2, LINE_HEIGHT - 8, anchor="middle")

    ET.SubElement(svg, "polyline", {"class": "chart-line", "fill": "none",
                                    "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)})
    dots = ET.SubElement(svg, "g", {"class": "chart-points"})
    for (label, value), (x, y) in zip(points, coordinates):
        dot = ET.SubElement(dots, "circle", _numbers(cx=x, cy=y, r=3.5))
        ET.SubElement(dot, "title").text = f"{label}: {value:,} {unit}"
    return _markup(svg)


def x_label_indexes(count: int) -> list[int]:
    """Which points get a label under the axis: evenly spaced, at most about MAX_X_LABELS, the last one too."""
    every = max(1, math.ceil(count / MAX_X_LABELS))
    indexes = list(range(0, count, every))
    if indexes and count - 1 - indexes[-1] >= every / 2:
        indexes.append(count - 1)
    return indexes


def bar_chart(rows: Sequence[tuple[str, int]], *, title: str, chart_id: str, unit: str) -> Markup:
    """Horizontal bars, largest first as given, each with its label before it and its number after it."""
    height = max(len(rows), 1) * BAR_ROW + 10
    svg = _svg(chart_id, title, _summary(rows, unit), BAR_WIDTH, height)
    if not rows:
        return _with_empty_note(svg, BAR_WIDTH, height)
    longest = max(value for _, value in rows) or 1
    room = BAR_WIDTH - BAR_LABEL_AREA - BAR_NUMBER_AREA
    for index, (label, value) in enumerate(rows):
        top = 5 + index * BAR_ROW
        row = ET.SubElement(svg, "g", {"class": "chart-row"})
        ET.SubElement(row, "title").text = f"{label}: {value:,} {unit}"
        _text(row, _shortened(label), BAR_LABEL_AREA - 10, top + BAR_ROW / 2 + 5, anchor="end")
        width = max(room * value / longest, 2.0)
        ET.SubElement(row, "rect", {"class": "chart-bar", **_numbers(x=BAR_LABEL_AREA, y=top + 4, width=width,
                                                                     height=BAR_ROW - 8)})
        _text(row, f"{value:,}", BAR_LABEL_AREA + width + 8, top + BAR_ROW / 2 + 5, anchor="start",
              css_class="chart-number")
    return _markup(svg)


def _svg(chart_id: str, title: str, description: str, width: int, height: int) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NAMESPACE, "class": "chart", "role": "img", "viewBox": f"0 0 {width} {height}",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "id": chart_id,
    })
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = description
    return svg


def _summary(rows: Sequence[tuple[str, int]], unit: str) -> str:
    if not rows:
        return f"No {unit} in this range."
    total = sum(value for _, value in rows)
    busiest, most = max(rows, key=lambda row: row[1])
    return f"{total:,} {unit} in all over {len(rows)} entries; the most, {most:,}, for {busiest}."


def _with_empty_note(svg: ET.Element, width: int, height: int) -> Markup:
    _text(svg, "Nothing recorded in this range yet.", width / 2, height / 2 + 5, anchor="middle",
          css_class="chart-empty")
    return _markup(svg)


def _text(parent: ET.Element, content: str, x: float, y: float, *, anchor: str, css_class: str = "chart-label",
          transform: str | None = None) -> None:
    attributes = {"class": css_class, "text-anchor": anchor, **_numbers(x=x, y=y)}
    if transform:
        attributes["transform"] = transform
    ET.SubElement(parent, "text", attributes).text = content


def _shortened(label: str) -> str:
    return label if len(label) <= BAR_LABEL_CHARS else label[:BAR_LABEL_CHARS - 1] + "…"


def _numbers(**values: float) -> dict[str, str]:
    return {name: f"{value:.1f}".removesuffix(".0") for name, value in values.items()}


def _markup(svg: ET.Element) -> Markup:
    """Serialized SVG; safe to insert as is, since ElementTree escaped every text and attribute."""
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))
