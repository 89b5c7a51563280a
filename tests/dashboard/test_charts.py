"""Chart functions return the expected traces and marks (pure: no Streamlit, no warehouse)."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts
from stats import funnel
from tests.conftest_helpers import assert_valid_figure, many_region_ranking, three_region_ranking


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
    # "geen cijfer" is outlined dark, not only a grey the scale could be mistaken for
    assert traces[1].marker.line.color == charts.MUTED and traces[1].marker.line.width > 1
    # opaque fills; every region, with or without a figure, is named on hover
    assert all(t.marker.opacity in (None, 1) for t in traces)
    assert list(traces[1].text) == ["Cc"] and "%{text}" in traces[1].hovertemplate


def test_choropleth_writes_region_names_inside_their_shapes() -> None:
    """RMC-regio's and provincies get their names on the map, at a point inside each shape
    (an L-shaped region's centroid lies outside it)."""
    l_shape = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [0, 3], [1, 3], [1, 1], [3, 1], [3, 0], [0, 0]]],
    }
    geojson = _geojson()
    geojson["features"][0]["geometry"] = l_shape
    fig = charts.choropleth(_values(), geojson, unit="%", decimals=1, show_names=True)
    assert_valid_figure(fig)
    names = fig.data[-1]
    assert isinstance(names, go.Scattergeo) and names.mode == "text"
    assert list(names.text) == ["Aa", "Bb", "Cc"]  # the set, with or without a figure
    lon, lat = names.lon[0], names.lat[0]
    # inside the L: x in [0, 1] and y in [0, 3], or x in [0, 3] and y in [0, 1]
    assert (0 <= lon <= 1 and 0 <= lat <= 3) or (0 <= lon <= 3 and 0 <= lat <= 1)
    assert not (lon > 1 and lat > 1)
    assert 1 <= names.lon[1] <= 2 and 0 <= names.lat[1] <= 1  # the square GM02
    assert not any(
        isinstance(t, go.Scattergeo)
        for t in charts.choropleth(_values(), geojson, unit="%", decimals=1).data
    )


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
    assert any("Nederland: 2,4%" in a.text for a in fig.layout.annotations)


def test_ranking_bar_labels_fit_and_hide_the_national_line() -> None:
    """The longest bar's label ("18,99 per 1" was cut off at the right edge) fits inside the
    value axis even in a 300 px narrow plot, and every label sits on a white box (annotations
    are drawn above shapes, so the dashed Nederland line does not run through the text)."""
    fig = three_region_ranking()
    assert_valid_figure(fig)
    low, high = fig.layout.xaxis.range
    labels = {a.text: a for a in fig.layout.annotations if a.xref == "x"}
    assert set(labels) == {"18,99", "12,35", "4,20"}  # by hand, Dutch decimal comma
    plot_px = 300
    for text, label in labels.items():
        width_px = label.xshift + len(text) * 0.6 * 14 + 2 * label.borderpad
        assert label.x + width_px * (high - low) / plot_px <= high, text
        assert label.bgcolor == "white" and label.xanchor == "left"
    assert fig.data[0].text is None  # no bar text outside the plot area to be clipped
    assert low <= fig.layout.shapes[0].x0 <= high


def test_ranking_bar_with_many_regions_labels_only_the_focus() -> None:
    fig = many_region_ranking()
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


def test_funnel_axes_follow_the_data_at_rmc_level() -> None:
    """RMC-regio's: denominators 9.000-38.000 (less than one decade) and values around 2%.
    The y axis used to start at 0 (half the plot empty) and the x axis had two ticks."""
    values = pd.DataFrame(
        {
            "region_name": [f"RMC {i}" for i in range(6)],
            "value": [1.6, 1.9, 2.1, 2.3, 2.6, 2.0],
            "denominator": [9000.0, 12000.0, 16000.0, 21000.0, 30000.0, 38000.0],
            "numerator": [144.0, 228.0, 336.0, 483.0, 780.0, 760.0],
            "is_focus": [False] * 6,
            "classification": [funnel.WITHIN] * 6,
        }
    )
    fit = funnel.FunnelFit("binomial", 100, 0.021, 1.0, 0.0, 6)
    limits = fit.limits(funnel.funnel_grid(values["denominator"]))
    fig = charts.funnel_plot(
        values, limits, unit="%", decimals=1, value_label="vsv", denominator_label="leerlingen"
    )
    assert_valid_figure(fig)
    x = fig.layout.xaxis
    assert len(x.tickvals) >= 4
    low, high = 10 ** x.range[0], 10 ** x.range[1]
    assert low <= 9000 and high >= 38000
    assert all(low <= t <= high for t in x.tickvals)
    assert "10.000" in x.ticktext  # Dutch thousands separator
    y0, y1 = fig.layout.yaxis.range
    # every point and every drawn limit inside the shown denominators is on the plot
    shown = limits[(limits["denominator"] >= low) & (limits["denominator"] <= high)]
    assert y0 <= min(values["value"].min(), shown["lower_998"].min())
    assert y1 >= max(values["value"].max(), shown["upper_998"].max())
    # not starting at 0: a binomial 99,8% limit at n = 9.000 around 2,1% lies above 1,6%
    # (2,1 - 3,09 * sqrt(2,1 * 97,9 / 9.000) = 1,63), so the axis starts above 1%
    assert y0 > 1.0
