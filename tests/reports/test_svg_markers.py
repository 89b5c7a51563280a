"""reports.svg: the scatter features of Patronen's charts (provincie symbols, bubble sizes, the
legend's title, error bars, labels at data points), on hand-made figures."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from reports.svg import UnsupportedFigure, _Props, figure_svg, marker_diameters

NS = {"s": "http://www.w3.org/2000/svg"}


def _points(d: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def test_area_sizes_follow_plotly() -> None:
    # by hand: radius = sqrt(size / 2 / sizeref), at least sizemin; diameter twice that
    # 200 / 2 / 1 = 100 -> radius 10 -> 20 px; 8 / 2 / 1 = 4 -> radius 2 -> sizemin 5 -> 10 px
    marker = _Props({"size": [200, 8, 0], "sizemode": "area", "sizeref": 1, "sizemin": 5})
    assert marker_diameters(marker, 3) == pytest.approx([20.0, 10.0, 0.0])
    # Patronen's sizeref = 2 * largest / 38**2 makes the largest marker 38 px across
    largest = 12_345.0
    marker = _Props({"size": [largest], "sizemode": "area", "sizeref": 2 * largest / 38**2})
    assert marker_diameters(marker, 1) == pytest.approx([38.0])
    # without sizeref, sizemode or sizemin the size is the diameter
    assert marker_diameters(_Props({"size": 8}), 2) == [8.0, 8.0]


def test_cross_x_and_star_have_plotly_proportions() -> None:
    fig = go.Figure(
        [
            go.Scatter(x=[0], y=[0], mode="markers", marker={"symbol": s, "size": 20}, name=s)
            for s in ("cross", "x", "star")
        ],
        layout={"xaxis": {"range": [-1, 1]}, "yaxis": {"range": [-1, 1]}, "showlegend": False},
    )
    svg = ET.fromstring(figure_svg(fig, 200, 200))
    paths = [p.get("d", "") for p in svg.findall(".//s:g/s:path", NS)]
    assert len(paths) == 3
    spans = []
    for d in paths:
        points = _points(d)
        xs, ys = [x for x, _ in points], [y for _, y in points]
        spans.append((max(xs) - min(xs), max(ys) - min(ys), len(points)))
    # size 20: r = 10. cross: arms 1.2 r = 12 to each side -> 24 x 24, 12 corners
    assert spans[0] == (pytest.approx(24, abs=0.02), pytest.approx(24, abs=0.02), 12)
    # x: 2 * 0.8 r / sqrt(2) to each side -> 4 * 8 / sqrt(2) = 22.63 across, 12 corners
    assert spans[1][:2] == (pytest.approx(32 / math.sqrt(2), abs=0.02),) * 2
    assert spans[1][2] == 12
    # star: 1.4 r = 14; across 2 * 0.951 * 14 = 26.63, top -14 to bottom 0.809 * 14, 10 points
    assert spans[2] == (
        pytest.approx(26.63, abs=0.02),
        pytest.approx(14 * 1.809, abs=0.02),
        10,
    )


def test_the_legend_has_its_title_and_a_bubble_with_size_zero_is_not_drawn() -> None:
    fig = go.Figure(
        [
            go.Scatter(
                x=[1, 2],
                y=[1, 2],
                mode="markers",
                name="Zeeland &amp; co",
                marker={"size": [50, 0], "sizemode": "area", "sizeref": 1, "symbol": "star"},
            )
        ],
        layout={"showlegend": True, "legend": {"title": {"text": "provincie"}}},
    )
    svg = ET.fromstring(figure_svg(fig, 400, 300))
    legend = svg.find(".//s:g[@class='legend']", NS)
    assert legend is not None
    assert [t.text for t in legend.findall("s:text", NS)] == ["provincie", "Zeeland & co"]
    drawn = [p for g in svg.findall(".//s:g", NS) if g.get("class") != "legend" for p in g]
    assert len([p for p in drawn if p.tag == f"{{{NS['s']}}}path"]) == 1


def test_error_bars_span_the_interval_and_widen_the_axis() -> None:
    fig = go.Figure(
        [
            go.Scatter(
                x=[0, 1],
                y=[2.0, 3.0],
                mode="markers",
                error_y={"type": "data", "array": [1.0, 0.5], "arrayminus": [0.5, 2.0], "width": 3},
            )
        ],
        layout={"xaxis": {"range": [-1, 2]}, "yaxis": {"range": [0, 4]}},
    )
    svg = figure_svg(fig, 300, 300)
    bars = re.findall(r'<path d="M([\d.]+),([\d.]+)V([\d.]+)M([\d.]+),', svg)
    assert len(bars) == 2
    # y 0..4 over the plot: the first bar from 1.5 to 3.0, the second from 1.0 to 3.5
    (x0, low0, high0, left0), (_, low1, high1, _) = [tuple(map(float, b)) for b in bars]
    per_unit = (low0 - high0) / 1.5
    assert (low1 - high1) / per_unit == pytest.approx(2.5)
    assert x0 - left0 == pytest.approx(3)
    # without a range the axis covers the bars' ends (0.5 below 2.0 ... 3.5), not only the values
    fig.update_layout(yaxis={"range": None})
    ticks = [
        float(t.text.replace(",", "."))
        for t in ET.fromstring(figure_svg(fig, 300, 300)).iter(f"{{{NS['s']}}}text")
        if t.get("text-anchor") == "end"
    ]
    assert min(ticks) <= 1.0 and max(ticks) >= 3.5


def test_a_label_at_a_data_point_starts_there() -> None:
    fig = go.Figure(
        [go.Scatter(x=[0, 1], y=[0, 10], mode="lines")],
        layout={
            "xaxis": {"range": [0, 2]},
            "yaxis": {"range": [0, 10]},
            "annotations": [
                {
                    "x": 1,
                    "y": 10,
                    "text": "A &lt;b&gt; (+0,7)",
                    "showarrow": False,
                    "xanchor": "left",
                }
            ],
        },
    )
    svg = ET.fromstring(figure_svg(fig, 300, 300))
    label = next(t for t in svg.iter(f"{{{NS['s']}}}text") if t.text == "A <b> (+0,7)")
    line = svg.find(".//s:polyline", NS)
    assert line is not None
    end_x, end_y = _points(line.get("points", ""))[-1]
    assert label.get("text-anchor") == "start"
    assert float(label.get("x", "")) == pytest.approx(end_x, abs=0.01)
    assert float(label.get("y", "")) == pytest.approx(end_y + 11.2 * 0.35, abs=0.01)
    fig.layout.annotations[0].showarrow = True
    with pytest.raises(UnsupportedFigure):
        figure_svg(fig, 300, 300)
