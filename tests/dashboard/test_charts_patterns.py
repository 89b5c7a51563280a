"""Patronen charts and the line fit: expected traces and numbers from small known inputs."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from dashboard import charts_patterns
from dashboard import explore_tables as tables
from tests.conftest_helpers import assert_valid_figure

X_IND = {"label": "Voortijdig schoolverlaters", "short_label": "vsv", "unit": "%", "decimals": 1}
Y_IND = {
    "label": "Thuiszitters per 1.000",
    "short_label": "thuiszitters",
    "unit": "per 1.000",
    "decimals": 1,
}


def pairs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": ["A", "B", "C", "D", "E"],
            "region_name": ["Aa", "Bb", "Cc", "Dd", "Ee"],
            "provincie_name": ["Noord", "Noord", "Zuid", "Zuid", "Zuid"],
            "x_value": [1.0, 2.0, 3.0, 4.0, None],
            "y_value": [2.0, 4.1, 5.9, 8.0, 7.0],
            "y_denominator": [100, 400, 100, 400, 50],
        }
    )


def test_fit_line_is_weighted_least_squares_and_pearson_r() -> None:
    data = pairs()
    fit = charts_patterns.fit_line(data)
    assert fit is not None and fit.n == 4
    usable = data.dropna(subset=["x_value"])
    w = usable["y_denominator"].to_numpy(float)
    slope, intercept = np.polyfit(usable["x_value"], usable["y_value"], 1, w=np.sqrt(w))
    assert fit.slope == pytest.approx(slope)
    assert fit.intercept == pytest.approx(intercept)
    cov = np.cov(usable["x_value"], usable["y_value"], aweights=w)
    assert fit.r == pytest.approx(cov[0, 1] / math.sqrt(cov[0, 0] * cov[1, 1]))
    assert fit.r_lower < fit.r < fit.r_upper <= 1


def test_sentence_and_line_agree_when_weights_flip_the_direction() -> None:
    """Unweighted, these four regions fall (r < 0); the two big ones rise, and so does the
    weighted line. The sentence used to say "negatief" under a rising line."""
    data = pd.DataFrame(
        {
            "region_code": ["A", "B", "C", "D"],
            "region_name": ["Aa", "Bb", "Cc", "Dd"],
            "provincie_name": ["Noord"] * 4,
            "x_value": [1.0, 2.0, 3.0, 4.0],
            "y_value": [9.0, 2.0, 3.0, 1.0],
            "y_denominator": [10, 1000, 1000, 10],
        }
    )
    assert np.corrcoef(data["x_value"], data["y_value"])[0, 1] < 0  # by hand: falls
    fit = charts_patterns.fit_line(data)
    assert fit is not None and fit.slope > 0 and fit.r > 0
    line = charts_patterns.scatter(data, X_IND, Y_IND, fit).data[-1]
    assert line.y[1] > line.y[0]
    sentence = tables.scatter_sentence(fit, X_IND, Y_IND, 0)
    assert "positief" in sentence and "negatief" not in sentence


def test_fit_line_needs_three_regions_and_varying_x() -> None:
    assert charts_patterns.fit_line(pairs().head(2)) is None
    flat = pairs().assign(x_value=2.0)
    assert charts_patterns.fit_line(flat) is None


def test_fisher_interval_matches_the_textbook_formula() -> None:
    fit = charts_patterns.fit_line(pairs())
    assert fit is not None
    half = 1.959963984540054 / math.sqrt(fit.n - 3)
    assert fit.r_upper == pytest.approx(math.tanh(math.atanh(fit.r) + half))


def test_scatter_has_one_trace_per_provincie_and_the_fitted_line() -> None:
    data = pairs()
    fit = charts_patterns.fit_line(data)
    fig = charts_patterns.scatter(data, X_IND, Y_IND, fit)
    assert_valid_figure(fig)
    assert [t.name for t in fig.data] == ["Noord", "Zuid", "lijn (gewogen kleinste kwadraten)"]
    assert list(fig.data[0].x) == [1.0, 2.0]
    assert list(fig.data[1].x) == [3.0, 4.0]  # Ee has no x value and is left out
    assert list(fig.data[0].marker.size) == [100, 400]
    assert fig.data[0].marker.color != fig.data[1].marker.color
    assert fig.data[0].marker.symbol != fig.data[1].marker.symbol
    assert fit is not None
    line = fig.data[2]
    assert list(line.x) == [1.0, 4.0]
    assert line.y[1] == pytest.approx(fit.intercept + 4 * fit.slope)


PROVINCIES = [
    "Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg",
    "Noord-Brabant", "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland",
]  # fmt: skip


def test_twelve_provincies_never_share_both_colour_and_symbol() -> None:
    """Drenthe and Noord-Holland (1st and 8th) were both blue circles: colour and symbol
    cycled in step with seven of each."""
    data = pd.DataFrame(
        {
            "region_code": [f"G{i}" for i in range(12)],
            "region_name": [f"Gemeente {i}" for i in range(12)],
            "provincie_name": PROVINCIES,
            "x_value": np.arange(12, dtype=float),
            "y_value": np.arange(12, dtype=float) + 1,
            "y_denominator": [100] * 12,
        }
    )
    fig = charts_patterns.scatter(data, X_IND, Y_IND, None)
    markers = {t.name: (t.marker.color, t.marker.symbol) for t in fig.data}
    assert sorted(markers) == sorted(PROVINCIES)
    assert len(set(markers.values())) == 12
    assert markers["Drenthe"] != markers["Noord-Holland"]


def test_heatmap_orders_years_marks_voorlopig_and_sorts_by_newest_value() -> None:
    values = pd.DataFrame(
        {
            "region_name": ["Aa", "Aa", "Bb", "Bb", "Cc", "Cc"],
            "school_year": ["2022-2023", "2023-2024"] * 3,
            "school_year_start": [2022, 2023] * 3,
            "value": [1.0, 2.0, 3.0, 5.0, 4.0, None],
            "status": ["definitief", "voorlopig"] * 3,
        }
    )
    fig = charts_patterns.heatmap(values, X_IND)
    assert_valid_figure(fig)
    heat = fig.data[0]
    assert list(heat.x) == ["2022-2023", "2023-2024*"]
    assert list(heat.y) == ["Bb", "Aa", "Cc"]
    z = np.asarray(heat.z, dtype=float)
    assert z[0].tolist() == [3.0, 5.0]
    assert z[2][0] == 4.0 and math.isnan(z[2][1])


def test_heatmap_colour_bar_has_the_decimals_and_stays_short_on_a_tall_heatmap() -> None:
    """With 340 gemeenten the heatmap is 8,000 px tall and its colour bar was as long, with
    ticks "8" and "7" thousands of pixels apart: a tall heatmap's bar is 320 px at the top."""

    def values(regions: int) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "region_name": [f"Gemeente {i}" for i in range(regions)],
                "school_year": ["2023-2024"] * regions,
                "school_year_start": [2023] * regions,
                "value": np.linspace(1.0, 3.0, regions),
                "status": ["definitief"] * regions,
            }
        )

    tall = charts_patterns.heatmap(values(340), X_IND)
    bar = tall.data[0].colorbar
    assert tall.layout.height == 24 * 340 + 110
    assert (bar.lenmode, bar.len, bar.y, bar.yanchor) == ("pixels", 320, 1, "top")
    assert bar.tickformat == ",.1f"
    short = charts_patterns.heatmap(values(5), X_IND).data[0].colorbar
    assert short.lenmode is None and short.tickformat == ",.1f"


def test_slope_chart_splits_rises_and_falls_with_intervals_and_labels() -> None:
    changes = pd.DataFrame(
        {
            "region_name": ["Aa", "St. Bb"],
            "value_from": [2.0, 5.0],
            "ci_lower_from": [1.5, 4.5],
            "ci_upper_from": [2.5, 5.5],
            "value_to": [3.0, 4.0],
            "ci_lower_to": [2.6, 3.7],
            "ci_upper_to": [3.5, 4.4],
            "change": [1.0, -1.0],
        }
    )
    fig = charts_patterns.slope_chart(changes, X_IND, "2016-2017", "2023-2024")
    assert_valid_figure(fig)
    names = ["gestegen", "gestegen", "gedaald of gelijk", "gedaald of gelijk"]
    assert [t.name for t in fig.data] == names
    rise_markers = fig.data[1]
    assert list(rise_markers.y) == [2.0, 3.0]
    assert list(rise_markers.error_y.array) == pytest.approx([0.5, 0.5])
    assert list(rise_markers.error_y.arrayminus) == pytest.approx([0.5, 0.4])
    assert fig.data[2].line.dash == "dash"
    assert sorted(a.text for a in fig.layout.annotations) == ["Aa (+1,0)", "St. Bb (-1,0)"]
    assert list(fig.layout.xaxis.ticktext) == ["2016-2017", "2023-2024"]


def test_spread_positions_keeps_order_and_min_gap() -> None:
    placed = charts_patterns.spread_positions([1.0, 1.01, 5.0, 1.02], 0.5)
    order = sorted(range(4), key=lambda i: placed[i])
    assert order == [0, 1, 3, 2]
    gaps = np.diff(sorted(placed))
    assert (gaps >= 0.5 - 1e-9).all()


def test_scatter_sentence_names_the_level_and_agrees_in_number() -> None:
    fit = charts_patterns.fit_line(pairs())
    x = {**X_IND, "short_label": "vsv %"}
    text = tables.scatter_sentence(fit, x, Y_IND, 1, "gemeente")
    assert "n = 4 gemeenten" in text and "regio" not in text
    assert "Tussen vsv-percentage en thuiszitters" in text
    assert text.endswith("1 gemeente zonder beide cijfers is weggelaten.")
    assert tables.scatter_sentence(fit, X_IND, Y_IND, 6, "rmc").endswith(
        "6 RMC-regio's zonder beide cijfers zijn weggelaten."
    )
