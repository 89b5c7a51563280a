"""The display functions with a gemeente without opgave (flag no_submission) and an estimated
total (is_estimate, its response): `geen opgave` never reads as 0, `x`, `<5` or a privacy
reason, an estimate carries `geschat; respons N van M gemeenten (x %)` and gets no verdict.
Expected texts are written out by hand (4 of 6 = 66,7 -> 67 %; 8 of 9 = 88,9 -> 89 %)."""

from __future__ import annotations

import pandas as pd

from dashboard import charts, charts_patterns, formatting, narrative
from dashboard import explore_tables as tables
from reports import content
from stats import funnel
from tests.conftest_helpers import assert_valid_figure

FOUR_OF_SIX = "geschat; respons 4 van 6 gemeenten (67 %)"
EIGHT_OF_NINE = "geschat; respons 8 van 9 gemeenten (89 %)"
INDICATOR = {
    "indicator_key": "absoluut_verzuim_per_1000",
    "label": "Absoluut verzuim",
    "short_label": "absoluut verzuim",
    "unit": "per 1.000",
    "decimals": 1,
    "trend_breaks": None,
    "model": "poisson",
    "multiplier": 1000.0,
}


def _rows() -> pd.DataFrame:
    """Three RMC-regio's of one year: complete, estimated (4 of 6), without any opgave."""
    return pd.DataFrame(
        {
            "rank": pd.array([2, 1, None], dtype="Int64"),
            "region_code": ["MC01", "MC02", "MC03"],
            "region_name": ["Aa", "Bb", "Cc"],
            "is_focus": [False, True, False],
            "in_set": [True, True, True],
            "value": [4.2, 7.94, None],
            "numerator": [84.0, 579.0, None],
            "denominator": [20000.0, 72900.0, 16000.0],
            "ci_lower": [3.3, None, None],
            "ci_upper": [5.2, None, None],
            "flag": ["", "", "no_submission"],
            "is_estimate": [False, True, False],
            "gemeenten_responding": [5, 4, 0],
            "gemeenten_total": [5, 6, 6],
            "diff_with_centre": [-0.4, 3.34, None],
            "classification": [funnel.WITHIN, funnel.NOT_ASSESSED, funnel.NOT_ASSESSED],
        }
    )


def test_with_response_puts_the_response_beside_an_estimate_and_geen_opgave_for_none() -> None:
    rows = _rows().to_dict("records")
    assert formatting.with_response("4,2", rows[0]) == "4,2"
    assert formatting.with_response("7,9", rows[1]) == f"7,9 ({FOUR_OF_SIX})"
    assert formatting.with_response("–", rows[2]) == "geen opgave"
    hidden = {**rows[1], "flag": "secondary"}
    assert formatting.with_response("x", hidden) == "x"


def test_comparison_table_reads_geen_opgave_and_adds_the_response_of_an_estimate() -> None:
    table = formatting.comparison_display(_rows(), "per 1.000", 1).set_index("Regio")
    assert table.loc["Cc", "Waarde (per 1.000)"] == "geen opgave"
    assert table.loc["Cc", "Teller"] == "geen opgave"
    assert table.loc["Bb", "Waarde (per 1.000)"] == "7,9"
    assert table.loc["Bb", "Respons"] == FOUR_OF_SIX
    assert table.loc["Aa", "Respons"] == ""
    # the response stands right beside the value
    columns = list(table.columns)
    assert columns[columns.index("Waarde (per 1.000)") + 1] == "Respons"
    # without an estimate the table has no response column ('geen opgave' is in the value)
    complete = formatting.comparison_display(_rows().iloc[[0, 2]], "per 1.000", 1)
    assert "Respons" not in complete.columns


def _series(estimate_year: str | None) -> pd.DataFrame:
    years = ["2022-2023", "2023-2024"]
    return pd.DataFrame(
        {
            "school_year": years,
            "school_year_start": [2022, 2023],
            "status": ["definitief", "voorlopig"],
            "value": [4.0, 4.7],
            "ci_lower": [3.8, None],
            "ci_upper": [4.2, None],
            "flag": ["", ""],
            "is_estimate": [y == estimate_year for y in years],
            "gemeenten_responding": [42, 41 if estimate_year else 42],
            "gemeenten_total": [42, 42],
        }
    )


def test_the_national_table_gets_a_response_column_only_with_an_estimate() -> None:
    table = formatting.series_display(_series("2023-2024"), "per 1.000", 1)
    assert list(table["Respons Nederland"]) == ["", "geschat; respons 41 van 42 gemeenten (98 %)"]
    assert "Respons Nederland" not in formatting.series_display(_series(None), "per 1.000", 1)


def test_a_region_year_without_opgave_reads_geen_opgave_in_the_card_table() -> None:
    national = _series(None)
    region = national.assign(
        value=[None, 6.5],
        flag=["no_submission", ""],
        is_estimate=[False, True],
        gemeenten_responding=[0, 8],
        gemeenten_total=[1, 9],
    )
    table = formatting.with_region_column(
        formatting.series_display(national, "per 1.000", 1), national, region, "Bb", "per 1.000", 1
    )
    assert list(table["Bb (per 1.000)"]) == ["geen opgave", "6,5"]
    assert list(table["Respons Bb"]) == ["geen opgave", EIGHT_OF_NINE]


def test_response_years_names_the_estimated_years_and_those_without_opgave() -> None:
    rows = pd.DataFrame(
        {
            "school_year": ["2021-2022", "2022-2023", "2023-2024"],
            "flag": ["", "no_submission", ""],
            "is_estimate": [True, False, True],
        }
    )
    assert formatting.response_years(rows, "Bb") == (
        "Bb geschat in 2021-2022 en 2023-2024; Bb geen opgave in 2022-2023"
    )
    assert formatting.response_years(rows.assign(is_estimate=False, flag=""), "Bb") == ""
    assert formatting.response_sentence(
        ["Nederland geschat in 2023-2024", "", "Bb geschat in 2023-2024"]
    ) == (
        "Nederland geschat in 2023-2024; Bb geschat in 2023-2024 (geschat: niet alle gemeenten "
        "gaven een cijfer op)"
    )
    assert formatting.response_sentence(["Bb geen opgave in 2022-2023"]) == (
        "Bb geen opgave in 2022-2023"
    )
    assert formatting.response_sentence(["", ""]) == ""


SENTENCE = dict(
    national_value=6.6,
    classification=funnel.NOT_ASSESSED,
    unit="per 1.000",
    decimals=1,
    higher_is_worse=True,
    school_year="2022-2023",
)


def test_a_gemeente_without_opgave_is_not_described_as_hidden_for_privacy() -> None:
    text = narrative.region_sentence(
        region_name="Brakveen",
        value=None,
        flag="no_submission",
        region_level="gemeente",
        **SENTENCE,
    )
    assert text == (
        "Voor Brakveen is er in 2022-2023 geen cijfer: geen opgave (de gemeente gaf geen "
        "cijfer op)."
    )
    rmc = narrative.region_sentence(
        region_name="Esgeest Zuid", value=None, flag="no_submission", region_level="rmc", **SENTENCE
    )
    assert rmc == (
        "Voor Esgeest Zuid is er in 2022-2023 geen cijfer: geen opgave (geen van de gemeenten "
        "gaf een cijfer op)."
    )


def test_an_estimate_gets_its_response_and_no_verdict() -> None:
    text = narrative.region_sentence(
        region_name="Wadmark Zuid",
        value=7.9,
        flag="",
        region_level="rmc",
        response=FOUR_OF_SIX,
        **SENTENCE,
    )
    assert text == (
        "Wadmark Zuid ligt met 7,9 per 1.000 boven het landelijke cijfer (6,6 per 1.000). Dit "
        "cijfer is geschat; respons 4 van 6 gemeenten (67 %): een schatting krijgt geen "
        "oordeel ten opzichte van Nederland."
    )


def test_set_summary_counts_estimates_apart_from_regions_without_a_figure() -> None:
    counts = funnel.count_classes([funnel.WITHIN, funnel.NOT_ASSESSED, funnel.NOT_ASSESSED])
    text = narrative.set_summary(
        counts,
        region_level="rmc",
        set_description="alle RMC-regio's",
        total=3,
        estimates=1,
        without_opgave=1,
    )
    assert text.endswith(
        " Voor 1 RMC-regio is er geen cijfer (bij 1 geen opgave). Voor 1 RMC-regio is het "
        "cijfer geschat (niet alle gemeenten gaven een cijfer op); een schatting krijgt geen "
        "oordeel."
    )


def test_text_alternatives_name_the_estimate_and_the_region_without_opgave() -> None:
    rows = _rows()
    alt = narrative.map_alt("alle RMC-regio's", "absoluut verzuim", "2022-2023", [], rows)
    assert "Grijs: geen cijfer (te klein aantal, of geen opgave). Geen opgave: Cc." in alt
    assert f"Bb: {FOUR_OF_SIX}." in alt
    funnel_text = narrative.funnel_alt(
        list(rows["classification"]), "alle RMC-regio's", None, "rmc", rows
    )
    assert funnel_text.endswith(
        f"Niet in de trechter, want een schatting krijgt geen oordeel. Bb: {FOUR_OF_SIX}."
    )
    assert "binnen de grenzen (rondje): 1" in funnel_text
    assert "De doorgetrokken lijn is Nederland. De gestreepte lijnen" in funnel_text
    national = narrative.funnel_alt(
        list(rows["classification"]),
        "alle RMC-regio's",
        None,
        "rmc",
        rows,
        "geschat; respons 41 van 42 gemeenten (98 %)",
    )
    assert (
        "De doorgetrokken lijn is Nederland, geschat; respons 41 van 42 gemeenten (98 %). De "
        "gestreepte lijnen" in national
    )


def test_funnel_leaves_the_estimate_out_and_the_ranking_labels_it() -> None:
    rows = _rows()
    limits = pd.DataFrame(
        {
            "denominator": [10000.0, 80000.0],
            "centre": [4.6, 4.6],
            "lower_95": [3.0, 4.1],
            "upper_95": [6.2, 5.1],
            "lower_998": [2.2, 3.8],
            "upper_998": [7.0, 5.4],
        }
    )
    fig = charts.funnel_plot(
        rows, limits, unit="per 1.000", decimals=1, value_label="v", denominator_label="n"
    )
    assert_valid_figure(fig)
    named = [
        row[0] for trace in fig.data if trace.customdata is not None for row in trace.customdata
    ]
    assert named == ["Aa"]
    assert fig.data[0].name == "Nederland (4,6 per 1.000)"
    estimated = charts.funnel_plot(
        rows,
        limits,
        unit="per 1.000",
        decimals=1,
        value_label="v",
        denominator_label="n",
        centre_response="geschat; respons 300 van 342 gemeenten (88 %)",
    )
    assert estimated.data[0].name == (
        "Nederland (4,6 per 1.000; geschat,<br>respons 300 van 342 gemeenten (88 %))"
    )
    bar = charts.ranking_bar(
        rows,
        unit="per 1.000",
        decimals=1,
        national_value=4.6,
        value_label="v",
        national_estimate=True,
    )
    assert_valid_figure(bar)
    assert [list(row) for row in bar.data[0].customdata] == [
        ["Bb", f"7,9 per 1.000<br>{FOUR_OF_SIX}"],
        ["Aa", "4,2 per 1.000"],
    ]
    labels = [a.text for a in bar.layout.annotations]
    assert labels == ["7,9 geschat", "4,2", "– – Nederland: 4,6 per 1.000 (geschat)"]


def test_map_hover_says_geen_opgave_and_the_estimate_response() -> None:
    square = {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.0], [5.0, 52.1], [5.1, 52.1], [5.1, 52.0], [5.0, 52.0]]],
    }
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {}, "geometry": square}
            for code in ("MC01", "MC02", "MC03")
        ],
    }
    fig = charts.choropleth(_rows(), geojson, unit="per 1.000", decimals=1)
    assert_valid_figure(fig)
    assert list(fig.data[0].customdata) == ["4,2 per 1.000", f"7,9 per 1.000<br>{FOUR_OF_SIX}"]
    assert list(fig.data[1].locations) == ["MC03"]
    assert list(fig.data[1].customdata) == ["geen opgave"]


def _heatmap_values() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_name": ["Aa", "Aa", "Bb", "Bb"],
            "school_year": ["2021-2022", "2022-2023"] * 2,
            "school_year_start": [2021, 2022] * 2,
            "value": [3.0, 4.21, None, 7.94],
            "status": ["definitief"] * 4,
            "flag": ["", "", "no_submission", ""],
            "is_estimate": [False, False, False, True],
            "gemeenten_responding": [5, 5, 0, 4],
            "gemeenten_total": [5, 5, 6, 6],
        }
    )


def test_heatmap_table_and_hover_read_geen_opgave_and_the_estimate_response() -> None:
    table = tables.heatmap_table(_heatmap_values(), INDICATOR).set_index("Regio")
    assert table.loc["Bb", "2021-2022"] == "geen opgave"
    assert table.loc["Bb", "2022-2023"] == f"7,9 ({FOUR_OF_SIX})"
    assert table.loc["Aa", "2022-2023"] == "4,2"
    fig = charts_patterns.heatmap(_heatmap_values(), INDICATOR)
    assert_valid_figure(fig)
    cells = dict(zip(fig.data[0].y, fig.data[0].customdata.tolist(), strict=True))
    assert cells["Bb"] == ["geen opgave", f"7,9 per 1.000 ({FOUR_OF_SIX})"]


def test_slope_chart_hover_says_which_point_is_an_estimate() -> None:
    changes = pd.DataFrame(
        {
            "region_name": ["Aa", "Bb"],
            "value_from": [3.0, 6.04],
            "ci_lower_from": [2.5, 5.5],
            "ci_upper_from": [3.5, 6.5],
            "is_estimate_from": [False, False],
            "gemeenten_responding_from": [5, 6],
            "gemeenten_total_from": [5, 6],
            "value_to": [4.21, 7.94],
            "ci_lower_to": [3.6, None],
            "ci_upper_to": [4.8, None],
            "is_estimate_to": [False, True],
            "gemeenten_responding_to": [5, 4],
            "gemeenten_total_to": [5, 6],
            "change": [1.21, 1.9],
        }
    ).sort_values("change", ascending=False)
    fig = charts_patterns.slope_chart(changes, INDICATOR, "2021-2022", "2022-2023")
    assert_valid_figure(fig)
    (points,) = [t for t in fig.data if t.mode == "markers"]
    assert [list(row) for row in points.customdata] == [
        ["Bb", "2021-2022", "6,0 per 1.000"],
        ["Aa", "2021-2022", "3,0 per 1.000"],
        ["Bb", "2022-2023", f"7,9 per 1.000 ({FOUR_OF_SIX})"],
        ["Aa", "2022-2023", "4,2 per 1.000"],
    ]
    assert "%{customdata[2]}" in points.hovertemplate


def test_heatmap_alt_counts_cells_without_opgave_apart_from_hidden_ones() -> None:
    hidden = pd.DataFrame(
        {
            "region_name": ["Cc", "Cc"],
            "school_year": ["2021-2022", "2022-2023"],
            "school_year_start": [2021, 2022],
            "value": [None, None],
            "status": ["definitief"] * 2,
            "flag": ["primary", "secondary"],
            "is_estimate": [False, True],
            "gemeenten_responding": [3, 2],
            "gemeenten_total": [3, 3],
        }
    )
    values = pd.concat([_heatmap_values(), hidden], ignore_index=True)
    alt = tables.heatmap_alt_text(values, INDICATOR, "rmc")
    assert alt.endswith(
        "In 2022-2023 is Bb het hoogst (7,9 per 1.000). Zonder cijfer: 1 cel zonder opgave "
        "(dat is geen 0) en 2 cellen verborgen (<5 of x). 1 cel is geschat (niet alle "
        "gemeenten gaven een cijfer op)."
    )
    complete = _heatmap_values().assign(flag="", is_estimate=False, value=[3.0, 4.21, 6.0, 7.94])
    assert tables.heatmap_alt_text(complete, INDICATOR, "rmc").endswith("(7,9 per 1.000).")


def test_profile_summary_gives_an_estimate_no_verdict_and_says_geen_opgave() -> None:
    series = pd.DataFrame(
        {
            "indicator_key": ["absoluut_verzuim_per_1000", "thuiszitters_per_1000"],
            "school_year": ["2022-2023"] * 2,
            "school_year_start": [2022] * 2,
            "status": ["definitief"] * 2,
            "value": [7.94, None],
            "numerator": [579.0, None],
            "denominator": [72900.0, 72900.0],
            "ci_lower": [None, None],
            "ci_upper": [None, None],
            "nl_value": [6.6, 6.6],
            "flag": ["", "no_submission"],
            "is_estimate": [True, False],
            "gemeenten_responding": [4, 0],
            "gemeenten_total": [6, 6],
        }
    )
    registry = pd.DataFrame(
        [
            INDICATOR,
            {**INDICATOR, "indicator_key": "thuiszitters_per_1000", "short_label": "thuiszitters"},
        ]
    )
    assert tables.profile_summary(series, registry, "Wadmark Zuid") == [
        f"Bij absoluut verzuim is het cijfer van Wadmark Zuid in 2022-2023 {FOUR_OF_SIX}: een "
        "schatting krijgt geen oordeel ten opzichte van Nederland.",
        "Voor thuiszitters is er in 2022-2023 geen opgave: Wadmark Zuid gaf geen cijfer.",
    ]


def test_report_marks_an_estimate_and_lists_its_response() -> None:
    rows = _rows().assign(school_year="2022-2023", school_year_start=2022)
    records = rows.to_dict("records")
    assert content._shown_value(records[0], 1) == "4,2"
    assert content._shown_value(records[1], 1) == "7,9 (geschat)"
    assert content._shown_value(records[2], 1) == "geen opgave"
    assert content.response_notes(rows.iloc[[1]], "Bb") == f"Bb 2022-2023: {FOUR_OF_SIX}."
    assert content.response_notes(rows.iloc[[0, 2]], "Aa") == ""
