"""reports.hover: a trace's hover text per point, as plotly would show it, in plain text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from dashboard import charts
from dashboard.markup import plotly_names
from reports.hover import hover_texts
from reports.svg import _Props, figure_svg, map_svg
from stats import funnel
from tests.conftest_helpers import square_geojson

NS = {"s": "http://www.w3.org/2000/svg"}


def test_placeholders_formats_tags_and_the_side_label() -> None:
    trace = _Props(
        {
            "x": [1200.0, 35.0],
            "y": [2.345, 0.5],
            "text": ["Aa &amp; Bb", "Cc"],
            "customdata": [["2,3%", "hoger"], ["0,5%", "lager"]],
            "hovertemplate": "<b>%{text}</b><br>%{customdata[0]} (n %{x:,.0f})"
            "<br>%{customdata[1]}, y %{y:.1f}<extra>groep</extra>",
        }
    )
    # by hand: Dutch separators, the <b> dropped, the entity decoded, <extra> left off
    assert hover_texts(trace, 2) == [
        "Aa & Bb\n2,3% (n 1.200)\nhoger, y 2,3",
        "Cc\n0,5% (n 35)\nlager, y 0,5",
    ]


def test_a_trace_without_hover_has_no_texts() -> None:
    assert hover_texts(_Props({"hoverinfo": "skip", "hovertemplate": "%{x}"}), 1) is None
    assert hover_texts(_Props({"x": [1]}), 1) is None


def test_a_hostile_name_is_text_in_the_tooltip() -> None:
    name = "<b>x</b> & <a href='https://evil.example'>klik</a>"
    values = pd.DataFrame(
        {
            "region_name": [name, "Bb"],
            "denominator": [1000, 4000],
            "numerator": [20, 120],
            "value": [2.0, 3.0],
            "classification": ["within", "above_95"],
            "is_focus": [False, False],
        }
    )
    fit = funnel.FunnelFit("binomial", 100, 0.025, 1.0, 0.0, 2)
    limits = fit.limits(funnel.funnel_grid(values["denominator"]))
    fig = charts.funnel_plot(
        plotly_names(values),
        limits,
        unit="%",
        decimals=1,
        value_label="vsv",
        denominator_label="leerlingen",
    )
    svg = figure_svg(fig, 600, 400, hover=True)
    root = ET.fromstring(svg)  # well-formed: the name did not open an element
    tips = [t.text or "" for t in root.iterfind(".//s:title", NS)]
    assert any(tip.startswith(name + "\n") for tip in tips), tips
    assert "<a " not in svg and "<b>" not in svg
    assert not root.findall(".//s:a", NS)


def test_map_regions_carry_their_hover_and_hatching_lets_the_pointer_through() -> None:
    geojson = square_geojson(["A", "B"])
    fig = charts.figure(
        [
            {
                "type": "choropleth",
                "geojson": geojson,
                "locations": np.array(["A"]),
                "z": np.array([2.5]),
                "text": np.array(["Aa"]),
                "colorscale": charts.MAP_COLOURSCALE,
                "hovertemplate": "%{text}<br>%{z:.1f}%<extra></extra>",
            },
            {
                "type": "choropleth",
                "geojson": geojson,
                "locations": np.array(["B"]),
                "z": np.array([0]),
                "text": np.array(["Bb"]),
                "colorscale": [[0, "#DDDDDD"], [1, "#DDDDDD"]],
                "showscale": False,
                "hovertemplate": "%{text}<br>geen cijfer<extra></extra>",
            },
        ],
        charts.base_layout(200, geo={"fitbounds": "locations", "projection": {"type": "mercator"}}),
    )
    root = ET.fromstring(map_svg(fig, 300, 200, hatched=(1,), hover=True))
    assert [t.text for t in root.iterfind(".//s:path/s:title", NS)] == [
        "Aa\n2,5%",
        "Bb\ngeen cijfer",
    ]
    hatches = [p for p in root.iterfind(".//s:path", NS) if p.get("fill") == "url(#hatch)"]
    assert len(hatches) == 1 and hatches[0].get("pointer-events") == "none"
    # without hover (the report) no tooltips
    assert not ET.fromstring(map_svg(fig, 300, 200, hatched=(1,))).findall(".//s:title", NS)


def test_a_comparison_map_outlines_its_focus_and_writes_names_inside_the_map() -> None:
    values = pd.DataFrame(
        {
            "region_code": ["A", "B"],
            "region_name": ["Aa", "Een heel lange regionaam"],
            "value": [2.0, 3.0],
            "is_suppressed": [False, False],
            "in_set": [True, True],
            "is_focus": [True, False],
        }
    )
    fig = charts.choropleth(
        values, square_geojson(["A", "B"]), unit="%", decimals=1, height=200, show_names=True
    )
    width = 300
    root = ET.fromstring(map_svg(fig, width, 200, hover=True))
    paths = root.findall(".//s:path", NS)
    # the focus outline traces (white halo, black line) have no fill, so the colour shows
    outlines = [p for p in paths if p.get("stroke") in ("white", "#000000") and p.get("fill")]
    assert any(p.get("fill") == "none" and p.get("stroke") == "#000000" for p in outlines)
    names = [t for t in root.iterfind(".//s:text", NS) if t.get("paint-order") == "stroke"]
    assert {t.text for t in names} <= {"Aa", "Een heel lange regionaam"} and names
    for name in names:  # centred, and moved in so the estimated text stays inside the map
        half = len(name.text or "") * 11 * 0.58 / 2
        assert half <= float(name.get("x", 0)) <= width - half
        assert name.get("pointer-events") == "none"
