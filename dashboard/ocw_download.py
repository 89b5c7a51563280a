"""The OCW table set as a download button: the same workbook `python -m etl tables` writes."""

from __future__ import annotations

from dashboard import components, export
from ocw.workbook import WORKBOOK_NAME, set_workbook


def table_set_button(label: str, key: str) -> None:
    """A download button for the whole OCW table set of the current warehouse, built on click."""
    components.file_download(label, set_workbook, WORKBOOK_NAME, key, export.XLSX_MIME)
