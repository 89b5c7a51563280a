"""OCW tables -> one XLSX workbook, one CSV per table and the verantwoording (PDF,
`ocw.verantwoording`), the same bytes for the same warehouse.

Workbook: sheet `Inhoud` (the list of tables, then the verantwoording of `dashboard.export`),
then one sheet per table: the notes of the table on its first rows, an empty row, the header,
the rows. Counts are numbers with a thousands separator, values and intervals numbers with the
indicator's decimals, hidden counts the labels `<5` and `x` as text. Text cells are written as
text, never as formulas (a cell starting with `=` stays text).
CSV: `dashboard.export.csv_with_notes` (BOM, `;`, decimal comma, the notes as `#` lines).

Reproducible: the document properties carry the build time, not the time of writing, and
XlsxWriter gives every zip entry the same fixed date (1980).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from dashboard.export import (
    Provenance,
    csv_with_notes,
    decimals_by_indicator,
    excel_number_format,
    neutralise,
    provenance_rows,
    write_number_formats,
)
from ocw.tables import WORKBOOK_NAME, OcwTable, table_set
from ocw.verantwoording import PDF_NAME, verantwoording_pdf

CONTENTS_SHEET = "Inhoud"
#: Response columns written as numbers: name -> decimals.
RESPONSE_NUMBERS = {
    "Gemeenten in de indeling": 0,
    "Gemeenten met verzuimcijfers": 0,
    "Respons (%)": 1,
}


def _write_frame(sheet: Any, frame: pd.DataFrame, first_row: int, bold: Any) -> None:
    """Header and cells as text or numbers (never formulas); missing values stay empty."""
    for col, name in enumerate(frame.columns):
        sheet.write_string(first_row, col, str(name), bold)
        width = max([len(str(name))] + [len(str(v)) for v in frame[name].head(200)]) + 2
        sheet.set_column(col, col, min(width, 45))
    for offset, row in enumerate(frame.itertuples(index=False), start=first_row + 1):
        for col, value in enumerate(row):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if isinstance(value, str):
                sheet.write_string(offset, col, neutralise(value))
            else:
                sheet.write_number(offset, col, float(value))


def _table_sheet(book: Any, table: OcwTable, prov: Provenance, bold: Any) -> None:
    sheet = book.add_worksheet(table.name)
    for row, note in enumerate(table.notes):
        bolded = bold if row == 0 or note.startswith("Tabel") else None
        sheet.write_string(row, 0, neutralise(note), bolded)
    header = len(table.notes) + 1
    _write_frame(sheet, table.frame, header, bold)
    if "Indicatorcode" in table.frame.columns:
        write_number_formats(sheet, book, table.frame, decimals_by_indicator(prov), header + 1)
    else:
        columns = list(table.frame.columns)
        for name, digits in RESPONSE_NUMBERS.items():
            if name not in columns:
                continue
            fmt = book.add_format({"num_format": excel_number_format(digits)})
            for offset, value in enumerate(table.frame[name], start=header + 1):
                if not pd.isna(value):
                    sheet.write_number(offset, columns.index(name), float(value), fmt)
    sheet.freeze_panes(header + 1, 0)
    sheet.autofilter(header, 0, header + len(table.frame), len(table.frame.columns) - 1)


def workbook_bytes(prov: Provenance, tables: list[OcwTable]) -> bytes:
    """The whole set as one XLSX workbook."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties(
        {
            "title": "Kompas: tabellenset voor OCW",
            "author": "Kompas",
            "created": prov.exported_at,
            "comments": "Gemaakt met python -m etl tables",
        }
    )
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    contents = book.add_worksheet(CONTENTS_SHEET)
    contents.set_column(0, 0, 42, wrap)
    contents.set_column(1, 1, 100, wrap)
    contents.write_string(0, 0, "Tabel", bold)
    contents.write_string(0, 1, "Inhoud", bold)
    for row, table in enumerate(tables, start=1):
        contents.write_string(row, 0, table.name)
        contents.write_string(row, 1, table.title)
    start = len(tables) + 2
    contents.write_string(start, 0, "Onderdeel", bold)
    contents.write_string(start, 1, "Toelichting", bold)
    for row, (name, text) in enumerate(provenance_rows(prov), start=start + 1):
        contents.write_string(row, 0, name)
        contents.write_string(row, 1, text)
    for table in tables:
        _table_sheet(book, table, prov, bold)
    book.close()
    return buffer.getvalue()


def csv_bytes(table: OcwTable) -> bytes:
    """One table as CSV: its notes, then the table."""
    notes = [(f"Regel {number}", note) for number, note in enumerate(table.notes, start=1)]
    return csv_with_notes(table.frame, notes)


def set_workbook() -> bytes:
    """The whole table set of the current warehouse as one workbook (the app's download)."""
    return workbook_bytes(*table_set())


def set_verantwoording() -> bytes:
    """The verantwoording of the current warehouse's table set as PDF (the app's download)."""
    return verantwoording_pdf(*table_set())


def write_set(out_dir: Path) -> list[Path]:
    """Write the workbook, one CSV per table and the verantwoording (PDF) into `out_dir`;
    returns the paths written."""
    prov, tables = table_set()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / WORKBOOK_NAME]
    written[0].write_bytes(workbook_bytes(prov, tables))
    for table in tables:
        path = out_dir / f"tabel_{table.number}.csv"
        path.write_bytes(csv_bytes(table))
        written.append(path)
    written.append(out_dir / PDF_NAME)
    written[-1].write_bytes(verantwoording_pdf(prov, tables))
    return written
