"""A round for a school year the warehouse has never had, with few answers, end to end through
the CLI: open for every gemeente, three gemeenten of one RMC-regio submit, close, `rebuild`.
The new year then exists with the three submitted figures, `geen opgave` for the 39 others and
regions without any answer, and ratio estimates (docs/nonresponse.md) for the totals that hold
an answer; `publish`, `tables` and Overzicht say `geschat` with the response beside it.

The expected estimates are worked out here from the method's definition, not read from the
estimation code: the three answers lie in one RMC-regio x provincie stratum, so every stratum
(its own, the ones borrowing from its provincie and from Nederland) uses the same ratio
observed / inhabitants of the three, and a total is that ratio times its inhabitants."""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, texts
from tests.conftest_helpers import run_etl
from tests.etl.uitvraag.conftest import (
    last_year_rows,
    open_round,
    read_warehouse,
    write_member_file,
)

NEW_YEAR = "2025-2026"
ANSWERED = ["GM9101", "GM9102", "GM9103"]  # Brakveen, Velderwijk, Zilmond: MC51, PV92
KEY = "absoluut_verzuim_per_1000"
# 3 of the 42 gemeenten: 7,1 % -> 7 %; MC51 has 6 gemeenten, PV92 12
NATIONAL_NOTE = "geschat; respons 3 van 42 gemeenten (7 %)"


@dataclass(frozen=True)
class NewYear:
    """The rebuilt warehouse, the absoluut verzuim the three gemeenten sent, the folder."""

    db: Path
    sent: dict[str, int]
    folder: Path


@pytest.fixture(scope="module")
def new_year(
    tmp_path_factory: pytest.TempPathFactory, demo_raw_dir: Path, fixture_warehouse: Path
) -> NewYear:
    folder = tmp_path_factory.mktemp("new-year")
    last = last_year_rows(fixture_warehouse)
    orgs = folder / "organisaties.csv"
    with orgs.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["organisation_id", "name", "email", "gemeentecodes"])
        for code in sorted(last):
            writer.writerow([f"lp-{code}", f"Leerplicht {code}", f"{code}@example.nl", code])
    store, links = folder / "uitvraag.sqlite", folder / "links.csv"
    env = {"KOMPAS_UITVRAAG": str(store)}
    opened = open_round(store, orgs, links, school_year=NEW_YEAR)
    assert opened.returncode == 0, opened.stderr
    with links.open(encoding="utf-8", newline="") as handle:
        tokens = {r["organisation_id"]: r["token"] for r in csv.DictReader(handle)}
    for code in ANSWERED:
        file = write_member_file(
            folder / f"{code}.csv", last, [code], {(code, "schooljaar"): NEW_YEAR}
        )
        sent = run_etl("uitvraag", "submit", "--token", tokens[f"lp-{code}"], str(file), env=env)
        assert sent.returncode == 0, sent.stderr
    assert run_etl("uitvraag", "close", "--vintage", "nieuw-jaar", env=env).returncode == 0
    raw = folder / "raw"
    shutil.copytree(demo_raw_dir, raw)
    db = folder / "kompas.duckdb"
    rebuild = ["rebuild", "--vintage", "nieuw-jaar", "--raw-dir", str(raw), "--db", str(db)]
    built = run_etl("uitvraag", *rebuild, env=env)
    assert built.returncode == 0, built.stderr
    return NewYear(db, {c: int(last[c]["absoluut_verzuim"]) for c in ANSWERED}, folder)


def _rows(db: Path, codes: list[str]) -> dict[str, dict[str, object]]:
    frame = read_warehouse(
        db,
        "select region_code, numerator, denominator, flag, is_estimate, gemeenten_responding, "
        "gemeenten_total from marts.published_values where indicator_key = ? and school_year = ? "
        f"and region_code in ({', '.join('?' for _ in codes)})",
        [KEY, NEW_YEAR, *codes],
    )
    return {str(r["region_code"]): r for r in frame.to_dict("records")}


def test_the_new_year_holds_the_answers_and_estimates_the_totals(new_year: NewYear) -> None:
    rows = _rows(new_year.db, [*ANSWERED, "GM9104", "MC51", "MC52", "PV91", "PV92", "NL01"])
    for code in ANSWERED:
        assert rows[code]["numerator"] == new_year.sent[code]
        assert rows[code]["flag"] == "" and not rows[code]["is_estimate"]
    observed = sum(new_year.sent.values())
    inhabitants = sum(int(rows[c]["denominator"]) for c in ANSWERED)  # type: ignore[call-overload]
    for code, responding, total in (("MC51", 3, 6), ("PV92", 3, 12), ("NL01", 3, 42)):
        row = rows[code]
        expected = observed * int(row["denominator"]) / inhabitants  # type: ignore[call-overload]
        assert row["numerator"] == round(expected), code
        assert row["is_estimate"] and row["flag"] == ""
        assert (row["gemeenten_responding"], row["gemeenten_total"]) == (responding, total)
    # a gemeente, an RMC-regio and a provincie without any answer: geen opgave, never 0
    for code in ("GM9104", "MC52", "PV91"):
        assert rows[code]["flag"] == "no_submission" and rows[code]["numerator"] is None


def test_publish_and_the_ocw_tables_say_geschat(new_year: NewYear) -> None:
    out = new_year.folder / "publicatie"
    published = run_etl("publish", "--out", str(out), "--db", str(new_year.db))
    assert published.returncode == 0, published.stderr
    with (out / "respons.csv").open(encoding="utf-8", newline="") as handle:
        notes = {
            (r["region_code"], r["indicator_key"]): r["toelichting"]
            for r in csv.DictReader(handle)
            if r["school_year"] == NEW_YEAR
        }
    assert notes[("NL01", KEY)] == NATIONAL_NOTE
    assert notes[("MC51", KEY)] == "geschat; respons 3 van 6 gemeenten (50 %)"
    assert notes[("GM9104", KEY)] == "geen opgave"
    assert notes[("GM9101", KEY)] == ""

    tables = new_year.folder / "tabellen"
    made = run_etl("tables", "--out", str(tables), "--db", str(new_year.db))
    assert made.returncode == 0, made.stderr
    national = (tables / "tabel_1.csv").read_text(encoding="utf-8")
    [line] = [x for x in national.splitlines() if f";{KEY};" in x and f";{NEW_YEAR};" in x]
    assert line.endswith(f'"{NATIONAL_NOTE}"')
    assert f"tot en met {NEW_YEAR}" in national


def test_overzicht_opens_on_the_new_year_with_the_estimate(
    new_year: NewYear, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KOMPAS_DB", str(new_year.db))
    monkeypatch.setenv("KOMPAS_WORKSHOP_DB", str(tmp_path / "workshop.sqlite"))
    st.cache_data.clear()
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    shown = texts(at)
    assert NEW_YEAR in shown
    assert NATIONAL_NOTE in shown
