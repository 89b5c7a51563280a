"""Named, cached queries for the workshop's feedback: parameters in, DataFrame out, one function
per `dashboard/sql/<name>.sql` file with columns as its header says.

Counts come only from the suppression view (`safe.indicator_values`): a hidden cell has no value
here, so feedback can say "niet gepubliceerd" but never reveal it. The cache key includes the
warehouse file's identity.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.db import run_sql
from dashboard.queries import warehouse_id


@st.cache_data(max_entries=1024, show_spinner=False)
def _workshop_fact(
    region_code: str, indicator_key: str, school_year: str, warehouse: tuple[str, int, int]
) -> pd.DataFrame:
    return run_sql(
        "workshop_fact",
        region_code=region_code,
        indicator_key=indicator_key,
        school_year=school_year,
    )


def workshop_fact(region_code: str, indicator_key: str, school_year: str) -> pd.DataFrame:
    """One region's figure beside Nederland's (`workshop_fact.sql`); empty when there is none."""
    return _workshop_fact(region_code, indicator_key, school_year, warehouse_id())
