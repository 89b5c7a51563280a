"""The optional inzet columns of the verzuim template: rows of text -> typed inzet figures, or
the problems (file, row, column, value).

Inzet is the closed part of the uitvraag: capacity and process figures that members compare
among themselves (fte leerplicht and RMC, verzuimmeldingen, the median doorlooptijd of a
melding, geoorloofd verzuim where registered). They are never public, so they never enter the
warehouse: the verzuim parser checks them here, in the same pass for `build` and for a member's
upload, and keeps them out of `raw.verzuim__counts`. Only the uitvraag store's reader
(`etl.uitvraag.inzet`) uses the typed values. The columns are optional, each on its own: a
template without them is the template as it was. An empty cell (or `.`) is "not reported".

Types: fte is a number of at least 0 with at most 2 decimals (comma or point), the doorlooptijd
days with at most 1 decimal, the counts whole numbers of at least 0 (the messages of the
build's own validation, `etl.validate`). A doorlooptijd needs verzuimmeldingen above 0 in the
same row: an organisation's doorlooptijd is the mean of its gemeenten's medians weighted by
their meldingen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from etl.errors import InputError, Problem
from etl.sources.readers import ROW_NUMBER, SOURCE_FILE, Rows
from etl.validate import MAX_PROBLEMS, NEGATIVE_COUNT, NOT_WHOLE

FTE_LEERPLICHT = "fte_leerplicht"
FTE_RMC = "fte_rmc"
MELDINGEN = "verzuimmeldingen"
DOORLOOPTIJD = "doorlooptijd_dagen_mediaan"
GEOORLOOFD = "geoorloofd_verzuim"


@dataclass(frozen=True)
class Column:
    """One inzet column: its name, its Dutch note and its type (`decimals` None = a count)."""

    name: str
    note: str
    decimals: int | None


COLUMNS: tuple[Column, ...] = (
    Column(
        FTE_LEERPLICHT,
        "Optioneel, alleen zichtbaar voor deelnemers en het bureau: formatie leerplicht in fte "
        "(leerplichtambtenaren en consulenten), bijvoorbeeld 2,5; hoogstens 2 decimalen. Werkt "
        "één team voor meer gemeenten, zet het totaal dan bij één gemeente en laat de andere "
        "leeg (of verdeel het): Kompas telt de fte van een organisatie op.",
        2,
    ),
    Column(
        FTE_RMC,
        "Optioneel, alleen zichtbaar voor deelnemers en het bureau: formatie "
        "RMC-trajectbegeleiding in fte; hoogstens 2 decimalen. Zoals bij fte_leerplicht: het "
        "totaal bij één gemeente mag ook.",
        2,
    ),
    Column(
        MELDINGEN,
        "Optioneel, alleen zichtbaar voor deelnemers en het bureau: aantal verzuimmeldingen dat "
        "in het schooljaar binnenkwam (alle soorten, elke melding telt; een leerling kan meer "
        "meldingen hebben).",
        None,
    ),
    Column(
        DOORLOOPTIJD,
        "Optioneel, alleen zichtbaar voor deelnemers en het bureau: mediaan van het aantal "
        "kalenderdagen van melding tot eerste actie (gesprek, huisbezoek of brief); hoogstens 1 "
        "decimaal. Vul ook verzuimmeldingen in: Kompas weegt de medianen met de meldingen.",
        1,
    ),
    Column(
        GEOORLOOFD,
        "Optioneel, alleen zichtbaar voor deelnemers en het bureau: aantal geregistreerde "
        "gevallen van geoorloofd verzuim (verleend verlof, art. 11, 13a en 14), alleen als de "
        "gemeente dat registreert; anders leeg laten.",
        None,
    ),
)
NAMES: list[str] = [column.name for column in COLUMNS]
NOTES: dict[str, str] = {column.name: column.note for column in COLUMNS}
_NOT_REPORTED = ("", ".")
_WHOLE = re.compile(r"\d+")
_DECIMAL = re.compile(r"\d+(?:[.,](\d+))?")
_NEGATIVE = re.compile(r"-\s*\d+(?:[.,]\d+)?")


def _value(column: Column, text: str) -> float | int | str:
    """A reported cell's value, or the message saying why it is not one (a `str`)."""
    if column.decimals is None:
        if _WHOLE.fullmatch(text):
            return int(text)
        return NEGATIVE_COUNT if _NEGATIVE.fullmatch(text) else NOT_WHOLE
    match = _DECIMAL.fullmatch(text)
    if match is None:
        if _NEGATIVE.fullmatch(text):
            return "negatief getal; vul 0 of meer in"
        return f"geen getal; verwacht cijfers met hoogstens {_decimals(column.decimals)}"
    if match.group(1) is not None and len(match.group(1)) > column.decimals:
        return f"te veel decimalen; hoogstens {_decimals(column.decimals)}"
    return float(text.replace(",", "."))


def _decimals(count: int) -> str:
    return "1 decimaal" if count == 1 else f"{count} decimalen"


def read_inzet(rows: Rows) -> pd.DataFrame:
    """Type the inzet columns of one parsed template file.

    Args:
        rows: the file's rows (header checked, field counts equal to the header).

    Returns:
        One row per data row: `_source_file`, `_row_number`, then every column of `NAMES` (fte
        and doorlooptijd float, counts Int64; missing = not reported, also when the file lacks
        the column).

    Raises:
        InputError: every bad inzet value (at most `MAX_PROBLEMS`), naming file, row, column
            and value.
    """
    present = {name: rows.header.index(name) for name in NAMES if name in rows.header}
    problems: list[Problem] = []
    records = []
    for values, line in zip(rows.rows, rows.row_numbers, strict=True):
        record: dict[str, object] = {SOURCE_FILE: rows.file, ROW_NUMBER: line}
        bad: set[str] = set()
        for column in COLUMNS:
            position = present.get(column.name)
            text = None if position is None else values[position]
            stripped = "" if text is None else text.strip()
            record[column.name] = None
            if stripped in _NOT_REPORTED:
                continue
            value = _value(column, stripped)
            if isinstance(value, str):
                problems.append(Problem(rows.file, value, line, column.name, text))
                bad.add(column.name)
            else:
                record[column.name] = value
        if record[DOORLOOPTIJD] is not None and MELDINGEN not in bad and not record[MELDINGEN]:
            problems.append(
                Problem(
                    rows.file,
                    "doorlooptijd zonder verzuimmeldingen in dezelfde rij: vul ook "
                    "verzuimmeldingen in (meer dan 0)",
                    line,
                    DOORLOOPTIJD,
                    values[present[DOORLOOPTIJD]],
                )
            )
        records.append(record)
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    frame = pd.DataFrame(records, columns=[SOURCE_FILE, ROW_NUMBER, *NAMES])
    for column in COLUMNS:
        frame[column.name] = frame[column.name].astype(
            "Int64" if column.decimals is None else "float64"
        )
    return frame
