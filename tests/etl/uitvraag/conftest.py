"""Fixtures for the uitvraag tests: a round opened through the real CLI on a fresh store, and
member files built from last year's figures in the fixture warehouse (read with our own SQL)."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.demo.writers import template_csv, template_xlsx
from etl.sources.verzuim import TEMPLATE_COLUMNS
from tests.conftest_helpers import run_etl

SCHOOL_YEAR = "2025-2026"
LAST_YEAR_START = 2024
PUBLIC_URL = "https://kompas.example.nl"


@dataclass(frozen=True)
class OpenRound:
    """A round opened by the CLI: store, the links file's rows, the organisations' gemeenten,
    its folder and what `open` printed."""

    store: Path
    links: dict[str, str]
    gemeenten: dict[str, list[str]]
    folder: Path
    open_output: str

    def run(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`python -m etl uitvraag ARGS` on this round's store."""
        return run_etl("uitvraag", *args, env={"KOMPAS_UITVRAAG": str(self.store), **(env or {})})

    def submit(
        self, organisation: str, file: Path, *extra: str, client: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Submit `file` with the organisation's own secret."""
        client_args = ["--client", client or f"test-{organisation}"]
        return self.run(
            "submit", "--token", self.links[organisation], *client_args, *extra, str(file)
        )

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """Read the store with our own SQL."""
        con = sqlite3.connect(self.store)
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()


def read_warehouse(db: Path, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    """Read a warehouse with our own SQL."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).df()
    finally:
        con.close()


def last_year_rows(warehouse: Path) -> dict[str, dict[str, str]]:
    """Last year's template values per gemeente, as text in template column order."""
    frame = read_warehouse(
        warehouse,
        "select * from staged.verzuim__counts where school_year_start = ? "
        "order by municipality_code",
        [LAST_YEAR_START],
    )
    rows: dict[str, dict[str, str]] = {}
    for record in frame.to_dict("records"):
        row = {
            "gemeentecode": record["municipality_code"],
            "gemeentenaam": record["municipality_name"],
            "schooljaar": SCHOOL_YEAR,
            "status": "voorlopig",
        }
        for column in TEMPLATE_COLUMNS[4:]:
            value = record[f"{column}_count"]
            row[column] = "" if value != value or value is None else str(int(value))
        rows[str(record["municipality_code"])] = row
    return rows


MemberFile = Callable[..., Path]


def open_round(
    store: Path, organisations: Path, links: Path, *extra: str, school_year: str = SCHOOL_YEAR
) -> subprocess.CompletedProcess[str]:
    """`python -m etl uitvraag open` for `school_year` on `store`."""
    return run_etl(
        "uitvraag",
        "open",
        "--school-year",
        school_year,
        "--organisations",
        str(organisations),
        "--links-out",
        str(links),
        *extra,
        env={"KOMPAS_UITVRAAG": str(store)},
    )


@pytest.fixture
def member_file(tmp_path: Path, fixture_warehouse: Path) -> MemberFile:
    """Write a member's template: last year's figures of `codes`, with `changes` applied
    ({(gemeentecode, column): value}), as CSV or XLSX."""
    last = last_year_rows(fixture_warehouse)

    def write(
        name: str,
        codes: Sequence[str],
        changes: dict[tuple[str, str], str] | None = None,
    ) -> Path:
        rows = []
        for code in codes:
            row = dict(last[code])
            for (where, column), value in (changes or {}).items():
                if where == code:
                    row[column] = value
            rows.append([row[c] for c in TEMPLATE_COLUMNS])
        path = tmp_path / name
        if path.suffix == ".xlsx":
            path.write_bytes(template_xlsx(TEMPLATE_COLUMNS, rows, "verzuim"))
        else:
            path.write_bytes(template_csv(TEMPLATE_COLUMNS, rows))
        return path

    return write


@pytest.fixture
def opened(tmp_path: Path, fixture_warehouse: Path) -> OpenRound:
    """A round for 2025-2026 with two organisations of two and one gemeente, opened by the CLI."""
    codes = sorted(last_year_rows(fixture_warehouse))
    gemeenten = {"rmc-noord": codes[:2], "lp-zuid": codes[2:3]}
    orgs = tmp_path / "organisaties.csv"
    with orgs.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["organisation_id", "name", "email", "gemeentecodes"])
        writer.writerow(
            ["rmc-noord", "RMC Noord", "noord@example.nl", " ".join(gemeenten["rmc-noord"])]
        )
        writer.writerow(["lp-zuid", "=Leerplicht Zuid", "zuid@example.nl", gemeenten["lp-zuid"][0]])
    store = tmp_path / "uitvraag.sqlite"
    links_file = tmp_path / "links.csv"
    result = open_round(store, orgs, links_file, "--public-url", PUBLIC_URL)
    assert result.returncode == 0, result.stderr
    with links_file.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    links = {r["organisation_id"]: r["token"] for r in table}
    return OpenRound(store, links, gemeenten, tmp_path, result.stdout + result.stderr)
