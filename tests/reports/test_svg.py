"""reports.svg: plotly scatter and choropleth figures drawn as SVG (pure functions, hand-made
figures)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go
import pytest

from dashboard import charts, charts_profile
from reports.svg import UnsupportedFigure, figure_svg, map_svg, nice_ticks, plain_text

NS = {"s": "http://www.w3.org/2000/svg"}


def _figure(name: str = "Regio") -> go.Figure:
    return go.Figure(
        data=[
            go.Scatter(
                x=[2020, 2021, 2022],
                y=[1.0, None, 3.0],
                mode="lines+markers",
                name=name,
                line={"color": "#D55E00", "dash": "dash", "width": 2},
                marker={"symbol": ["circle", "circle", "circle-open"], "size": 8},
            ),
            go.Scatter(
                x=[2020, 2021, 2021, 2020],
                y=[0.5, 0.5, 1.5, 1.5],
                fill="toself",
                fillcolor="rgba(0, 114, 178, 0.12)",
                mode="lines",
                line={"width": 0},
                showlegend=False,
            ),
        ],
        layout={
            "title": {"text": "Titel &amp; meer"},
            "xaxis": {"tickvals": [2020, 2021, 2022], "ticktext": ["2020-2021", "b", "c*"]},
            "yaxis": {"rangemode": "tozero", "title": {"text": "%"}},
            "shapes": [
                {
                    "type": "line",
                    "xref": "x",
                    "yref": "paper",
                    "x0": 2020.5,
                    "x1": 2020.5,
                    "y0": 0,
                    "y1": 1,
                }
            ],
        },
    )


def test_nice_ticks_are_round_and_cover_the_range() -> None:
    assert nice_ticks(0, 3.4) == [0, 1, 2, 3]
    assert nice_ticks(0, 40) == [0, 10, 20, 30, 40]
    assert nice_ticks(2.1, 2.9) == pytest.approx([2.2, 2.4, 2.6, 2.8])
    assert nice_ticks(0, 8.4) == [0, 2, 4, 6, 8]  # no 2.5 steps: "3" for 2,5 would mislead


def test_plain_text_undoes_plotly_escaping() -> None:
    assert plain_text("A &amp; B &lt;b&gt;<br>") == "A & B <b>"


def test_a_gap_splits_the_line_and_the_band_is_a_translucent_polygon() -> None:
    root = ET.fromstring(figure_svg(_figure(), 400, 250))
    lines = [p for p in root.iterfind(".//s:polyline", NS) if p.get("stroke") == "#D55E00"]
    assert len(lines) == 2  # 2020 and 2022 are separate runs around the missing 2021
    assert all(len(p.get("points", "").split()) == 1 for p in lines)
    assert lines[0].get("stroke-dasharray")
    (band,) = root.iterfind(".//s:polygon", NS)
    assert band.get("fill") == "rgb(0,114,178)"
    assert band.get("fill-opacity") == "0.12"
    texts = [t.text for t in root.iterfind(".//s:text", NS)]
    assert "Titel & meer" in texts
    assert {"2020-2021", "b", "c*", "Regio"} <= set(texts)
    open_markers = [p for p in root.iterfind(".//s:path", NS) if p.get("fill") == "white"]
    assert len(open_markers) == 1


def test_a_charts_parts_draw_as_its_figure_does() -> None:
    """The Overzicht cards hand over a sparkline's parts, without building the figure."""
    years = range(2017, 2021)
    series = pd.DataFrame(
        {
            "school_year": [f"{y}-{y + 1}" for y in years],
            "school_year_start": list(years),
            "value": [1.5, 1.7, 1.6, 1.8],
            "status": ["definitief"] * 3 + ["voorlopig"],
        }
    )
    parts = charts.sparkline_parts(series, unit="%", decimals=1, trend_breaks=["2019-2020"])
    svg = figure_svg(parts, 320, 150)
    assert svg == figure_svg(charts.figure(*parts), 320, 150)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iterfind(".//s:text", NS)]
    assert {"2017-2018", "2020-2021"} <= set(texts)
    # the voorlopig year is the one open marker
    open_markers = [p for p in root.iterfind(".//s:path", NS) if p.get("fill") == "white"]
    assert len(open_markers) == 1


def test_a_hostile_name_stays_text() -> None:
    name = '</text><script>alert(1)</script><a href="https://evil.example">x</a> & "q"'
    svg = figure_svg(_figure(name.replace("&", "&amp;").replace("<", "&lt;")), 400, 250)
    root = ET.fromstring(svg)
    assert name in [t.text for t in root.iterfind(".//s:text", NS)]
    assert not list(root.iterfind(".//s:script", NS))
    assert not list(root.iterfind(".//s:a", NS))


def test_unsupported_traces_are_refused() -> None:
    with pytest.raises(UnsupportedFigure):
        figure_svg(go.Figure(go.Bar(x=[1], y=[2])), 400, 250)


def test_a_figure_without_points_is_an_empty_frame() -> None:
    empty = go.Figure(
        go.Scatter(x=[], y=[], mode="lines+markers", name="Regio"),
        layout={"xaxis": {"tickvals": [], "ticktext": []}, "yaxis": {"rangemode": "tozero"}},
    )
    root = ET.fromstring(figure_svg(empty, 400, 250))
    assert not list(root.iterfind(".//s:polyline", NS))


def _square(lon: float, lat: float, size: float = 0.1) -> dict:
    ring = [[lon, lat], [lon, lat + size], [lon + size, lat + size], [lon + size, lat], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _bbox(d: str) -> tuple[float, float]:
    """Width and height of a path of M/L/Z commands."""
    points = np.array(
        [[float(v) for v in p.split(",")] for p in re.split(r"[MLZ]", d) if p], dtype=float
    )
    width, height = points.max(axis=0) - points.min(axis=0)
    return float(width), float(height)


def test_a_map_colours_by_the_scale_and_hatches_gemeenten_without_a_figure() -> None:
    """The Regioprofiel's members map: lowest and highest value get the ends of the YlOrRd
    scale, the gemeente without a figure grey with a hatch over it, in Mercator."""
    members = pd.DataFrame(
        {
            "region_code": ["GM0001", "GM0002", "GM0003"],
            "region_name": ["Aa", "Bb", "Cc"],
            "value": [2.5, None, 3.5],
        }
    )
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "geometry": _square(5.0 + 0.1 * i, 52.0)}
            for i, code in enumerate(members["region_code"])
        ],
    }
    indicator = {"indicator_key": "vsv_pct", "label": "vsv", "unit": "%", "decimals": 1}
    fig = charts_profile.members_map(members, indicator, geojson)
    root = ET.fromstring(map_svg(fig, 300, 200, hatched=(1,)))
    paths = list(root.iterfind(".//s:path", NS))
    fills = [p.get("fill") for p in paths]
    scale = plotly.colors.get_colorscale("YlOrRd")

    def hex_of(rgb: str) -> str:
        return "#{:02X}{:02X}{:02X}".format(*(int(v) for v in re.findall(r"\d+", rgb)))

    assert fills == [hex_of(scale[0][1]), hex_of(scale[-1][1]), "#BDBDBD", "url(#hatch)"]
    assert all(p.get("fill-rule") == "evenodd" for p in paths)
    assert root.find(".//s:pattern[@id='hatch']", NS) is not None
    assert root.find(".//s:linearGradient", NS) is not None  # the colour bar
    # Mercator: a square of 0.1 degree at 52° N is 1/cos(52°) times as high as wide
    width, height = _bbox(paths[0].get("d") or "")
    lat = np.radians([52.0, 52.1])
    mercator = np.diff(np.log(np.tan(np.pi / 4 + lat / 2)))[0] / np.radians(0.1)
    assert height / width == pytest.approx(mercator, rel=0.02)


def test_a_map_refuses_what_it_does_not_draw() -> None:
    with pytest.raises(UnsupportedFigure):
        map_svg(go.Figure(go.Scattergeo(lon=[5], lat=[52])), 300, 200)
    with pytest.raises(UnsupportedFigure):
        map_svg(
            go.Figure(
                go.Choropleth(locations=["a"], z=[1], geojson={"type": "FeatureCollection"}),
                layout={"geo": {"projection": {"type": "orthographic"}}},
            ),
            300,
            200,
        )


def test_a_sparkline_gets_about_three_value_ticks() -> None:
    """The sparkline's layout asks plotly for 3 ticks (nticks); the SVG drew 7 (3,50 to 6,50 in
    steps of 0,50) in a card 150 px high. 3,3-6,5 in whole numbers: 4,0, 5,0 and 6,0."""
    years = range(2017, 2021)
    series = pd.DataFrame(
        {
            "school_year": [f"{y}-{y + 1}" for y in years],
            "school_year_start": list(years),
            "value": [3.3, 3.4, 5.2, 6.5],
            "status": ["definitief"] * 4,
        }
    )
    parts = charts.sparkline_parts(series, unit="per 1.000", decimals=1)
    root = ET.fromstring(figure_svg(parts, 320, 150))
    values = [t.text for t in root.iterfind(".//s:text", NS) if t.text and "-" not in t.text]
    assert values == ["4,0", "5,0", "6,0"]
