"""The OCW table set as a download button: the same workbook `python -m etl tables` writes."""

from __future__ import annotations

import streamlit as st

from dashboard import export
from ocw.workbook import WORKBOOK_NAME, set_workbook


def table_set_button(label: str, key: str) -> None:
    """A download button for the whole OCW table set of the current warehouse, built on click."""
    st.download_button(
        label,
        data=set_workbook,
        file_name=WORKBOOK_NAME,
        mime=export.XLSX_MIME,
        on_click="ignore",
        key=key,
        icon=":material/download:",
    )
