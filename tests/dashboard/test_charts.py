"""Chart functions return the expected traces and marks (pure: no Streamlit, no warehouse)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from stats import funnel
from tests.conftest_helpers import assert_valid_figure


def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x, y + 1], [x + 1, y + 1], [x + 1, y], [x, y]]  # clockwise
    return {"type": "Polygon", "coordinates": [ring]}


def _values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["GM01", "GM02", "GM03", "GM04"],
            "region_name": ["Aa", "Bb", "Cc", "Dd"],
            "value": [2.0, 3.5, None, 1.0],
            "denominator": [1000.0, 5000.0, 40.0, 800.0],
            "numerator": [20.0, 175.0, None, 8.0],
            "is_suppressed": [False, False, True, False],
            "in_set": [True, True, True, False],
            "is_focus": [False, True, False, False],
            "classification": [
                funnel.WITHIN,
                funnel.ABOVE_998,
                funnel.NOT_ASSESSED,
                funnel.NOT_ASSESSED,
            ],
            "rank": pd.array([2, 1, None, None], dtype="Int64"),
        }
    )


def _geojson() -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {}, "geometry": _square(i, 0)}
            for i, code in enumerate(["GM01", "GM02", "GM03", "GM04"])
        ],
    }


def test_choropleth_colours_the_set_greys_missing_and_outlines_the_focus() -> None:
    fig = charts.choropleth(_values(), _geojson(), unit="%", decimals=1)
    assert_valid_figure(fig)
    traces = fig.data
    assert all(isinstance(t, go.Choropleth) for t in traces)
    assert list(traces[0].locations) == ["GM01", "GM02"]
    assert list(traces[0].customdata) == ["2,0%", "3,5%"]
    assert list(traces[1].locations) == ["GM03"]  # no figure
    assert "GM04" not in {loc for t in traces for loc in t.locations}  # outside the set
    outline = traces[-1]
    assert list(outline.locations) == ["GM02"] and outline.marker.line.width >= 2
    assert fig.layout.geo.visible is False and fig.layout.geo.fitbounds == "locations"
    # each trace carries only its own shapes
    assert [f["id"] for f in traces[0].geojson["features"]] == ["GM01", "GM02"]
    assert fig.layout.separators == ",."


def test_ranking_bar_highlights_focus_and_draws_the_country() -> None:
    values = _values()[_values()["in_set"]]
    fig = charts.ranking_bar(values, unit="%", decimals=1, national_value=2.4, value_label="vsv")
    assert_valid_figure(fig)
    (bar,) = fig.data
    assert bar.orientation == "h"
    assert list(bar.x) == [3.5, 2.0]  # suppressed region left out, highest first
    assert list(bar.marker.color) == [charts.VERMILLION, charts.BLUE]
    assert list(bar.marker.pattern.shape) == ["/", ""]
    assert fig.layout.shapes[0].x0 == 2.4
    assert "Nederland: 2,4%" in fig.layout.annotations[0].text


def test_ranking_bar_with_many_regions_labels_only_the_focus() -> None:
    many = pd.DataFrame(
        {
            "region_name": [f"R{i}" for i in range(60)],
            "value": [float(i) for i in range(60)],
            "is_focus": [i == 10 for i in range(60)],
        }
    )
    fig = charts.ranking_bar(many, unit="%", decimals=1, national_value=30.0, value_label="x")
    assert_valid_figure(fig)
    assert fig.data[0].orientation != "h"
    assert any(a.text == "<b>R10</b>" for a in fig.layout.annotations)


def test_funnel_plot_has_centre_limits_and_points() -> None:
    values = _values()[_values()["in_set"]]
    fit = funnel.FunnelFit("binomial", 100, 0.024, 1.0, 0.0, 2)
    limits = fit.limits(funnel.funnel_grid(values["denominator"]))
    fig = charts.funnel_plot(
        values, limits, unit="%", decimals=1, value_label="vsv", denominator_label="leerlingen"
    )
    assert_valid_figure(fig)
    names = [t.name for t in fig.data]
    assert names[:3] == ["Nederland (2,4%)", "95%-grenzen", "99,8%-grenzen"]
    focus = fig.data[-1]
    assert list(focus.x) == [5000.0] and focus.marker.symbol == "diamond"
    # other regions: one trace per verdict with its own colour, shape and Dutch legend name;
    # the suppressed one is left out
    assert fig.data[-2].name == "binnen de grenzen" and list(fig.data[-2].x) == [1000.0]
    assert fig.data[-2].marker.symbol == "circle"
    assert fig.layout.xaxis.type == "log"
    assert "Bb" in json.dumps(focus.customdata.tolist())


def test_sparkline_marks_voorlopig_and_trend_breaks() -> None:
    series = pd.DataFrame(
        {
            "school_year": ["2018-2019", "2019-2020", "2020-2021"],
            "school_year_start": [2018, 2019, 2020],
            "value": [2.0, 2.2, 2.1],
            "status": ["definitief", "definitief", "voorlopig"],
        }
    )
    fig = charts.sparkline(series, unit="%", decimals=1, trend_breaks=["2019-2020"])
    assert_valid_figure(fig)
    (line,) = fig.data
    assert list(line.marker.color) == [charts.BLUE, charts.BLUE, "white"]
    assert [s.x0 for s in fig.layout.shapes] == [2018.5]
    assert fig.layout.shapes[0].line.dash == "dash"
    assert line.customdata[-1][0] == "2020-2021*"
    with_region = charts.sparkline(
        series, unit="%", decimals=1, region_series=series, region_name="Aa"
    )
    assert_valid_figure(with_region)
    assert [t.name for t in with_region.data] == ["Nederland", "Aa"]
