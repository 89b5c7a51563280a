"""Regioprofiel's parts below the trends, built once per selection and warehouse: a
gemeente's verwacht-versus-werkelijk table and its funnel of ratios, an RMC-regio's table and
map of its gemeenten, and the region picker's labels.

Before, the page built these on every run, so every rerun drew the funnel of about 340
gemeenten or the members map as SVG again (the SVG is kept per figure object, and a figure
made anew each run is a new object). The results are shared read-only between sessions and
reruns (the SVG writer only reads a figure; st.dataframe serialises a copy).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import (
    charts,
    charts_profile,
    expected_display,
    markup,
    queries,
    queries_explore,
    queries_structure,
)
from dashboard import explore_tables as tables
from dashboard.texts import regioprofiel as text


@dataclass(frozen=True)
class ProfileChart:
    """A chart of Regioprofiel with its text alternative and its data table."""

    figure: go.Figure
    alt_text: str
    table: pd.DataFrame


@dataclass(frozen=True)
class ExpectedTable:
    """A gemeente's verwacht versus werkelijk: the display table and the indicators in it.

    Attributes:
        table: One row per indicator (`expected_display.expected_table`).
        labels: indicator_key -> label, in the table's order (the funnel's choices).
    """

    table: pd.DataFrame
    labels: dict[str, str]


@st.cache_resource(max_entries=8, show_spinner=False)
def _region_options(warehouse: queries.Warehouse) -> dict[str, str]:
    return tables.region_options(queries.all_regions(), ["rmc", "gemeente"])


def region_options() -> dict[str, str]:
    """The regions a profile can be made of: code -> label, RMC-regio's first, then
    gemeenten, each alphabetical (`Veenkoloniën (RMC-regio)`)."""
    return _region_options(queries.warehouse_id())


@st.cache_resource(max_entries=64, show_spinner=False)
def _expected_table(
    region_code: str, school_year: str, warehouse: queries.Warehouse
) -> ExpectedTable | None:
    expected = queries_structure.expected_region(region_code, school_year)
    if expected.empty:
        return None
    return ExpectedTable(
        table=expected_display.expected_table(expected),
        labels=dict(zip(expected["indicator_key"], expected["label"], strict=True)),
    )


def expected_table(region_code: str, school_year: str) -> ExpectedTable | None:
    """A gemeente's verwacht versus werkelijk in `school_year` (None when it has no row)."""
    return _expected_table(region_code, school_year, queries.warehouse_id())


@st.cache_resource(max_entries=64, show_spinner=False)
def _expected_funnel(
    region_code: str,
    indicator_key: str,
    label: str,
    region_name: str,
    school_year: str,
    warehouse: queries.Warehouse,
) -> ProfileChart:
    values, limits = expected_display.ratio_funnel(
        queries_structure.expected_funnel(indicator_key, school_year), region_code
    )
    return ProfileChart(
        figure=charts.funnel_plot(
            markup.plotly_names(values),
            limits,
            unit="",
            decimals=2,
            value_label=text.RATIO_LABEL,
            denominator_label=text.RATIO_DENOMINATOR,
            centre_label=text.RATIO_CENTRE,
            size_word=text.RATIO_SIZE_WORD,
        ),
        alt_text=expected_display.ratio_funnel_alt(values, label, region_name),
        table=expected_display.ratio_funnel_table(values),
    )


def expected_funnel(
    region_code: str, indicator_key: str, label: str, region_name: str, school_year: str
) -> ProfileChart:
    """The funnel of observed/expected ratios of every gemeente for one indicator, with
    `region_code` highlighted (`label`: the indicator's name in the text alternative)."""
    return _expected_funnel(
        region_code, indicator_key, label, region_name, school_year, queries.warehouse_id()
    )


@st.cache_resource(max_entries=64, show_spinner=False)
def _members(
    rmc_code: str, indicator_key: str, school_year: str, warehouse: queries.Warehouse
) -> ProfileChart:
    indicator = tables.indicator_map(queries.indicators())[indicator_key]
    members = queries_explore.profile_members(rmc_code, indicator_key, school_year)
    year_label = tables.year_labels(queries_explore.export_years())[school_year]
    return ProfileChart(
        figure=charts_profile.members_map(
            markup.plotly_names(members), indicator, queries.region_geojson("gemeente")
        ),
        alt_text=tables.members_alt_text(members, indicator, year_label),
        table=tables.members_table(members, indicator, [str(v) for v in members["funnel_class"]]),
    )


def members(rmc_code: str, indicator_key: str, school_year: str) -> ProfileChart:
    """The gemeenten of an RMC-regio in one indicator and school year: their map, its text
    alternative and their table."""
    return _members(rmc_code, indicator_key, school_year, queries.warehouse_id())
