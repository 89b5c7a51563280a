"""Kompas verzuim template (CSV or XLSX, supplied by users) -> `raw.verzuim__counts`.

One row per gemeente and school year with the counts of the yearly leerplicht return
(art. 25 Leerplichtwet). `TEMPLATE_COLUMNS` (required) and, after them, `INZET_COLUMNS`
(optional, `verzuim_inzet`) are the one definition of the layout: the parser checks against
them, `write_template` writes them and the demo generator fills them.

The inzet columns are checked with the rest of the file (`verzuim_inzet.read_inzet`: a bad
value is refused, naming file, row, column and value) and then left out: `raw.verzuim__counts`
holds the required columns only, so no inzet figure ever reaches the warehouse. `parse_inzet`
gives them, typed, to the uitvraag store's reader.

The gemeente supplies relatief verzuim as the Leerplichttelling counts it (`relatief_verzuim`:
unique pupils over 16 hours in 4 weeks, luxe verzuim over 16 hours included), next to its
sub-counts (16-uur meldingen other than luxe verzuim; luxe verzuim of any length). The total
cannot be derived from the sub-counts: a pupil can be in both, and luxe verzuim under 16 hours
is not in the total. Thuiszitters are not asked for: the indicator is absoluut verzuim plus
langdurig relatief verzuim (the OCW definition), computed from those two columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from etl.paths import SUBMISSIONS_FOLDER
from etl.sources import verzuim_inzet
from etl.sources.base import Source
from etl.sources.readers import (
    RawFile,
    ReadContext,
    Rows,
    check_columns,
    check_field_counts,
    concat_frames,
    decode,
    parse_csv,
    read_bytes,
    read_xlsx_sheet,
    require_rows,
    to_frame,
)

TEMPLATE_COLUMNS: list[str] = [
    "gemeentecode",
    "gemeentenaam",
    "schooljaar",
    "status",
    "leerplichtigen",
    "absoluut_verzuim",
    "relatief_verzuim",
    "relatief_verzuim_16_uur",
    "relatief_verzuim_luxe",
    "relatief_verzuim_signaal_overig",
    "langdurig_relatief_verzuim",
    "vrijstelling_5a",
    "vrijstelling_5b",
    "vrijstelling_5c",
    "vrijstelling_15",
    "vervangende_leerplicht_3a",
    "vervangende_leerplicht_3b",
]
#: Optional, after the required columns: the closed inzet figures (never in the warehouse).
INZET_COLUMNS: list[str] = verzuim_inzet.NAMES
#: Every column of the template as written: the required ones, then the optional inzet ones.
ALL_COLUMNS: list[str] = [*TEMPLATE_COLUMNS, *INZET_COLUMNS]
#: What to fill in per column, in Dutch: the header notes of the XLSX template.
COLUMN_NOTES: dict[str, str] = {
    "gemeentecode": "CBS-code van de gemeente, bijvoorbeeld GM0014 (0014 of 14 mag ook).",
    "gemeentenaam": "Naam van de gemeente (alleen ter controle).",
    "schooljaar": "Schooljaar als 2023-2024.",
    "status": "voorlopig of definitief.",
    "leerplichtigen": "Leerplichtige en kwalificatieplichtige jongeren (5-17) bij de gemeente.",
    "absoluut_verzuim": "Niet ingeschreven, geen vrijstelling; unieke personen per schooljaar.",
    "relatief_verzuim": (
        "Totaal relatief verzuim zoals de Leerplichttelling telt: leerlingen met meer dan 16 uur "
        "ongeoorloofd verzuim in 4 opeenvolgende lesweken, elke leerling één keer. Luxe verzuim "
        "van meer dan 16 uur telt mee; signaalverzuim en luxe verzuim onder de 16 uur niet."
    ),
    "relatief_verzuim_16_uur": (
        "Leerlingen met een melding 16 uur in 4 weken om een andere reden dan luxe verzuim, elke "
        "leerling één keer. Nooit meer dan relatief_verzuim."
    ),
    "relatief_verzuim_luxe": (
        "Leerlingen met luxe verzuim (verlof buiten art. 13a en 14), ook korter dan 16 uur, elke "
        "leerling één keer."
    ),
    "relatief_verzuim_signaal_overig": "Leerlingen met signaal- of overig verzuim onder de 16 uur.",
    "langdurig_relatief_verzuim": "Ingeschreven, langer dan 4 weken ongeoorloofd afwezig.",
    "vrijstelling_5a": "Vrijstellingen art. 5 onder a (lichamelijk of psychisch ongeschikt).",
    "vrijstelling_5b": "Vrijstellingen art. 5 onder b (bezwaar tegen de richting).",
    "vrijstelling_5c": "Vrijstellingen art. 5 onder c (school in het buitenland).",
    "vrijstelling_15": "Vrijstellingen art. 15 (kwalificatieplicht).",
    "vervangende_leerplicht_3a": "Vervangende leerplicht art. 3a.",
    "vervangende_leerplicht_3b": "Vervangende leerplicht art. 3b.",
    **verzuim_inzet.NOTES,
}
SHEET = "verzuim"
DELIMITER = ";"
# Text columns: kept as text in the XLSX template so Excel does not drop leading zeros.
_TEXT_COLUMNS = ("gemeentecode", "gemeentenaam", "schooljaar", "status")

SOURCE = Source(
    key="verzuim",
    title="Verzuimcijfers per gemeente (Kompas-sjabloon, jaarlijkse leerplichttelling)",
    producer="de gemeente (leerplichtadministratie), aangeleverd door de gebruiker",
    licence="zoals afgesproken met de gemeente die de cijfers aanlevert",
    url_main="https://wetten.overheid.nl/BWBR0002628/",
    citation=(
        "Gemeentelijke verzuimcijfers (opgave art. 25 Leerplichtwet 1969), aangeleverd in het "
        "Kompas-verzuimsjabloon."
    ),
    folder="verzuim",
    downloads=(),
    caveats=(
        "Geen openbare bron: de gebruiker levert de cijfers zelf aan met "
        "`python -m etl template --out bestand.xlsx`.",
        "Een lege cel betekent 'niet opgegeven', niet nul.",
        "Telling in unieke leerlingen per schooljaar, niet in meldingen.",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {
    "template_csv": ("verzuim/*.csv", f"{SUBMISSIONS_FOLDER}/*/*.csv"),
    "template_xlsx": ("verzuim/*.xlsx", f"{SUBMISSIONS_FOLDER}/*/*.xlsx"),
}
# Optional: publishers' data alone (fetch) builds the vsv indicator; verzuim comes from users.
REQUIRED_ROLES: tuple[frozenset[str], ...] = (frozenset(),)


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse every verzuim file (CSV and XLSX alike).

    Args:
        files: files of this source (roles 'template_csv', 'template_xlsx').
        ctx: size limit and progress callback.

    Returns:
        {'counts': the required template columns as text; an empty CSV field stays '', an empty
        XLSX cell is missing}. The inzet columns are checked, never returned.

    Raises:
        InputError: encoding, truncation, missing/extra column, empty file, XLSX renamed to
            .csv, damaged XLSX, missing sheet, a bad inzet value.
    """
    frames = [to_frame(rows, TEMPLATE_COLUMNS) for rows, _ in _read(files, ctx)]
    return {"counts": concat_frames(frames, TEMPLATE_COLUMNS)}


def parse_inzet(files: Sequence[RawFile], ctx: ReadContext) -> pd.DataFrame:
    """The typed inzet figures of verzuim files, checked exactly as `parse` checks them.

    Returns:
        `_source_file`, `_row_number` and the `INZET_COLUMNS` (`verzuim_inzet.read_inzet`).

    Raises:
        InputError: as `parse`.
    """
    frames = [inzet for _, inzet in _read(files, ctx)]
    if not frames:
        return verzuim_inzet.read_inzet(Rows(file="", header=[], rows=[], row_numbers=[]))
    return pd.concat(frames, ignore_index=True)


def _read(files: Sequence[RawFile], ctx: ReadContext) -> Iterator[tuple[Rows, pd.DataFrame]]:
    """Each template file's checked rows with its typed inzet figures."""
    for file in files:
        if file.role not in ("template_csv", "template_xlsx"):
            continue
        ctx.report(f"Inlezen {file.name}")
        rows = _read_csv(file, ctx) if file.role == "template_csv" else _read_xlsx(file, ctx)
        check_columns(
            rows.header, TEMPLATE_COLUMNS, file.name, optional=INZET_COLUMNS, delimiter=DELIMITER
        )
        check_field_counts(rows)
        require_rows(rows)
        yield rows, verzuim_inzet.read_inzet(rows)


def _read_csv(file: RawFile, ctx: ReadContext) -> Rows:
    text = decode(read_bytes(file, ctx.max_bytes), file.name, "utf-8", DELIMITER)
    header, rows = parse_csv(text, file.name, DELIMITER, quoted=True)
    # Spreadsheet programs leave empty lines (or lines of bare separators) at the end.
    kept = [
        (values, line)
        for values, line in zip(rows.rows, rows.row_numbers, strict=True)
        if any(value for value in values)
    ]
    return Rows(
        file=file.name,
        header=header,
        rows=[values for values, _ in kept],
        row_numbers=[line for _, line in kept],
    )


def _read_xlsx(file: RawFile, ctx: ReadContext) -> Rows:
    return read_xlsx_sheet(file, SHEET, ctx.max_bytes)


def write_template(path: Path) -> None:
    """Write an empty verzuim template, required then optional (inzet) columns: `.csv` (UTF-8
    with BOM, `;`) or `.xlsx` (sheet verzuim, with what to fill in as a note on every header
    cell).

    Raises:
        ValueError: the suffix is neither .csv nor .xlsx.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        path.write_bytes(template_csv_bytes([]))
    elif suffix == ".xlsx":
        path.write_bytes(template_xlsx_bytes([]))
    else:
        raise ValueError(f"onbekend bestandstype '{path.suffix}': kies een naam op .csv of .xlsx")


Cell = str | int | None


def template_csv_bytes(rows: Sequence[Sequence[Cell]]) -> bytes:
    """The template as CSV with `rows` (values in `ALL_COLUMNS` order, a row may stop before
    the optional inzet columns; None stays empty): UTF-8 with BOM, `;`, CRLF, every field as
    its text (the parser reads text, never formulas)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(ALL_COLUMNS)
    writer.writerows(
        [
            ["" if value is None else value for value in row] + [""] * (len(ALL_COLUMNS) - len(row))
            for row in rows
        ]
    )
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def template_xlsx_bytes(
    rows: Sequence[Sequence[Cell]],
    notice: Sequence[str] = (),
    notice_sheet: str = "toelichting",
    marked_columns: Sequence[str] = (),
) -> bytes:
    """The XLSX template (sheet `verzuim`, a note on every header cell) with `rows` filled in.

    Text is written as a text cell with Excel's quote prefix and numbers as numbers, so a value
    that starts with `=`, `+`, `-` or `@` is shown as text and never runs as a formula.

    Args:
        rows: values in `ALL_COLUMNS` order (a row may stop before the inzet columns); None
            leaves the cell empty.
        notice: lines for a first sheet `notice_sheet` that opens first (none when empty).
        notice_sheet: name of that sheet (the parser reads only `verzuim`).
        marked_columns: columns whose filled cells get a yellow background (for example figures
            a reader must replace).
    """
    # Imported here: only the template commands need it.
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    try:
        if notice:
            _write_notice(workbook, notice_sheet, notice)
        sheet = workbook.add_worksheet(SHEET)
        bold = workbook.add_format({"bold": True})
        text = workbook.add_format({"num_format": "@", "quote_prefix": True})
        marked = workbook.add_format({"bg_color": "#FFF2CC"})
        for position, name in enumerate(ALL_COLUMNS):
            width = max(len(name) + 2, 14)
            sheet.set_column(position, position, width, text if name in _TEXT_COLUMNS else None)
            sheet.write_string(0, position, name, bold)
            sheet.write_comment(0, position, COLUMN_NOTES[name], {"x_scale": 2.5, "y_scale": 2})
        for line, row in enumerate(rows, start=1):
            for position, value in enumerate(row):
                name = ALL_COLUMNS[position]
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(line, position, value, text)
                else:
                    style = marked if name in marked_columns else None
                    sheet.write_number(line, position, value, style)
        sheet.freeze_panes(1, 0)
    finally:
        workbook.close()
    return buffer.getvalue()


def _write_notice(workbook: Any, name: str, lines: Sequence[str]) -> None:
    sheet = workbook.add_worksheet(name)
    sheet.set_column(0, 0, 110, workbook.add_format({"text_wrap": True, "valign": "top"}))
    bold = workbook.add_format({"bold": True, "text_wrap": True})
    for number, line in enumerate(lines):
        sheet.write_string(number, 0, line, bold if number == 0 else None)
    sheet.activate()
