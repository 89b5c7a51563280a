"""The export files open in the tools people use and carry provenance; small counts never leak.

Runs on the warehouse named by KOMPAS_DB (a real build by the pipeline); skipped without it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from dashboard import export, queries, queries_explore

logging.getLogger("streamlit").setLevel(logging.ERROR)

EXPORTED_AT = datetime(2026, 1, 2, 3, 4)


@pytest.fixture(scope="module")
def raw() -> Iterator[duckdb.DuckDBPyConnection]:
    """Direct read-only connection to the warehouse, to compare against unsuppressed numbers."""
    db = os.environ.get("KOMPAS_DB", "")
    if not db or not Path(db).is_file():
        pytest.skip("KOMPAS_DB does not name a warehouse file; export tests need a built one")
    con = duckdb.connect(db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def selection(raw: duckdb.DuckDBPyConnection) -> dict[str, object]:
    """Gemeenten with suppressed rows in the newest year, plus one unsuppressed gemeente."""
    year = raw.execute("select last_school_year from meta.build").fetchone()[0]
    suppressed = raw.execute(
        "select indicator_key, region_code from marts.indicator_values "
        "where region_level = 'gemeente' and school_year = ? and numerator < 5 "
        "order by indicator_key, region_code limit 1",
        [year],
    ).fetchone()
    assert suppressed is not None, "the test warehouse must hold a small count to suppress"
    indicator, code = suppressed
    other = raw.execute(
        "select region_code from marts.indicator_values where region_level = 'gemeente' "
        "and school_year = ? and indicator_key = ? and numerator >= 5 order by region_code "
        "limit 1",
        [year, indicator],
    ).fetchone()[0]
    return {"indicators": [indicator, "vsv_pct"], "regions": [code, other], "years": [year]}


@pytest.fixture(scope="module")
def files(raw: duckdb.DuckDBPyConnection, selection: dict) -> dict[str, object]:
    values = queries_explore.export_values(
        selection["indicators"], "gemeente", selection["regions"], selection["years"]
    )
    table = export.export_table(values, threshold=5)
    build = queries.build_info()
    indicators = queries.indicators()
    chosen = indicators.set_index("indicator_key").loc[selection["indicators"]]
    prov = export.provenance_for(
        build,
        queries.sources(),
        indicators,
        selection["indicators"],
        export.Selection(
            indicators=list(chosen["label"]),
            level="gemeente",
            regions=list(values["region_name"].unique()),
            years=selection["years"],
        ),
        threshold=5,
    )
    prov = dataclasses.replace(prov, exported_at=EXPORTED_AT)
    return {
        "keys": selection["indicators"],
        "values": values,
        "table": table,
        "build": build,
        "prov": prov,
        "csv": export.to_csv_bytes(table, prov),
        "xlsx": export.to_xlsx_bytes(table, prov),
    }


def read_csv(data: bytes) -> pd.DataFrame:
    """Read the CSV the way the module docstring tells users to."""
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", comment="#", encoding="utf-8-sig")


def test_csv_starts_with_bom_and_a_provenance_block_then_the_table(files: dict) -> None:
    data: bytes = files["csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    block = lines[: lines.index("")]
    assert block and all(line.startswith("# ") for line in block)
    # Excel (and any CSV reader) sees two columns per provenance row: label, text.
    pairs = list(csv.reader(block, delimiter=";"))
    assert all(len(pair) == 2 for pair in pairs)
    expected = export.provenance_rows(files["prov"])
    assert [(label[2:], text) for label, text in pairs[: len(expected)]] == expected
    assert lines[len(block) + 1].split(";") == list(export.COLUMNS)


def test_csv_reads_back_with_dutch_separators_and_same_numbers(files: dict) -> None:
    back = read_csv(files["csv"])
    table: pd.DataFrame = files["table"]
    assert list(back.columns) == list(export.COLUMNS)
    assert len(back) == len(table) == len(files["values"])
    assert back["Waarde"].dtype == float
    shown = table["Waarde"].astype(float)
    pd.testing.assert_series_equal(back["Waarde"], shown, check_names=False)
    assert list(back["Noemer"]) == list(files["values"]["denominator"])


def test_csv_provenance_names_build_sources_selection_and_rules(files: dict) -> None:
    text = files["csv"].decode("utf-8-sig")
    block = "\n".join(
        f"{label}: {value}"
        for label, value in csv.reader(text.split("\r\n\r\n", 1)[0].split("\r\n"), delimiter=";")
    )
    build = files["build"]
    assert f"# Datum build: {_dutch_day(build['built_at'])}" in block
    assert "# Gemaakt op: 2 januari 2026, 03:04" in block
    for number, source in enumerate(files["prov"].sources.itertuples(), start=1):
        assert f"# Bron {number}: {source.title}" in block
        assert f"# Bron {number}: licentie: {source.licence}" in block
        retrieved = "onbekend" if pd.isna(source.retrieved_at) else _dutch_day(source.retrieved_at)
        assert f"# Bron {number}: opgehaald op: {retrieved}" in block
    for name in files["prov"].selection.regions:
        assert name in block
    assert f"# Selectie: schooljaren: {files['prov'].selection.years[0]}" in block
    assert "# Selectie: niveau: gemeente" in block
    assert "'<5'" in block
    assert "# Voorlopig en definitief:" in block
    for number, label in enumerate(files["prov"].indicators["label"], start=1):
        assert f"# Indicator {number}: {label}" in block
        assert f"# Indicator {number}: definitie: " in block
    if build["is_demo"]:
        assert "DEMOGEGEVENS" in block


def test_suppressed_counts_never_leak(files: dict, raw: duckdb.DuckDBPyConnection) -> None:
    back = read_csv(files["csv"])
    hidden = back[back["Onderdrukt"] == "ja"]
    assert len(hidden) >= 1
    flags = dict(
        ((key, code, year), flag)
        for key, code, year, flag in raw.execute(
            "select indicator_key, region_code, school_year, flag from marts.published_values"
        ).fetchall()
    )
    labels = {"primary": "<5", "secondary": "x"}
    for row in hidden.itertuples():
        assert row.Teller == labels[flags[(row.Indicatorcode, row.Regiocode, row.Schooljaar)]]
    assert hidden[["Waarde", "Ondergrens 95%", "Bovengrens 95%"]].isna().all().all()
    small = hidden[hidden["Teller"] == "<5"].iloc[0]
    true_count = raw.execute(
        "select numerator from marts.indicator_values "
        "where indicator_key = ? and region_code = ? and school_year = ?",
        [small["Indicatorcode"], small["Regiocode"], small["Schooljaar"]],
    ).fetchone()
    assert true_count is not None and true_count[0] < 5, "a `<5` row is a small count"
    shown = back[back["Onderdrukt"] == "nee"]
    assert shown["Teller"].astype(int).min() >= 5


def test_export_table_hides_a_number_even_if_the_input_carries_one(files: dict) -> None:
    values = files["values"].copy()
    values["numerator"] = values["numerator"].astype("Float64").fillna(3)
    values["value"] = values["value"].fillna(1.234)
    table = export.export_table(values, threshold=5)
    suppressed = values["is_suppressed"].to_numpy()
    hidden = table[suppressed]
    expected = values.loc[suppressed, "flag"].map({"primary": "<5", "secondary": "x"})
    assert hidden["Teller"].tolist() == expected.tolist()
    assert hidden["Waarde"].isna().all()


def test_xlsx_has_data_and_verantwoording_sheets(files: dict) -> None:
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)
    assert book.sheetnames == [export.DATA_SHEET, export.PROVENANCE_SHEET]
    everything = list(book[export.DATA_SHEET].iter_rows(values_only=True))
    rows = everything[export.DATA_HEADER_ROW :]
    assert list(rows[0]) == list(export.COLUMNS)
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(body) == len(files["table"])
    for row in body:
        if row["Onderdrukt"] == "ja":
            assert row["Teller"] in ("<5", "x") and row["Waarde"] is None
        else:
            assert isinstance(row["Teller"], int) and isinstance(row["Waarde"], int | float)
    notes = {
        name: text
        for name, text in book[export.PROVENANCE_SHEET].iter_rows(min_row=2, values_only=True)
    }
    assert notes["Datum build"] == _dutch_day(files["build"]["built_at"])
    assert notes["Selectie: niveau"] == "gemeente"
    assert "<5" in notes["Kleine aantallen"]
    assert any(name.endswith(": licentie") for name in notes)


def test_provenance_lists_only_the_sources_of_the_chosen_indicators(files: dict) -> None:
    prov = files["prov"]
    assert list(prov.indicators["indicator_key"]) == files["keys"]
    assert set(prov.sources["source_key"]) == set(prov.indicators["source_key"])


def test_file_stem_uses_level_and_build_day() -> None:
    assert export.file_stem("rmc", "2025-06-30T12:34:56Z") == "kompas_rmc_2025-06-30"


def _dutch_day(value: object) -> str:
    """`2 december 2026` from an ISO text, written out by hand (not via the code under test)."""
    months = "januari februari maart april mei juni juli augustus september oktober november "
    months += "december"
    text = str(value)
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    return f"{day} {months.split()[month - 1]} {year}"


def test_xlsx_data_sheet_has_notes_and_excel_number_formats(files: dict) -> None:
    """The sheet with the figures itself says demo and source (not only Verantwoording), and
    its numbers carry Excel formats: counts with a thousands separator, values and intervals
    with the indicator's decimals."""
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    sheet = book[export.DATA_SHEET]
    notes = [sheet.cell(row=r, column=1).value for r in range(1, export.DATA_HEADER_ROW + 1)]
    text = " ".join(str(n) for n in notes if n)
    if files["build"]["is_demo"]:
        assert text.startswith("LET OP: Dit zijn DEMOGEGEVENS")
    for source in files["prov"].sources.itertuples():
        assert str(source.producer) in text and str(source.title) in text
    assert "blad Verantwoording" in text
    header = [c.value for c in sheet[export.DATA_HEADER_ROW + 1]]
    assert header == list(export.COLUMNS)
    col = {name: i for i, name in enumerate(header)}
    decimals = dict(
        zip(
            files["prov"].indicators["indicator_key"],
            files["prov"].indicators["decimals"],
            strict=True,
        )
    )
    checked = 0
    for row in sheet.iter_rows(min_row=export.DATA_HEADER_ROW + 2):
        key = row[col["Indicatorcode"]].value
        noemer = row[col["Noemer"]]
        assert noemer.number_format == "#,##0"
        waarde = row[col["Waarde"]]
        if waarde.value is not None:
            digits = int(decimals[key])
            assert waarde.number_format == ("#,##0." + "0" * digits if digits else "#,##0")
            assert row[col["Bovengrens 95%"]].number_format == waarde.number_format
            checked += 1
    assert checked > 0


def test_export_compares_every_region_with_its_nederland_row() -> None:
    """A Nederland row per indicator and year; each region gets its difference with it (by
    hand: 10,0 - 2,0 = +8,0 and 2,5 - 2,0 = +0,5) and the build's funnel verdict in words; a
    hidden row gets neither."""

    def row(
        level: str, code: str, numerator: float | None, denominator: float, verdict: str = ""
    ) -> dict:
        value = None if numerator is None else numerator / denominator * 100
        return {
            "indicator_key": "vsv_pct",
            "indicator_label": "Voortijdig schoolverlaters",
            "unit": "%",
            "decimals": 1,
            "region_level": level,
            "region_code": code,
            "region_name": code,
            "school_year": "2023-2024",
            "school_year_start": 2023,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "ci_lower": value,
            "ci_upper": value,
            "status": "definitief",
            "is_suppressed": numerator is None,
            "flag": "primary" if numerator is None else "",
            "funnel_class": verdict,
        }

    regions = pd.DataFrame(
        [
            row("gemeente", "GM1", 100, 1000, "above_998"),
            row("gemeente", "GM2", 25, 1000, "within"),
            row("gemeente", "GM3", None, 40),
        ]
    )
    national = pd.DataFrame([row("nederland", "NL01", 20_000, 1_000_000)])
    values = export.with_country(regions, national)
    table = export.export_table(values, 5)
    assert list(table["Regiocode"]) == ["NL01", "GM1", "GM2", "GM3"]
    assert list(table.columns) == list(export.COLUMNS)
    assert table["Verschil met Nederland"].tolist()[1:3] == [8.0, 0.5]
    assert table["Verschil met Nederland"].isna().tolist() == [True, False, False, True]
    assert list(table["t.o.v. Nederland"]) == [
        "",
        "hoger, buiten 99,8%-grens",
        "binnen de grenzen",
        "niet te beoordelen",
    ]


FORMULAS = ["=1+1", "+1+2", "-2+3", "@SUM(A1)", "\t=1", '=HYPERLINK("http://x")']


def test_text_that_excel_would_run_as_a_formula_gets_a_leading_quote(files: dict) -> None:
    """Cells, column names and provenance texts starting with = + - @ (tab, CR) are neutralised
    in the CSV and in the XLSX; plain numbers such as -0,3 or +1,2% stay as they are."""
    table = pd.DataFrame(
        {
            "Regio": FORMULAS + ["-0,3", "+1,2%", "Gouda"],
            "=Kop": ["a"] * 9,
            "Waarde": [1.5] * 9,
        }
    )
    prov = dataclasses.replace(files["prov"], view="=2*3 weergave")
    expected = [f"'{text}" for text in FORMULAS] + ["-0,3", "+1,2%", "Gouda"]
    lines = export.view_csv_bytes(table, prov).decode("utf-8-sig").split("\r\n")
    notes = list(csv.reader(lines[: lines.index("")], delimiter=";"))
    assert ["# Weergave", "'=2*3 weergave"] in notes
    body = list(csv.reader(lines[lines.index("") + 1 :], delimiter=";"))
    assert body[0] == ["Regio", "'=Kop", "Waarde"]
    assert [row[0] for row in body[1:10]] == expected
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(table, prov)))
    sheet = book[export.DATA_SHEET]
    header = export.DATA_HEADER_ROW + 1  # openpyxl counts from 1
    assert [sheet.cell(header, c).value for c in (1, 2)] == ["Regio", "'=Kop"]
    cells = [sheet.cell(header + 1 + i, 1) for i in range(9)]
    assert [c.value for c in cells] == expected
    assert all(c.data_type == "s" for c in cells)  # text, not formulas
    texts = [c.value for row in book[export.PROVENANCE_SHEET].iter_rows() for c in row]
    assert "'=2*3 weergave" in texts


def test_a_view_download_names_the_view_and_keeps_the_table_as_shown(files: dict) -> None:
    shown = pd.DataFrame({"Regio": ["A", "B"], "Waarde (%)": ["2,7", "<5"]})
    prov = export.provenance_for(
        files["build"],
        queries.sources(),
        queries.indicators(),
        ["vsv_pct"],
        None,
        5,
        view="Vergelijken: tabel",
    )
    data = export.view_csv_bytes(shown, prov).decode("utf-8-sig")
    labels = [row[0] for row in csv.reader(data.split("\r\n\r\n")[0].split("\r\n"), delimiter=";")]
    assert "# Weergave" in labels and "# Tabel" in labels and "# Bron 1" in labels
    assert not any(
        label.startswith("# Selectie") or label.startswith("# Kolom") for label in labels
    )
    assert data.split("\r\n\r\n", 1)[1] == "Regio;Waarde (%)\r\nA;2,7\r\nB;<5\r\n"
