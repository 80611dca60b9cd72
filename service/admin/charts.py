"""Charts for the admin dashboard, drawn here as inline SVG: no chart library, no script, nothing from a CDN.

The SVG is built with ElementTree, so every label (visitors choose page paths and button labels) is escaped
as XML text by construction. Colours and fonts come from classes styled by the service's stylesheet; each
chart is an image to screen readers, named by its `<title>` and described by its `<desc>` (the numbers in
a sentence), and the dashboard puts the numbers in a table beside it.

The charts have no viewBox, which would shrink their text with their width (to 5 px on a phone): positions
across are percentages of the width, positions down are pixels, so the text stays at the stylesheet's size
at any width. A bar's label gets a line of its own above the bar, shortened in the middle when long.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from markupsafe import Markup

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Distances across are percentages of the chart's width, distances down are pixels: the charts have no viewBox,
# so they stretch to any width while their text keeps its size (13 px from service.css) on a phone as on a desk.
LINE_HEIGHT, LINE_TOP, LINE_PLOT_HEIGHT = 260, 22, 190
LINE_LEFT, LINE_WIDTH = 2.0, 96.0  # percent: the plot's left edge and width
Y_TICKS = 4
MAX_X_LABELS = 7
BAR_ROW = 46  # a row: the label and the number on one line, the bar under them
BAR_LABEL_CHARS = 32  # what fits beside a number at 320 px; longer labels lose their middle


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 x 10^n at or above `value` (at least 1), so axis ticks read as round numbers."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def line_chart(points: Sequence[tuple[str, int]], *, title: str, chart_id: str, unit: str) -> Markup:
    """A line over `points` (label, value) in order, e.g. page views per day; labels go under the line.

    Each tick's number sits above its grid line at the left edge, where it needs no margin of its own. The line
    itself is drawn in a nested SVG stretched over the plot (its points cannot be percentages), with a stroke
    that does not stretch.
    """
    svg = _svg(chart_id, title, _summary(points, unit), LINE_HEIGHT)
    if not points:
        return _with_empty_note(svg, LINE_HEIGHT)
    bottom = LINE_TOP + LINE_PLOT_HEIGHT
    top_value = nice_ceiling(math.ceil(max(value for _, value in points) / Y_TICKS)) * Y_TICKS
    axis = ET.SubElement(svg, "g", {"class": "chart-axis"})
    for tick in range(Y_TICKS + 1):
        y = bottom - LINE_PLOT_HEIGHT * tick / Y_TICKS
        ET.SubElement(axis, "line", {"class": "chart-grid", "x1": _percent(LINE_LEFT),
                                     "x2": _percent(LINE_LEFT + LINE_WIDTH), **_numbers(y1=y, y2=y)})
        _text(axis, f"{top_value // Y_TICKS * tick:,}", _percent(LINE_LEFT), y - 5, anchor="start")
    _text(axis, unit.capitalize(), _percent(LINE_LEFT + LINE_WIDTH), LINE_TOP - 5, anchor="end")

    shares = [index / (len(points) - 1) if len(points) > 1 else 0.5 for index in range(len(points))]
    heights = [bottom - LINE_PLOT_HEIGHT * value / top_value for _, value in points]
    shown = x_label_indexes(len(points))
    for order, index in enumerate(shown):
        minor = order % 2 == 1 and index != shown[-1]  # hidden on narrow screens (service.css)
        anchor = "middle"
        if len(points) > 1 and index in (0, len(points) - 1):  # the ends' labels stay inside the chart
            anchor = "start" if index == 0 else "end"
        _text(axis, points[index][0], _percent(LINE_LEFT + LINE_WIDTH * shares[index]), bottom + 20, anchor=anchor,
              css_class="chart-label chart-label-minor" if minor else "chart-label")
    _text(axis, "Day (UTC)", "50%", LINE_HEIGHT - 8, anchor="middle")

    plot = ET.SubElement(svg, "svg", {"x": _percent(LINE_LEFT), "y": str(LINE_TOP), "width": _percent(LINE_WIDTH),
                                      "height": str(LINE_PLOT_HEIGHT), "overflow": "visible",
                                      "viewBox": f"0 0 1000 {LINE_PLOT_HEIGHT}", "preserveAspectRatio": "none"})
    ET.SubElement(plot, "polyline", {"class": "chart-line", "fill": "none", "vector-effect": "non-scaling-stroke",
                                     "points": " ".join(f"{share * 1000:.1f},{y - LINE_TOP:.1f}"
                                                        for share, y in zip(shares, heights))})
    dots = ET.SubElement(svg, "g", {"class": "chart-points"})
    for (label, value), share, y in zip(points, shares, heights):
        dot = ET.SubElement(dots, "circle", {"cx": _percent(LINE_LEFT + LINE_WIDTH * share), **_numbers(cy=y, r=3.5)})
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
    """Horizontal bars, largest first as given, each under a line with its label and, at the right, its number."""
    height = max(len(rows), 1) * BAR_ROW + 4
    svg = _svg(chart_id, title, _summary(rows, unit), height)
    if not rows:
        return _with_empty_note(svg, height)
    longest = max(value for _, value in rows) or 1
    for index, (label, value) in enumerate(rows):
        top = index * BAR_ROW
        row = ET.SubElement(svg, "g", {"class": "chart-row"})
        ET.SubElement(row, "title").text = f"{label}: {value:,} {unit}"
        _text(row, shortened(label), "0", top + 16, anchor="start")
        _text(row, f"{value:,}", "100%", top + 16, anchor="end", css_class="chart-number")
        ET.SubElement(row, "rect", {"class": "chart-bar", "x": "0", "width": _percent(max(100 * value / longest, 0.5)),
                                    **_numbers(y=top + 23, height=BAR_ROW - 30)})
    return _markup(svg)


def shortened(label: str, limit: int = BAR_LABEL_CHARS) -> str:
    """`label` in at most `limit` characters: its start and its end, with "…" for the middle it loses (a page's
    path says the most at both ends: /2026/10/28/wood-s…d-winter-air/)."""
    if len(label) <= limit:
        return label
    head = (limit - 1) * 3 // 5
    return label[:head] + "…" + label[len(label) - (limit - 1 - head):]


def _svg(chart_id: str, title: str, description: str, height: int) -> ET.Element:
    svg = ET.Element("svg", {
        "xmlns": SVG_NAMESPACE, "class": "chart", "role": "img", "width": "100%", "height": str(height),
        "aria-labelledby": f"{chart_id}-title", "aria-describedby": f"{chart_id}-desc", "id": chart_id,
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


def _with_empty_note(svg: ET.Element, height: int) -> Markup:
    _text(svg, "Nothing recorded in this range yet.", "50%", height / 2 + 5, anchor="middle", css_class="chart-empty")
    return _markup(svg)


def _text(parent: ET.Element, content: str, x: str, y: float, *, anchor: str, css_class: str = "chart-label") -> None:
    ET.SubElement(parent, "text", {"class": css_class, "text-anchor": anchor, "x": x, **_numbers(y=y)}).text = content


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _numbers(**values: float) -> dict[str, str]:
    return {name: f"{value:.1f}".removesuffix(".0") for name, value in values.items()}


def _markup(svg: ET.Element) -> Markup:
    """Serialized SVG; safe to insert as is, since ElementTree escaped every text and attribute."""
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))
