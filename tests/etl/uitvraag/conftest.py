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
from etl.uitvraag.bureau import hash_password
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


def write_member_file(
    path: Path,
    last: dict[str, dict[str, str]],
    codes: Sequence[str],
    changes: dict[tuple[str, str], str] | None = None,
) -> Path:
    """A member's template at `path`: last year's figures (`last_year_rows`) of `codes`, with
    `changes` applied ({(gemeentecode, column): value}), as CSV or XLSX by the suffix."""
    rows = []
    for code in codes:
        row = dict(last[code])
        for (where, column), value in (changes or {}).items():
            if where == code:
                row[column] = value
        rows.append([row[c] for c in TEMPLATE_COLUMNS])
    if path.suffix == ".xlsx":
        path.write_bytes(template_xlsx(TEMPLATE_COLUMNS, rows, "verzuim"))
    else:
        path.write_bytes(template_csv(TEMPLATE_COLUMNS, rows))
    return path


@pytest.fixture
def member_file(tmp_path: Path, fixture_warehouse: Path) -> MemberFile:
    """Write a member's template (`write_member_file`) named `name` in the test's folder."""
    last = last_year_rows(fixture_warehouse)

    def write(
        name: str,
        codes: Sequence[str],
        changes: dict[tuple[str, str], str] | None = None,
    ) -> Path:
        return write_member_file(tmp_path / name, last, codes, changes)

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


@dataclass(frozen=True)
class BureauRound:
    """A round for the bureau's view, built through the real CLI with one organisation in each
    state (`expected` says which, by construction): its store, the organisations' names, e-mail
    addresses and gemeenten, and the bureau's password with its hash."""

    store: Path
    names: dict[str, str]
    emails: dict[str, str]
    gemeenten: dict[str, list[str]]
    expected: dict[str, str]
    password: str
    password_hash: str


BUREAU_PASSWORD = "bureau-wachtwoord-voor-de-test"


def make_bureau_round(folder: Path, warehouse: Path) -> BureauRound:
    """Open a round for five gemeenten of four organisations and submit through the CLI:
    `a-open` a large jump left unconfirmed (open vragen), `b-klaar` a large jump confirmed
    (gecontroleerd), `c-zonder` a plain file while no warehouse is there (ingediend, never
    compared), `d-niets` only a refused file (nog niet). `d-niets` has a name and an e-mail
    address a spreadsheet would run as formulas."""
    last = last_year_rows(warehouse)
    codes = sorted(last)[:5]
    organisations = {
        "a-open": ("RMC Open", "open@example.nl", codes[0:2]),
        "b-klaar": ("Leerplicht Klaar", "klaar@example.nl", codes[2:3]),
        "c-zonder": ("Zonder Vergelijking", "zonder@example.nl", codes[3:4]),
        "d-niets": ("=1+2", "-niets@example.nl", codes[4:5]),
    }
    orgs = folder / "organisaties.csv"
    with orgs.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["organisation_id", "name", "email", "gemeentecodes"])
        for key, (name, email, own) in organisations.items():
            writer.writerow([key, name, email, " ".join(own)])
    store, links_file = folder / "uitvraag.sqlite", folder / "links.csv"
    opened = open_round(store, orgs, links_file)
    assert opened.returncode == 0, opened.stderr
    with links_file.open(encoding="utf-8", newline="") as handle:
        tokens = {r["organisation_id"]: r["token"] for r in csv.DictReader(handle)}

    def submit(org: str, changes: dict[tuple[str, str], str], *extra: str) -> int:
        file = write_member_file(folder / f"{org}.csv", last, organisations[org][2], changes)
        args = ["submit", "--token", tokens[org], "--client", f"test-{org}", *extra, str(file)]
        return run_etl("uitvraag", *args, env={"KOMPAS_UITVRAAG": str(store)}).returncode

    def jump(code: str) -> dict[tuple[str, str], str]:
        # +60 %: one question from last year's figure; the rates per leerplichtige stay within
        # the peers' band (tripling it pushes them below: more questions, from the peers)
        return {(code, "leerplichtigen"): str(int(last[code]["leerplichtigen"]) * 8 // 5)}

    assert submit("a-open", jump(codes[0])) == 0
    assert submit("b-klaar", jump(codes[2]), "--confirm", "Nieuwe wijk") == 0
    assert submit("c-zonder", {}, "--db", str(folder / "geen-magazijn.duckdb")) == 0
    assert submit("d-niets", {(codes[4], "absoluut_verzuim"): "-3"}) == 2
    return BureauRound(
        store=store,
        names={k: v[0] for k, v in organisations.items()},
        emails={k: v[1] for k, v in organisations.items()},
        gemeenten={k: list(v[2]) for k, v in organisations.items()},
        expected={
            "a-open": "open vragen",
            "b-klaar": "gecontroleerd",
            "c-zonder": "ingediend",
            "d-niets": "nog niet",
        },
        password=BUREAU_PASSWORD,
        password_hash=hash_password(BUREAU_PASSWORD),
    )
