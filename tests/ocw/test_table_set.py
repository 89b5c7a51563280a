"""`python -m etl tables` on the fixture warehouse: the OCW table set, byte for byte the same each
time, with the published numbers (checked against marts.published_values with SQL here)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from ocw.tables import OcwTable
from ocw.workbook import WORKBOOK_NAME, workbook_bytes

ROOT = Path(__file__).resolve().parents[2]
SHEETS = ["Inhoud", "Tabel 1", "Tabel 2", "Tabel 3", "Tabel 4", "Tabel 5"]


def _tables(db: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", "tables", "--db", str(db), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def table_dir(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ocw") / "set"
    run = _tables(fixture_warehouse, out)
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr
    return out


def _sheet_rows(path: Path, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    return list(book[sheet].iter_rows(values_only=True))


def _header_index(rows: list[tuple]) -> int:
    return next(i for i, row in enumerate(rows) if row and row[0] in ("Indicator", "Schooljaar"))


def test_same_warehouse_gives_the_same_bytes(
    table_dir: Path, fixture_warehouse: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    assert _tables(fixture_warehouse, again).returncode == 0
    first = sorted(p.name for p in table_dir.iterdir())
    assert first == sorted(p.name for p in again.iterdir())
    assert first == sorted(
        [WORKBOOK_NAME, "verantwoording.pdf"] + [f"tabel_{n}.csv" for n in range(1, 6)]
    )
    for name in first:
        assert (table_dir / name).read_bytes() == (again / name).read_bytes(), name


def test_every_sheet_says_what_it_is_with_vintage_source_and_demo(table_dir: Path) -> None:
    book = openpyxl.load_workbook(table_dir / WORKBOOK_NAME, read_only=True)
    assert book.sheetnames == SHEETS
    for number in range(1, 6):
        rows = _sheet_rows(table_dir / WORKBOOK_NAME, f"Tabel {number}")
        notes = [row[0] for row in rows[: _header_index(rows)] if row and row[0]]
        assert notes[0].startswith("LET OP: Dit zijn DEMOGEGEVENS")
        assert notes[1].startswith(f"Tabel {number}. ")
        assert any(n.startswith("Stand: magazijn gebouwd op ") for n in notes)
        assert any(n.startswith("Bron: ") for n in notes)
        if number < 5:
            assert any("'<5': minder dan 5; 'x'" in n for n in notes)


def _published(db: Path, level: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select indicator_key, region_code, school_year, numerator, denominator, flag "
            "from marts.published_values where region_level = ?",
            [level],
        ).df()
    finally:
        con.close()


def test_gemeente_table_holds_the_published_counts_and_labels(
    table_dir: Path, fixture_warehouse: Path
) -> None:
    frame = pd.read_csv(
        table_dir / "tabel_4.csv", sep=";", decimal=",", comment="#", encoding="utf-8-sig"
    )
    truth = _published(fixture_warehouse, "gemeente")
    national = _published(fixture_warehouse, "nederland")
    assert len(frame) == len(truth) + len(national)
    merged = frame.merge(
        truth,
        left_on=["Indicatorcode", "Regiocode", "Schooljaar"],
        right_on=["indicator_key", "region_code", "school_year"],
    )
    assert len(merged) == len(truth)
    shown = merged[merged["flag"] == ""]
    assert (shown["Teller"].astype(int) == shown["numerator"].astype(int)).all()
    assert set(merged.loc[merged["flag"] == "primary", "Teller"]) <= {"<5"}
    assert set(merged.loc[merged["flag"] == "secondary", "Teller"]) <= {"x"}
    assert (merged["flag"] != "").any()
    assert (frame["Niveau"] == "Nederland").sum() == len(national)


def test_counts_and_values_carry_excel_number_formats(table_dir: Path) -> None:
    book = openpyxl.load_workbook(table_dir / WORKBOOK_NAME)
    sheet = book["Tabel 2"]
    header = next(r for r in range(1, 20) if sheet.cell(row=r, column=1).value == "Indicator")
    columns = [c.value for c in sheet[header]]
    row = header + 1
    assert sheet.cell(row=row, column=columns.index("Noemer") + 1).number_format == "#,##0"
    value = sheet.cell(row=row, column=columns.index("Waarde") + 1)
    assert isinstance(value.value, float)
    assert value.number_format.startswith("#,##0.")


def test_response_table_counts_gemeenten_with_verzuim_figures(
    table_dir: Path, fixture_warehouse: Path
) -> None:
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    try:
        expected = dict(
            con.execute(
                "select school_year, count(distinct region_code) from marts.published_values "
                "where region_level = 'gemeente' and source_key = 'verzuim' "
                "and denominator is not null group by 1"
            ).fetchall()
        )
        total = con.execute(
            "select count(*) from marts.regions where region_level = 'gemeente'"
        ).fetchone()[0]
    finally:
        con.close()
    frame = pd.read_csv(
        table_dir / "tabel_5.csv", sep=";", decimal=",", comment="#", encoding="utf-8-sig"
    )
    country = frame[frame["Niveau"] == "Nederland"].set_index("Schooljaar")
    assert set(country.index) == set(expected)
    for year, reported in expected.items():
        assert country.loc[year, "Gemeenten met verzuimcijfers"] == reported
        assert country.loc[year, "Gemeenten in de indeling"] == total
    rmc = frame[frame["Niveau"] == "RMC-regio"]
    for year in expected:
        assert rmc.loc[rmc["Schooljaar"] == year, "Gemeenten in de indeling"].sum() == total


def test_text_that_looks_like_a_formula_stays_text() -> None:
    from ocw.tables import provenance

    prov = provenance()
    frame = pd.DataFrame({"Schooljaar": ["=1+1"], "Regio": ["@A1"], "Respons (%)": [50.0]})
    table = OcwTable(5, "proef", ('=HYPERLINK("x")',), frame)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(prov, [table])))
    sheet = book["Tabel 5"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    texts = [c for c in cells if c.value != 50.0]
    # text cells, and a leading quote so a copy to CSV or another tool stays inert too
    assert {c.value for c in texts} >= {'\'=HYPERLINK("x")', "'=1+1", "'@A1"}
    assert all(c.data_type == "s" for c in texts)


def test_missing_warehouse_is_a_dutch_error(tmp_path: Path) -> None:
    run = _tables(tmp_path / "nope.duckdb", tmp_path / "out")
    assert run.returncode == 3
    assert "geen magazijn gevonden" in run.stderr
    assert not (tmp_path / "out").exists()
