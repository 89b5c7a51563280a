"""Turn selected indicator values plus their provenance into download files (CSV and XLSX).

Both files carry the same provenance ("verantwoording"): source and licence, retrieval date,
build date, what voorlopig/definitief means, the definition of every indicator, the selection
used and the small-count rule. Suppressed counts are written as `<5` (the threshold in force),
never as the number; value and interval stay empty for them.

CSV layout (for Dutch Excel): UTF-8 with BOM, `;` as separator, decimal comma. The file opens
with a provenance block: every line is `# <onderdeel>;<toelichting>` (the toelichting quoted
when it holds `;` or `"`), so Excel shows the labels in column A and the text in column B, like
the XLSX sheet. Then one empty line, then the table with its header. Read it back with
`pandas.read_csv(path, sep=";", decimal=",", comment="#", encoding="utf-8-sig")`: lines that
start with `#` are skipped.

XLSX layout: sheet `Cijfers` opens with the notes a reader must see next to the figures (the
demo notice for demo builds, the source of every indicator, where the rest is), then one empty
row, then the table from row `DATA_HEADER_ROW` (0-based; read it back with
`pandas.read_excel(path, header=DATA_HEADER_ROW)`): numbers as numbers in Excel formats
(thousands dot, the indicator's decimals), `<5` as text. Sheet `Verantwoording` holds the
provenance as two columns (onderdeel, toelichting). Dates are written the Dutch way
(`2 januari 2026`).

A text cell that Excel would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
carriage return and is not simply a number such as `-0,3`) is written with a leading `'`, in
every CSV and XLSX Kompas makes (`neutralise`): a region name or source title from a data file
can never become a formula. The XLSX writer also never turns text into formulas.

Besides the export page's table, every table and chart on the pages can be downloaded as shown
(`view_csv_bytes`): the same verantwoording, with the view named instead of a selection.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from dashboard.formatting import LEVEL_LABELS, format_date, round_half_up, row_response
from dashboard.texts import verdicts
from stats.response import NO_SUBMISSION, NO_SUBMISSION_LABEL

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MIME = "application/pdf"
DATA_SHEET = "Cijfers"
PROVENANCE_SHEET = "Verantwoording"
CSV_COMMENT = "#"


# Export column name -> what it holds (written into the provenance block).
COLUMNS: dict[str, str] = {
    "Indicator": "Naam van de indicator",
    "Indicatorcode": "Vaste sleutel van de indicator",
    "Eenheid": "'%' of 'per 1.000'",
    "Niveau": "gemeente, RMC-regio, provincie of Nederland",
    "Regiocode": "CBS-code (GMxxxx, MCxx, PVxx, NL01)",
    "Regio": "Naam van de regio",
    "Schooljaar": "Schooljaar, bijvoorbeeld 2023-2024",
    "Teller": "Aantal in de teller; '<N' als het aantal onder de drempel ligt",
    "Noemer": "Aantal in de noemer (de populatie)",
    "Waarde": "Teller / noemer x 100 (%) of x 1.000 (per 1.000); leeg als onderdrukt",
    "Ondergrens 95%": "Ondergrens van het 95%-betrouwbaarheidsinterval; leeg als onderdrukt",
    "Bovengrens 95%": "Bovengrens van het 95%-betrouwbaarheidsinterval; leeg als onderdrukt",
    "Status": "voorlopig of definitief",
    "Onderdrukt": "ja als het aantal onder de drempel ligt (kleine aantallen)",
    "Respons": (
        "'geschat; respons N van M gemeenten (x %)' als niet alle gemeenten van de regio een "
        "cijfer gaven (de teller is dan een schatting, zie Over de cijfers); 'geen opgave' als "
        "er geen cijfer is; leeg als alle gemeenten een cijfer gaven"
    ),
    "Verschil met Nederland": (
        "Waarde min de waarde van Nederland (zelfde indicator en schooljaar), in procentpunt "
        "of per 1.000; leeg als onderdrukt of voor Nederland zelf"
    ),
    verdicts.COLUMN: verdicts.explanation(),
}

STATUS_TEXT = (
    "Voorlopig: het cijfer kan nog veranderen als de bron het jaar definitief maakt (CBS "
    "publiceert het nieuwste schooljaar eerst voorlopig). Definitief: het cijfer verandert niet "
    "meer. De kolom Status geeft dit per rij."
)
MODEL_TEXT = {
    "binomial": "95%-interval volgens Wilson (aandeel)",
    "poisson": "95%-interval exact volgens Poisson (per 1.000)",
}


VIEW_TABLE_TEXT = (
    "De tabel hieronder is precies wat de pagina toont: dezelfde afronding, dezelfde labels "
    "voor kleine aantallen ('<5' en 'x') en '–' waar geen cijfer is."
)
DEMO_NOTICE = (
    "Dit zijn DEMOGEGEVENS: verzonnen cijfers (synthetisch). Niet gebruiken als echte cijfers."
)
DATA_NOTES_ROWS = 4  # rows kept for the notes above the table on the data sheet (at most)
DATA_HEADER_ROW = DATA_NOTES_ROWS + 1  # one empty row between the notes and the table


@dataclass(frozen=True)
class Selection:
    """What the user picked on the export page, in display form (labels, not keys)."""

    indicators: Sequence[str]
    level: str
    regions: Sequence[str]
    years: Sequence[str]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")


def neutralise(value: Any) -> Any:
    """A text Excel would read as a formula gets a leading `'`; numbers and other text as is."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and column name passed through `neutralise`."""
    out = table.rename(columns=lambda name: neutralise(str(name)))
    for position in range(out.shape[1]):
        if not pd.api.types.is_numeric_dtype(out.iloc[:, position]):
            out.iloc[:, position] = out.iloc[:, position].map(neutralise)
    return out


@dataclass(frozen=True)
class Provenance:
    """Everything the verantwoording needs besides the table itself.

    Attributes:
        build: One row of `meta.build` as a mapping (built_at, kompas_version, is_demo, ...).
        sources: Rows of `marts.sources` for the exported indicators.
        indicators: Rows of `marts.indicators` for the exported indicators.
        selection: The selection used (None for a page's view, see `view`).
        threshold: Small-count threshold in force (counts below it are `<threshold`).
        exported_at: When the file was made (local time of the server).
        view: What a page showed, for a download of one table or chart as shown.
    """

    build: dict[str, Any]
    sources: pd.DataFrame
    indicators: pd.DataFrame
    selection: Selection | None
    threshold: int
    exported_at: datetime = field(default_factory=datetime.now)
    view: str = ""


def provenance_for(
    build: dict[str, Any],
    sources: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator_keys: Sequence[str],
    selection: Selection | None,
    threshold: int,
    view: str = "",
) -> Provenance:
    """The provenance of a download: only the chosen indicators and the sources behind them.

    Args:
        build: The build row (`queries.build_info()`).
        sources: Every source (`queries.sources()`).
        indicators: The indicator registry (`queries.indicators()`).
        indicator_keys: The exported indicators, in the user's order.
        selection: The selection used, in display form (None for a page's view).
        threshold: Small-count threshold in force.
        view: What the page showed (a download of one table or chart as shown).
    """
    chosen = indicators.set_index("indicator_key").loc[list(indicator_keys)].reset_index()
    used = sources[sources["source_key"].isin(set(chosen["source_key"]))]
    return Provenance(
        build=build,
        sources=used.reset_index(drop=True),
        indicators=chosen,
        selection=selection,
        threshold=threshold,
        view=view,
    )


def _dutch_datetime(value: datetime) -> str:
    """`2 januari 2026, 03:04`."""
    return f"{format_date(value)}, {value:%H:%M}"


def _date_text(value: Any) -> str:
    """A date or ISO timestamp from DuckDB the Dutch way (`2 januari 2026`); 'onbekend' if none."""
    text = _text(value)
    return text if text == "onbekend" else format_date(text if isinstance(value, str) else value)


def _text(value: Any) -> str:
    """Plain one-line text for a scalar from DuckDB (NULL/NaN -> 'onbekend')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "onbekend"
    if value is pd.NaT:
        return "onbekend"
    if isinstance(value, pd.Timestamp | datetime):
        return _dutch_datetime(value)
    text = str(value)
    return " ".join(text.split())  # one line: newlines and runs of spaces become one space


def _listing(items: Iterable[str], empty: str) -> str:
    values = [_text(item) for item in items]
    return ", ".join(values) if values else empty


def suppressed_label(threshold: int, flag: str = "primary") -> str:
    """How a count not shown is written: `<5` (small count, threshold 5), `x` (hidden so a
    small count elsewhere cannot be derived) or `geen opgave` (no figure was sent)."""
    if flag == NO_SUBMISSION:
        return NO_SUBMISSION_LABEL
    return "x" if flag == "secondary" else f"<{int(threshold)}"


def with_country(values: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """The Nederland rows (same query at level 'nederland') first, then the regions; the
    export then carries a Nederland row per indicator and school year."""
    return pd.concat([national[values.columns], values], ignore_index=True)


def export_table(values: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Rows from `export_values.sql` -> the table written to both files (Dutch column names).

    Value and interval are rounded to the indicator's decimals. A suppressed row gets
    `<threshold` as Teller and empty value and interval, whatever the input holds, so a number
    cannot leak even if an upstream view changes.

    Args:
        values: Columns indicator_key, indicator_label, unit, decimals, region_level,
            region_code, region_name, school_year, numerator, denominator, value, ci_lower,
            ci_upper, status, is_suppressed, flag, funnel_class (the build's verdict against
            Nederland); Nederland rows (see `with_country`) give "Verschil met Nederland".
        threshold: Small-count threshold in force.

    Returns:
        A DataFrame with the columns of `COLUMNS`, in that order.
    """
    suppressed = values["is_suppressed"].fillna(True).astype(bool)
    decimals = values["decimals"].fillna(1).astype(int)

    def rounded(column: str) -> pd.Series:
        out = [
            None if hidden or pd.isna(number) else round_half_up(float(number), digits)
            for number, digits, hidden in zip(values[column], decimals, suppressed, strict=True)
        ]
        return pd.Series(out, index=values.index, dtype="Float64")

    teller = [
        suppressed_label(threshold, str(flag or "primary"))
        if hidden or pd.isna(count)
        else int(count)
        for count, hidden, flag in zip(values["numerator"], suppressed, values["flag"], strict=True)
    ]
    table = pd.DataFrame(
        {
            "Indicator": values["indicator_label"],
            "Indicatorcode": values["indicator_key"],
            "Eenheid": values["unit"],
            "Niveau": values["region_level"].map(LEVEL_LABELS).fillna(values["region_level"]),
            "Regiocode": values["region_code"],
            "Regio": values["region_name"],
            "Schooljaar": values["school_year"],
            "Teller": pd.Series(teller, index=values.index, dtype=object),
            "Noemer": values["denominator"].astype("Int64"),
            "Waarde": rounded("value"),
            "Ondergrens 95%": rounded("ci_lower"),
            "Bovengrens 95%": rounded("ci_upper"),
            "Status": values["status"],
            "Onderdrukt": [
                "ja" if hidden and flag != NO_SUBMISSION else "nee"
                for hidden, flag in zip(suppressed, values["flag"], strict=True)
            ],
            "Respons": [row_response(row) for _, row in values.iterrows()],
        }
    )
    difference, verdict = _against_country(values, suppressed, decimals)
    table["Verschil met Nederland"] = difference
    table[verdicts.COLUMN] = verdict
    return table.reset_index(drop=True)


def _against_country(
    values: pd.DataFrame,
    suppressed: pd.Series,
    decimals: pd.Series,
) -> tuple[pd.Series, pd.Series]:
    """Difference with the Nederland row of the same indicator and year, and the verdict."""
    is_nl = (values["region_level"] == "nederland").to_numpy()
    nl = values[is_nl].set_index(["indicator_key", "school_year"])["value"]
    nl = nl[~nl.index.duplicated()]
    keys = list(zip(values["indicator_key"], values["school_year"], strict=True))
    difference = [
        None
        if hidden or own or pd.isna(value) or key not in nl.index or pd.isna(nl[key])
        else round_half_up(float(value) - float(nl[key]), int(digits))
        for value, key, hidden, own, digits in zip(
            values["value"], keys, suppressed, is_nl, decimals, strict=True
        )
    ]
    verdict = pd.Series(
        [
            "" if own else verdicts.short(code)
            for code, own in zip(values["funnel_class"], is_nl, strict=True)
        ],
        index=values.index,
        dtype=object,
    )
    return pd.Series(difference, index=values.index, dtype="Float64"), verdict


def provenance_rows(prov: Provenance) -> list[tuple[str, str]]:
    """The verantwoording as (onderdeel, toelichting) pairs, in reading order.

    The onderdeel labels are fixed words and numbers (never data), so they hold no `;` and the
    CSV block stays two columns wide with `#` as the first character of every line.
    """
    build = prov.build
    sel = prov.selection
    rows: list[tuple[str, str]] = [
        ("Titel", "Kompas: cijfers over schoolverzuim en voortijdig schoolverlaten"),
    ]
    if bool(build.get("is_demo")):
        rows.append(("LET OP", DEMO_NOTICE))
    rows += [
        ("Gemaakt op", _dutch_datetime(prov.exported_at)),
        ("Datum build", _date_text(build.get("built_at"))),
        ("Versie Kompas", _text(build.get("kompas_version"))),
        ("Gemeentelijke indeling", f"indeling van {_text(build.get('boundary_year'))}"),
    ]
    if prov.view:
        rows += [("Weergave", _text(prov.view)), ("Tabel", VIEW_TABLE_TEXT)]
    if sel is not None:
        rows += [
            ("Selectie: indicatoren", _listing(sel.indicators, "geen")),
            ("Selectie: niveau", LEVEL_LABELS.get(sel.level, sel.level)),
            ("Selectie: regio's", _listing(sel.regions, "alle regio's van dit niveau")),
            ("Selectie: schooljaren", _listing(sel.years, "geen")),
        ]
    for number, source in enumerate(prov.sources.to_dict("records"), start=1):
        label = f"Bron {number}"
        rows += [
            (label, _text(source.get("title"))),
            (f"{label}: uitgever", _text(source.get("producer"))),
            (f"{label}: webpagina", _text(source.get("url_main"))),
            (f"{label}: licentie", _text(source.get("licence"))),
            (f"{label}: opgehaald op", _date_text(source.get("retrieved_at"))),
            (f"{label}: citeren als", _text(source.get("citation"))),
        ]
    for number, ind in enumerate(prov.indicators.to_dict("records"), start=1):
        label = f"Indicator {number}"
        breaks = ind.get("trend_breaks")
        break_list = [] if breaks is None else [str(b) for b in list(breaks)]
        rows += [
            (label, _text(ind.get("label"))),
            (f"{label}: definitie", _text(ind.get("definition"))),
            (f"{label}: teller", _text(ind.get("numerator_definition"))),
            (f"{label}: noemer", _text(ind.get("denominator_definition"))),
            (
                f"{label}: eenheid en interval",
                f"{_text(ind.get('unit'))}, {MODEL_TEXT.get(str(ind.get('model')), 'onbekend')}",
            ),
            (f"{label}: trendbreuken", _listing(break_list, "geen")),
        ]
    rows += [
        ("Voorlopig en definitief", STATUS_TEXT),
        (
            "Kleine aantallen",
            f"'{suppressed_label(prov.threshold)}': minder dan {prov.threshold} (0 tot en met "
            f"{prov.threshold - 1}). 'x': niet getoond zodat een kleine telling elders niet "
            f"terug te rekenen is; het getal zelf is {prov.threshold} of meer. Voor zulke rijen "
            "staan er geen waarde en geen interval in het bestand.",
        ),
    ]
    if sel is not None:  # the export table has exactly these columns; a view has its own
        rows += [(f"Kolom: {name}", text) for name, text in COLUMNS.items()]
    return rows


def csv_with_notes(table: pd.DataFrame, notes: Sequence[tuple[str, str]]) -> bytes:
    """CSV for Dutch Excel: BOM, `#`-prefixed (onderdeel, toelichting) rows, an empty line,
    the `;` table with decimal comma."""
    block = io.StringIO()
    writer = csv.writer(block, delimiter=";", lineterminator="\r\n")
    for name, text in notes:
        writer.writerow([f"{CSV_COMMENT} {name}", neutralise(text)])
    writer.writerow([f"{CSV_COMMENT} Tabel", "hieronder; scheidingsteken ';' en decimale komma"])
    return (block.getvalue() + "\r\n" + _table_text(table)).encode("utf-8-sig")


def _table_text(table: pd.DataFrame) -> str:
    """The `;` table with decimal comma, formula-like cells neutralised."""
    return neutralised(table).to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")


def table_csv_bytes(table: pd.DataFrame) -> bytes:
    """A table alone as CSV for Dutch Excel (BOM, `;`, decimal comma), without notes: for
    lists that are not published figures (the bureau's reminders)."""
    return _table_text(table).encode("utf-8-sig")


def to_csv_bytes(table: pd.DataFrame, prov: Provenance) -> bytes:
    """The export's CSV: the whole verantwoording above the table (`csv_with_notes`)."""
    return csv_with_notes(table, provenance_rows(prov))


def view_csv_bytes(table: pd.DataFrame, prov: Provenance) -> bytes:
    """One table or chart of a page as shown (its display table), with the verantwoording."""
    return csv_with_notes(table, provenance_rows(prov))


def data_sheet_notes(prov: Provenance) -> list[str]:
    """The lines above the table on the data sheet: demo notice, sources, where the rest is."""
    notes = [f"LET OP: {DEMO_NOTICE}"] if bool(prov.build.get("is_demo")) else []
    sources = [
        f"{_text(s.get('producer'))}, {_text(s.get('title'))} (licentie: {_text(s.get('licence'))})"
        for s in prov.sources.to_dict("records")
    ]
    notes.append("Bron: " + "; ".join(sources) if sources else "Bron: onbekend")
    notes.append(
        f"Gemaakt op {_dutch_datetime(prov.exported_at)}; magazijn gebouwd op "
        f"{_date_text(prov.build.get('built_at'))}. Definities, selectie en de regel voor "
        f"kleine aantallen: blad {PROVENANCE_SHEET}."
    )
    return notes[:DATA_NOTES_ROWS]


def decimals_by_indicator(prov: Provenance) -> dict[str, int]:
    """Indicator key -> its decimals (from the provenance's indicators)."""
    return {
        str(k): int(d)
        for k, d in zip(prov.indicators["indicator_key"], prov.indicators["decimals"], strict=True)
    }


def excel_number_format(decimals: int) -> str:
    """Excel format with thousands separator and fixed decimals (`#,##0.00`); Excel shows it
    with the reader's own separators (1.234,56 in Dutch Excel)."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def to_xlsx_bytes(table: pd.DataFrame, prov: Provenance) -> bytes:
    """XLSX with sheet `Cijfers` (notes, then the table) and sheet `Verantwoording`."""
    buffer = io.BytesIO()
    provenance = pd.DataFrame(provenance_rows(prov), columns=["Onderdeel", "Toelichting"])
    options = {"options": {"strings_to_formulas": False}}  # text stays text, never a formula
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=options) as writer:
        neutralised(table).to_excel(
            writer, index=False, sheet_name=DATA_SHEET, startrow=DATA_HEADER_ROW
        )
        neutralised(provenance).to_excel(writer, index=False, sheet_name=PROVENANCE_SHEET)
        book = writer.book
        data_sheet = writer.sheets[DATA_SHEET]
        bold = book.add_format({"bold": True})
        for row, note in enumerate(data_sheet_notes(prov)):
            data_sheet.write_string(
                row, 0, neutralise(note), bold if note.startswith("LET OP") else None
            )
        data_sheet.freeze_panes(DATA_HEADER_ROW + 1, 0)
        data_sheet.autofilter(
            DATA_HEADER_ROW, 0, DATA_HEADER_ROW + len(table), len(table.columns) - 1
        )
        for col, name in enumerate(table.columns):
            width = max([len(name)] + [len(str(v)) for v in table[name].head(200)]) + 2
            data_sheet.set_column(col, col, min(width, 45))
        write_number_formats(
            data_sheet, book, table, decimals_by_indicator(prov), DATA_HEADER_ROW + 1
        )
        prov_sheet = writer.sheets[PROVENANCE_SHEET]
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        prov_sheet.set_column(0, 0, 42, wrap)
        prov_sheet.set_column(1, 1, 100, wrap)
    return buffer.getvalue()


def write_number_formats(
    sheet: Any, book: Any, table: pd.DataFrame, decimals: dict[str, int], first_row: int
) -> None:
    """Rewrite the numeric cells of `table` (written with its first data row at `first_row`)
    with Excel number formats: counts `#,##0`, value and interval with the decimals of the
    row's indicator."""
    formats: dict[int, Any] = {}

    def fmt(digits: int) -> Any:
        if digits not in formats:
            formats[digits] = book.add_format({"num_format": excel_number_format(digits)})
        return formats[digits]

    columns = list(table.columns)
    value_columns = [
        c
        for c in ("Waarde", "Ondergrens 95%", "Bovengrens 95%", "Verschil met Nederland")
        if c in columns
    ]
    for offset, row in enumerate(table.to_dict("records"), start=first_row):
        digits = decimals.get(str(row.get("Indicatorcode")), 1)
        for name in ("Teller", "Noemer"):
            value = row.get(name)
            if isinstance(value, int | float) and not pd.isna(value):
                sheet.write_number(offset, columns.index(name), value, fmt(0))
        for name in value_columns:
            value = row[name]
            if value is not None and not pd.isna(value):
                sheet.write_number(offset, columns.index(name), float(value), fmt(digits))


def file_stem(level: str, built_at: Any) -> str:
    """Download file name without extension, e.g. `kompas_gemeente_2026-11-01`."""
    day = str(built_at)[:10] if built_at is not None else "onbekend"
    return f"kompas_{level}_{day}"
