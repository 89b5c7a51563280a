"""The OCW table set as download buttons: the same workbook and verantwoording (PDF) that
`python -m etl tables` writes."""

from __future__ import annotations

from dashboard import components, export
from ocw.verantwoording import PDF_NAME
from ocw.workbook import WORKBOOK_NAME, set_verantwoording, set_workbook


def table_set_buttons(labels: tuple[str, str], key: str) -> None:
    """Download buttons for the whole OCW table set of the current warehouse (workbook, then
    verantwoording), each built on click."""
    workbook, verantwoording = labels
    components.file_download(workbook, set_workbook, WORKBOOK_NAME, key, export.XLSX_MIME)
    components.file_download(
        verantwoording, set_verantwoording, PDF_NAME, f"{key}__pdf", export.PDF_MIME
    )
