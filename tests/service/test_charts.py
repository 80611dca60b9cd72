"""The dashboard's SVG charts: well-formed, one mark per value, labelled for screen readers, labels escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from service.admin.charts import BAR_LABEL_CHARS, bar_chart, line_chart, nice_ceiling, shortened, x_label_indexes

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def days(count: int) -> list[tuple[str, int]]:
    return [(f"{day} May", day * 3 % 7) for day in range(1, count + 1)]


def test_a_line_chart_has_one_point_per_day_and_names_itself():
    root = parse(line_chart(days(30), title="Page views per day", chart_id="views", unit="page views"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert (root.get("aria-labelledby"), root.get("aria-describedby")) == ("views-title", "views-desc")
    assert root.find(f"{SVG}title").text == "Page views per day"
    assert "page views in all" in root.find(f"{SVG}desc").text
    points = root.find(f".//{SVG}polyline").get("points").split()
    assert len(points) == 30 and len(root.findall(f".//{SVG}circle")) == 30
    assert root.findall(f".//{SVG}circle")[1].find(f"{SVG}title").text == "2 May: 6 page views"


def test_the_line_rises_with_the_counts():
    root = parse(line_chart([("a", 0), ("b", 10)], title="t", chart_id="c", unit="views"))
    (x1, y1), (x2, y2) = (map(float, point.split(",")) for point in root.find(f".//{SVG}polyline").get("points").split())
    assert x2 > x1 and y2 < y1  # SVG's y grows downwards


def test_axis_ticks_are_round_numbers_and_axes_are_labelled():
    root = parse(line_chart([("a", 27)], title="t", chart_id="c", unit="page views"))
    labels = [text.text for text in root.iter(f"{SVG}text")]
    assert {"0", "10", "20", "30", "40"} <= set(labels)
    assert "Page views" in labels and "Day (UTC)" in labels


@pytest.mark.parametrize(("value", "ceiling"), [(0, 1), (1, 1), (3, 5), (7, 10), (10, 10), (11, 20), (2500, 5000)])
def test_nice_ceiling(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_x_labels_are_spaced_and_include_the_end():
    assert x_label_indexes(30) == [0, 5, 10, 15, 20, 25, 29]
    assert x_label_indexes(3) == [0, 1, 2]
    assert x_label_indexes(0) == []


def test_a_bar_chart_has_one_bar_per_row_with_its_number_beside_it():
    rows = [("/", 40), ("/about/", 10), ("/board/", 5)]
    root = parse(bar_chart(rows, title="Top pages", chart_id="pages", unit="page views"))
    bars = root.findall(f".//{SVG}rect")
    assert len(bars) == 3
    widths = [float(bar.get("width").removesuffix("%")) for bar in bars]
    assert widths[0] > widths[1] > widths[2] and widths[0] == pytest.approx(4 * widths[1])
    numbers = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "chart-number"]
    assert numbers == ["40", "10", "5"]


def test_labels_are_escaped_and_long_ones_shortened():
    hostile = '</text><script>alert(1)</script>&"' + "x" * 60
    svg = bar_chart([(hostile, 1)], title="<b>Top</b>", chart_id="b", unit="presses")
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)  # still well-formed XML
    label = next(text for text in root.iter(f"{SVG}text") if text.get("class") == "chart-label")
    assert label.text.startswith("</text><script>") and label.text.endswith("xxx") and len(label.text) == 32
    assert root.find(f".//{SVG}g/{SVG}title").text == f"{hostile}: 1 presses"


def test_empty_charts_say_so():
    for chart in (line_chart([], title="t", chart_id="a", unit="views"),
                  bar_chart([], title="t", chart_id="b", unit="views")):
        root = parse(chart)
        assert [text.text for text in root.iter(f"{SVG}text")] == ["Nothing recorded in this range yet."]
        assert root.find(f"{SVG}desc").text == "No views in this range."


def test_charts_have_no_viewbox_so_their_text_keeps_its_size():
    """A viewBox scales text with the chart: 13 px labels were 5 px at a phone's width."""
    for chart in (line_chart(days(30), title="t", chart_id="a", unit="views"),
                  bar_chart([("/", 3)], title="t", chart_id="b", unit="views")):
        root = parse(chart)
        assert root.get("viewBox") is None and root.get("width") == "100%" and root.get("height").isdigit()
        assert all(text.get("x").endswith("%") or text.get("x") == "0" for text in root.iter(f"{SVG}text"))


def test_a_long_label_keeps_its_start_and_end_and_loses_its_middle():
    path = "/2026/10/28/wood-stoves-and-winter-air/"
    short = shortened(path)
    assert len(short) == BAR_LABEL_CHARS and short.count("…") == 1
    start, end = short.split("…")
    assert path.startswith(start) and path.endswith(end) and start.startswith("/2026/10/28/wood")
    assert end.endswith("winter-air/")
    assert shortened("/about/") == "/about/"


def test_a_bar_label_has_a_line_of_its_own_above_its_bar():
    root = parse(bar_chart([("/2026/10/28/wood-stoves-and-winter-air/", 3)], title="t", chart_id="b", unit="views"))
    row = root.find(f"{SVG}g")
    label, number = row.findall(f"{SVG}text")
    assert (label.get("x"), label.get("text-anchor")) == ("0", "start")
    assert (number.get("x"), number.get("text-anchor")) == ("100%", "end") and label.get("y") == number.get("y")
    assert float(row.find(f"{SVG}rect").get("y")) > float(label.get("y"))


def test_on_narrow_screens_every_other_day_label_may_hide_but_never_the_ends():
    root = parse(line_chart(days(30), title="t", chart_id="a", unit="views"))
    day_labels = [text for text in root.iter(f"{SVG}text") if text.text and text.text.endswith(" May")]
    minor = [text.text for text in day_labels if "chart-label-minor" in text.get("class")]
    assert minor == ["6 May", "16 May", "26 May"]
    assert (day_labels[0].get("text-anchor"), day_labels[-1].get("text-anchor")) == ("start", "end")
