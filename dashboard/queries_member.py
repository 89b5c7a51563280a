"""Named, cached queries for the member page (`/opgave`): parameters in, DataFrame out, one
function per `dashboard/sql/<name>.sql` file with columns as its header says.

Only published values, through the suppression view (`safe.indicator_values`): a hidden cell has
no value here. The member's own figures never pass through this cache (they come from the
uitvraag store, per session). The cache key includes the warehouse file's identity.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.db import run_sql
from dashboard.queries import warehouse_id


@st.cache_data(max_entries=256, show_spinner=False)
def _member_reference(codes: tuple[str, ...], warehouse: tuple[str, int, int]) -> pd.DataFrame:
    return run_sql("member_reference", region_codes=list(codes))


def member_reference(codes: list[str]) -> pd.DataFrame:
    """The RMC-regio's of `codes` and Nederland per verzuim indicator in the latest school year
    (`member_reference.sql`)."""
    return _member_reference(tuple(sorted(codes)), warehouse_id())
