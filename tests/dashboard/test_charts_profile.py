"""Regioprofiel charts: the traces drawn match the query rows (bands, lines, breaks, voorlopig)."""

from __future__ import annotations

import math
import re

import pandas as pd

from dashboard import charts, charts_profile
from reports.svg import map_svg
from tests.conftest_helpers import assert_valid_figure, square_geojson

INDICATOR = {
    "indicator_key": "vsv_pct",
    "label": "Voortijdig schoolverlaters (vsv)",
    "short_label": "vsv",
    "unit": "%",
    "decimals": 1,
    "trend_breaks": ["2019-2020"],
}


def series() -> pd.DataFrame:
    """Four school years of one region; 2018-2019 has no figure; the newest is voorlopig."""
    return pd.DataFrame(
        {
            "indicator_key": ["vsv_pct"] * 4 + ["other"],
            "school_year": ["2017-2018", "2018-2019", "2019-2020", "2020-2021", "2020-2021"],
            "school_year_start": [2017, 2018, 2019, 2020, 2020],
            "value": [3.0, None, 3.5, 3.8, 99.0],
            "ci_lower": [2.8, None, 3.3, 3.5, 98.0],
            "ci_upper": [3.2, None, 3.7, 4.1, 100.0],
            "status": ["definitief", "definitief", "definitief", "voorlopig", "voorlopig"],
            "nl_value": [2.7, None, 3.2, 3.3, 50.0],
            "nl_ci_lower": [2.6, None, 3.1, 3.2, 49.0],
            "nl_ci_upper": [2.8, None, 3.3, 3.4, 51.0],
        }
    )


def test_trend_draws_country_and_region_with_bands_split_at_missing_year() -> None:
    fig = charts_profile.indicator_trend(series(), INDICATOR, "Veenkoloniën")
    assert_valid_figure(fig)
    names = [trace.name for trace in fig.data]
    assert names == ["95%-interval NL", "Nederland", "95%-interval regio", "Veenkoloniën"]
    region = fig.data[3]
    assert list(region.x) == [2017, 2018, 2019, 2020]
    values = list(region.y)
    assert values[0] == 3.0 and math.isnan(values[1]) and values[3] == 3.8
    band = fig.data[2]
    # Two runs (2017 alone, 2019-2020) separated by None: no bridge over 2018-2019.
    assert list(band.x) == [2017.0, 2017.0, None, 2019.0, 2020.0, 2020.0, 2019.0, None]
    assert list(band.y) == [3.2, 2.8, None, 3.7, 4.1, 3.5, 3.3, None]
    assert fig.data[1].line.dash == "dash"


def test_trend_marks_voorlopig_and_the_trend_break() -> None:
    fig = charts_profile.indicator_trend(series(), INDICATOR, "Veenkoloniën")
    assert list(fig.data[3].marker.symbol) == ["circle", "circle", "circle", "circle-open"]
    assert list(fig.layout.xaxis.ticktext)[-1] == "2020-2021*"
    assert list(fig.layout.xaxis.ticktext)[0] == "2017-2018"
    lines = [shape for shape in fig.layout.shapes if shape.type == "line"]
    assert [shape.x0 for shape in lines] == [2018.5]
    assert any(a.text == "trendbreuk" for a in fig.layout.annotations)
    assert fig.layout.separators == ",."


def test_members_map_splits_known_and_suppressed_gemeenten() -> None:
    square = {
        "type": "Polygon",
        "coordinates": [[[5, 52], [5, 52.1], [5.1, 52.1], [5.1, 52], [5, 52]]],
    }
    members = pd.DataFrame(
        {
            "region_code": ["GM0001", "GM0002", "GM0003"],
            "region_name": ["Aa", "Bb", "Cc"],
            "value": [2.5, None, 3.5],
        }
    )
    codes = ["GM0001", "GM0002", "GM0003", "GM0099"]  # GM0099 lies outside the RMC-regio
    geojson = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": c, "geometry": square} for c in codes],
    }
    fig = charts_profile.members_map(members, INDICATOR, geojson)
    assert_valid_figure(fig)
    assert [trace.type for trace in fig.data] == ["choropleth", "choropleth"]
    assert list(fig.data[0].locations) == ["GM0001", "GM0003"]
    assert list(fig.data[0].z) == [2.5, 3.5]
    assert list(fig.data[1].locations) == ["GM0002"]
    assert fig.data[1].showscale is False
    ids = [feature["id"] for feature in fig.data[0].geojson["features"]]
    assert ids == ["GM0001", "GM0002", "GM0003"]
    assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False
    # opaque fills, names on hover, "geen cijfer" outlined dark (not only a lighter grey)
    assert all(trace.marker.opacity in (None, 1) for trace in fig.data)
    assert list(fig.data[1].text) == ["Bb"] and "%{text}" in fig.data[1].hovertemplate
    assert "geen cijfer" in fig.data[1].hovertemplate
    assert fig.data[1].marker.line.color == charts.NO_DATA_OUTLINE


def test_rotated_first_school_year_fits_inside_the_left_margin() -> None:
    """The first rotated label ("2017-2018") hangs left of its tick; the margin must hold it
    (it lost its first character when the margin was 10 px)."""
    fig = charts_profile.indicator_trend(series(), INDICATOR, "Veenkoloniën")
    first = list(fig.layout.xaxis.ticktext)[0]
    angle = math.radians(abs(fig.layout.xaxis.tickangle))
    # width estimate: 0.6 em per glyph at the tick font size (a generous sans-serif average)
    overhang = len(first) * 0.6 * fig.layout.xaxis.tickfont.size * math.cos(angle)
    assert fig.layout.margin.l >= overhang, (first, overhang, fig.layout.margin.l)


def test_members_map_colour_bar_keeps_the_indicators_decimals() -> None:
    """The bar read "2,5" above "2" for a 1-decimal indicator: every tick has its decimals,
    on screen (plotly's tickformat) and in the report (reports.svg draws the same figure)."""
    members = pd.DataFrame(
        {"region_code": ["GM0001", "GM0002"], "region_name": ["Aa", "Bb"], "value": [1.2, 4.1]}
    )
    geojson = square_geojson(["GM0001", "GM0002"])
    fig = charts_profile.members_map(members, {**INDICATOR, "decimals": 1}, geojson)
    assert fig.data[0].colorbar.tickformat == ",.1f"
    svg = map_svg(fig, 300, 200)
    # whole-number steps between 1,2 and 4,1: without the indicator's decimals they read 2, 3, 4
    labels = re.findall(r">(\d+(?:,\d+)?)</text>", svg)
    assert len(labels) >= 2 and all(re.fullmatch(r"\d+,\d", label) for label in labels), labels
