"""A round with inzet figures, built in-process through the store's own functions (open, submit):
four organisations whose figures and ratios the tests compute by hand from the values below."""

from __future__ import annotations

import csv
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from etl.demo.writers import template_csv, template_xlsx
from etl.sources.verzuim import INZET_COLUMNS, SHEET, TEMPLATE_COLUMNS
from etl.uitvraag.organisations import Organisation
from etl.uitvraag.rounds import open_round
from etl.uitvraag.store import connect
from etl.uitvraag.submit import open_link, submit_bytes

Cell = str | float | None
SCHOOL_YEAR = "2025-2026"
MAX_BYTES = 1 << 20
#: organisation_id -> (name, gemeenten); `west` has a name a spreadsheet would run as a formula
ORGANISATIONS = {
    "noord": ("RMC Noord", ("GM0101", "GM0102")),
    "zuid": ("Leerplicht Zuid", ("GM0201",)),
    "west": ("=West", ("GM0301",)),
    "oost": ("Oost", ("GM0401",)),
}
# (gemeentecode, leerplichtigen, fte_leerplicht, fte_rmc, meldingen, doorlooptijd, geoorloofd)
NOORD: list[tuple[Cell, ...]] = [
    ("GM0101", 3000, 2.5, 1.25, 120, 10, 60),
    ("GM0102", 1000, 0.5, None, 40, 6, None),
]
# zuid's first file, superseded by its second (text with a decimal comma, as Dutch CSV has it)
ZUID_FIRST: list[tuple[Cell, ...]] = [("GM0201", 2000, 9, None, 50, 14.5, None)]
ZUID: list[tuple[Cell, ...]] = [("GM0201", 2000, "1", None, 50, "14,5", None)]


@dataclass(frozen=True)
class InzetRound:
    """The round's store, its id and the organisations' names."""

    store: Path
    round_id: int
    names: dict[str, str]


def _rows(figures: list[tuple[Cell, ...]]) -> list[list[Cell]]:
    """Template rows: gemeente, the round's year, leerplichtigen, 5 for every other count, and
    the inzet values as given (None = empty cell)."""
    return [
        [code, f"Gemeente {code}", SCHOOL_YEAR, "voorlopig", lp, *[5] * 12, *inzet]
        for code, lp, *inzet in figures
    ]


def _csv(columns: list[str], rows: list[list[Cell]]) -> bytes:
    return template_csv(columns, [["" if v is None else str(v) for v in row] for row in rows])


def _submit(con: sqlite3.Connection, secret: str, name: str, content: bytes) -> None:
    link = open_link(con, secret, "test")
    outcome = submit_bytes(con, link, name, content, MAX_BYTES, None)
    assert outcome.is_accepted, outcome.messages


def make_inzet_round(folder: Path) -> InzetRound:
    """Open the round and submit: `noord` an XLSX with inzet on two gemeenten, `zuid` a CSV with
    inzet (after an earlier accepted one it supersedes), `west` a CSV in the template without
    inzet columns, `oost` nothing."""
    organisations = [
        Organisation(key, name, f"{key}@example.nl", codes)
        for key, (name, codes) in ORGANISATIONS.items()
    ]
    store, links = folder / "uitvraag.sqlite", folder / "links.csv"
    columns = [*TEMPLATE_COLUMNS, *INZET_COLUMNS]
    with connect(store) as con:
        opened = open_round(con, SCHOOL_YEAR, organisations, links, "https://kompas.example.nl")
        with links.open(encoding="utf-8", newline="") as handle:
            secrets = {r["organisation_id"]: r["token"] for r in csv.DictReader(handle)}
        noord = template_xlsx(columns, _rows(NOORD), SHEET)
        _submit(con, secrets["noord"], "noord.xlsx", noord)
        _submit(con, secrets["zuid"], "zuid.csv", _csv(columns, _rows(ZUID_FIRST)))
        _submit(con, secrets["zuid"], "zuid-2.csv", _csv(columns, _rows(ZUID)))
        west = _csv(TEMPLATE_COLUMNS, _rows([("GM0301", 800)]))
        _submit(con, secrets["west"], "west.csv", west)
    return InzetRound(store, opened.round_id, {k: v[0] for k, v in ORGANISATIONS.items()})
