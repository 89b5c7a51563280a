"""reports.svg_heatmap: a heatmap figure drawn as SVG cells, with texts, tooltips and a colour
bar (hand-made figures, expectations by hand)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest

from reports.hover import cell_texts
from reports.svg import UnsupportedFigure, _Props
from reports.svg_heatmap import contrast_colour, heatmap_svg

NS = {"s": "http://www.w3.org/2000/svg"}
GREY = "#D9D9D9"


def _figure(reversed_rows: bool = True, **trace: object) -> go.Figure:
    return go.Figure(
        go.Heatmap(
            z=[[0.0, 10.0], [math.nan, 5.0]],
            x=["2023-2024", "2024-2025*"],
            y=["Aa &amp; Bb", "Cc"],
            colorscale=[[0, "#000000"], [1, "#FFFFFF"]],
            xgap=1,
            ygap=1,
            customdata=[["0,0%", "10,0%"], ["geen opgave", "5,0% (geschat)"]],
            hovertemplate="%{y}, %{x}<br>%{customdata}<extra></extra>",
            **trace,
        ),
        layout={
            "plot_bgcolor": GREY,
            "xaxis": {"side": "top"},
            "yaxis": {"autorange": "reversed" if reversed_rows else None},
        },
    )


def _cells(svg: ET.Element) -> list[ET.Element]:
    # the first two rects are the paper and the plot's background, the colour bar comes last
    return [r for r in svg.findall("s:rect", NS)[2:] if r.get("fill") != "url(#scale)"]


def test_cells_take_the_scale_from_the_smallest_to_the_largest_value() -> None:
    svg = ET.fromstring(heatmap_svg(_figure(), 400, 200, hover=True))
    cells = _cells(svg)
    # by hand: 0 -> black, 10 -> white, 5 halfway (127.5 rounds to 128 = 0x80), NaN -> the
    # plot's background
    assert [c.get("fill") for c in cells] == ["#000000", "#FFFFFF", GREY, "#808080"]
    assert svg.findall("s:rect", NS)[1].get("fill") == GREY
    # the first row at the top (autorange reversed), the columns left to right, 1 px gaps
    (x0, y0), (x1, _), (_, y2) = [(float(c.get("x", "")), float(c.get("y", ""))) for c in cells[:3]]
    assert x1 > x0 and y2 > y0
    width = float(cells[0].get("width", ""))
    assert x1 - x0 == pytest.approx(width + 1)


def test_every_cell_has_its_hover_also_an_empty_one() -> None:
    svg = ET.fromstring(heatmap_svg(_figure(), 400, 200, hover=True))
    assert [c.findtext("s:title", namespaces=NS) for c in _cells(svg)] == [
        "Aa & Bb, 2023-2024\n0,0%",
        "Aa & Bb, 2024-2025*\n10,0%",
        "Cc, 2023-2024\ngeen opgave",
        "Cc, 2024-2025*\n5,0% (geschat)",
    ]
    assert not ET.fromstring(heatmap_svg(_figure(), 400, 200)).findall(".//s:title", NS)


def test_cell_texts_fill_the_template_per_cell() -> None:
    trace = _Props({"z": [[1.25, None], [3.0, 4.5]], "x": ["a", "b"], "y": ["r", "s"]})
    assert cell_texts(trace, "%{z:.1f}") == [["1,3", ""], ["3,0", "4,5"]]
    assert cell_texts(trace, "%{y}/%{x}") == [["r/a", "r/b"], ["s/a", "s/b"]]


def test_texts_contrast_with_their_cell() -> None:
    svg = ET.fromstring(heatmap_svg(_figure(texttemplate="%{z:.1f}"), 400, 200))
    texts = [(t.text, t.get("fill")) for t in svg.findall("s:text[@class='celltext']", NS)]
    # brightness (299 R + 587 G + 114 B) / 1000: black 0 -> white text; 128 is light
    assert texts == [("0,0", "#FFFFFF"), ("10,0", "#444444"), ("5,0", "#444444")]
    assert contrast_colour("#7F7F7F") == "#FFFFFF"


def test_rows_go_up_without_a_reversed_axis_and_names_are_text() -> None:
    svg = ET.fromstring(heatmap_svg(_figure(reversed_rows=False), 400, 200))
    names = {t.text: float(t.get("y", "")) for t in svg.findall("s:text[@class='ytick']", NS)}
    assert names["Cc"] < names["Aa & Bb"]
    columns = [t.text for t in svg.findall("s:text[@class='xtick']", NS)]
    assert columns == ["2023-2024", "2024-2025*"]
    # the years above the grid (xaxis.side top)
    assert float(svg.findall("s:text[@class='xtick']", NS)[0].get("y", "")) < min(names.values())


def test_a_colour_bar_of_given_pixels_sits_at_the_top() -> None:
    bar = {"lenmode": "pixels", "len": 50, "y": 1, "yanchor": "top", "thickness": 12}
    svg = ET.fromstring(heatmap_svg(_figure(colorbar=bar), 400, 600))
    scale = next(r for r in svg.iter(f"{{{NS['s']}}}rect") if r.get("fill") == "url(#scale)")
    plot = svg.findall("s:rect", NS)[1]
    assert float(scale.get("height", "")) == pytest.approx(50)
    assert float(scale.get("y", "")) == pytest.approx(float(plot.get("y", "")))
    assert float(scale.get("width", "")) == 12
    # without: as long as the plot
    svg = ET.fromstring(heatmap_svg(_figure(), 400, 600))
    scale = next(r for r in svg.iter(f"{{{NS['s']}}}rect") if r.get("fill") == "url(#scale)")
    assert float(scale.get("height", "")) == pytest.approx(float(plot.get("height", "")))


def test_other_figures_are_refused() -> None:
    with pytest.raises(UnsupportedFigure):
        heatmap_svg(go.Figure(go.Scatter(x=[1], y=[1])), 400, 200)
