"""Named, cached queries for verwacht versus werkelijk: parameters in, DataFrame out. One
function per `dashboard/sql/<name>.sql` file; columns as its header says. (The peer groups, a
comparison set of Vergelijken, are read by `dashboard.queries.peer_groups`.)

The model was fitted at build time (marts.expected_*), so a request only reads.
The expected values exist only for shown counts: the build wrote no row for a hidden count. The
cache key includes the warehouse file's identity, so a rebuilt warehouse is never answered from
an old cache entry.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.db import run_sql
from dashboard.queries import Warehouse, warehouse_id


@st.cache_data(max_entries=256, show_spinner=False)
def _expected_region(region_code: str, school_year: str, warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("expected_region", region_code=region_code, school_year=school_year)


def expected_region(region_code: str, school_year: str) -> pd.DataFrame:
    """Verwacht versus werkelijk of one gemeente in one school year, per indicator.

    Returns:
        Columns of `expected_region.sql`; an indicator whose count is hidden has no row.
    """
    return _expected_region(region_code, school_year, warehouse_id())


@st.cache_data(max_entries=64, show_spinner=False)
def _expected_funnel(indicator_key: str, school_year: str, warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("expected_funnel", indicator_key=indicator_key, school_year=school_year)


def expected_funnel(indicator_key: str, school_year: str) -> pd.DataFrame:
    """Observed/expected ratios of every gemeente with a shown count (funnel plot points).

    Returns:
        Columns of `expected_funnel.sql`, largest expected count first.
    """
    return _expected_funnel(indicator_key, school_year, warehouse_id())


@st.cache_data(max_entries=32, show_spinner=False)
def _expected_fit(school_year: str, warehouse: Warehouse) -> pd.DataFrame:
    return run_sql("expected_fit", school_year=school_year)


def expected_fit(school_year: str) -> pd.DataFrame:
    """The models of one school year: fit per indicator and coefficients per term.

    Returns:
        Columns of `expected_fit.sql`, one row per indicator and term (intercept first).
    """
    return _expected_fit(school_year, warehouse_id())
