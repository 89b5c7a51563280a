"""Named, cached queries for Regioprofiel, Patronen and Tabellen en export: parameters in,
DataFrame out. One function per `dashboard/sql/<name>.sql` file; columns as its header says.
The registry, regions, sources and build info come from the shared `dashboard.queries`.

Counts come only from the suppression view (`safe.indicator_values`), so suppressed values are
already NULL here. The cache key includes the warehouse file's identity, so a rebuilt warehouse
swapped in by the ETL is never answered from an old cache entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.db import run_sql
from dashboard.queries import warehouse_id


@st.cache_data(max_entries=256, show_spinner=False)
def _profile_series(
    region_level: str, region_code: str, warehouse: tuple[str, int, int]
) -> pd.DataFrame:
    return run_sql("profile_series", region_level=region_level, region_code=region_code)


def profile_series(region_level: str, region_code: str) -> pd.DataFrame:
    """Every indicator of one region over all school years next to the country.

    Args:
        region_level: 'gemeente', 'rmc', 'provincie' or 'nederland'.
        region_code: Region code, e.g. GM0014 or MC02.

    Returns:
        Columns of `profile_series.sql`; empty when the region has no figures.
    """
    return _profile_series(region_level, region_code, warehouse_id())


@st.cache_data(max_entries=256, show_spinner=False)
def _profile_members(
    rmc_code: str, indicator_key: str, school_year: str, warehouse: tuple[str, int, int]
) -> pd.DataFrame:
    return run_sql(
        "profile_members", rmc_code=rmc_code, indicator_key=indicator_key, school_year=school_year
    )


def profile_members(rmc_code: str, indicator_key: str, school_year: str) -> pd.DataFrame:
    """The gemeenten of one RMC-regio with one indicator in one school year, plus outlines.

    Returns:
        Columns of `profile_members.sql`, one row per gemeente (alphabetical).
    """
    return _profile_members(rmc_code, indicator_key, school_year, warehouse_id())


@st.cache_data(max_entries=256, show_spinner=False)
def _patterns_scatter(
    region_level: str,
    school_year: str,
    indicator_x: str,
    indicator_y: str,
    warehouse: tuple[str, int, int],
) -> pd.DataFrame:
    return run_sql(
        "patterns_scatter",
        region_level=region_level,
        school_year=school_year,
        indicator_x=indicator_x,
        indicator_y=indicator_y,
    )


def patterns_scatter(
    region_level: str, school_year: str, indicator_x: str, indicator_y: str
) -> pd.DataFrame:
    """Two indicators for every region of a level in one school year (one row per region).

    Returns:
        Columns of `patterns_scatter.sql`.
    """
    return _patterns_scatter(region_level, school_year, indicator_x, indicator_y, warehouse_id())


@st.cache_data(max_entries=256, show_spinner=False)
def _patterns_heatmap(
    region_level: str, indicator_key: str, parent_code: str, warehouse: tuple[str, int, int]
) -> pd.DataFrame:
    return run_sql(
        "patterns_heatmap",
        region_level=region_level,
        indicator_key=indicator_key,
        parent_code=parent_code,
    )


def patterns_heatmap(region_level: str, indicator_key: str, parent_code: str = "") -> pd.DataFrame:
    """One indicator for the regions of a level (optionally within a provincie or RMC-regio).

    Args:
        region_level: 'gemeente', 'rmc' or 'provincie'.
        indicator_key: Indicator key.
        parent_code: PVxx or MCxx to keep only its regions; '' for all.

    Returns:
        Columns of `patterns_heatmap.sql`, one row per region and school year.
    """
    return _patterns_heatmap(region_level, indicator_key, parent_code, warehouse_id())


@st.cache_data(max_entries=256, show_spinner=False)
def _patterns_changes(
    region_level: str,
    indicator_key: str,
    year_from: str,
    year_to: str,
    top_n: int,
    warehouse: tuple[str, int, int],
) -> pd.DataFrame:
    return run_sql(
        "patterns_changes",
        region_level=region_level,
        indicator_key=indicator_key,
        year_from=year_from,
        year_to=year_to,
        top_n=top_n,
    )


def patterns_changes(
    region_level: str, indicator_key: str, year_from: str, year_to: str, top_n: int = 10
) -> pd.DataFrame:
    """The `top_n` regions whose value changed most between two school years.

    Returns:
        Columns of `patterns_changes.sql`, largest absolute change first.
    """
    return _patterns_changes(
        region_level, indicator_key, year_from, year_to, int(top_n), warehouse_id()
    )


@st.cache_data(max_entries=128, show_spinner=False)
def _export_values(
    indicator_keys: tuple[str, ...],
    region_level: str,
    region_codes: tuple[str, ...],
    school_years: tuple[str, ...],
    warehouse: tuple[str, int, int],
) -> pd.DataFrame:
    return run_sql(
        "export_values",
        indicator_keys=list(indicator_keys),
        region_level=region_level,
        region_codes=list(region_codes),
        school_years=list(school_years),
    )


def export_values(
    indicator_keys: Sequence[str],
    region_level: str,
    region_codes: Sequence[str],
    school_years: Sequence[str],
) -> pd.DataFrame:
    """Indicator values for the export table.

    Args:
        indicator_keys: Indicators to include.
        region_level: One level.
        region_codes: Regions to include; empty for every region of the level.
        school_years: School-year labels to include.

    Returns:
        Columns of `export_values.sql`, ordered by indicator, region name, school year.
    """
    return _export_values(
        tuple(indicator_keys),
        region_level,
        tuple(region_codes),
        tuple(school_years),
        warehouse_id(),
    )


@st.cache_data(max_entries=8, show_spinner=False)
def _export_years(warehouse: tuple[str, int, int]) -> pd.DataFrame:
    return run_sql("export_years")


def export_years() -> pd.DataFrame:
    """School years with status, oldest first (columns of `export_years.sql`)."""
    return _export_years(warehouse_id())


@st.cache_data(max_entries=8, show_spinner=False)
def _response(warehouse: tuple[str, int, int]) -> pd.DataFrame:
    return run_sql("response")


def response() -> pd.DataFrame:
    """Gemeenten with verzuim figures per school year and region (columns of `response.sql`)."""
    return _response(warehouse_id())


@st.cache_data(max_entries=64, show_spinner=False)
def _report_members(
    parent_level: str, parent_code: str, warehouse: tuple[str, int, int]
) -> pd.DataFrame:
    return run_sql("report_members", parent_level=parent_level, parent_code=parent_code)


def report_members(parent_level: str, parent_code: str) -> pd.DataFrame:
    """The gemeenten of an RMC-regio or provincie, every indicator in its newest school year.

    Args:
        parent_level: 'rmc' or 'provincie'.
        parent_code: MCxx or PVxx.

    Returns:
        Columns of `report_members.sql`, one row per gemeente and indicator.
    """
    return _report_members(parent_level, parent_code, warehouse_id())
