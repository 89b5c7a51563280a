"""Inzet figures are never public: a build from templates whose inzet columns hold unmistakable
values gives the very warehouse the demo's own inzet values give (the figures change nothing),
none of those values (nor an inzet column) is in any warehouse table, and neither the
publication (`publish`), the OCW tables (`tables`) nor the Tabellen-en-export downloads hold
them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from dashboard import export, queries, queries_explore
from dashboard.db import suppression_threshold
from etl.demo.writers import template_csv
from etl.sources.verzuim import INZET_COLUMNS
from tests.conftest_helpers import run_etl
from tests.reports.helpers import pdf_text
from tests.warehouse_snapshot import snapshot

#: What every row's inzet cells say, as written in the CSV (XLSX: the same as numbers).
MARKERS = {
    "fte_leerplicht": "8765,43",
    "fte_rmc": "6543,21",
    "verzuimmeldingen": "918273645",
    "doorlooptijd_dagen_mediaan": "7777,7",
    "geoorloofd_verzuim": "827364519",
}
#: Every way those values could be written down.
NEEDLES = sorted(
    {v for value in MARKERS.values() for v in (value, value.replace(",", "."))} | set(INZET_COLUMNS)
)


def _mark_csv(path: Path) -> None:
    reader = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";")
    header, *rows = list(reader)
    at = {header.index(column): value for column, value in MARKERS.items()}
    marked = [[at.get(i, cell) for i, cell in enumerate(row)] for row in rows]
    path.write_bytes(template_csv(header, marked))


def _mark_xlsx(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["verzuim"]
    header = [cell.value for cell in sheet[1]]
    for column, value in MARKERS.items():
        number = float(value.replace(",", "."))
        for row in range(2, sheet.max_row + 1):
            sheet.cell(row=row, column=header.index(column) + 1, value=number)
    book.save(path)


def _renew_sidecar(path: Path) -> None:
    """The demo's origin sidecar with the changed file's checksum and size."""
    sidecar = path.with_name(path.name + ".origin.json")
    origin = json.loads(sidecar.read_text(encoding="utf-8"))
    data = path.read_bytes()
    origin.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    sidecar.write_text(json.dumps(origin), encoding="utf-8")


def _found_in_tables(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        found = []
        columns = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns()"
        ).fetchall()
        for schema, table, column in columns:
            if column in INZET_COLUMNS:
                found.append(f"{schema}.{table}.{column}")
            condition = " or ".join(f'contains(cast("{column}" as varchar), ?)' for _ in NEEDLES)
            sql = f"select count(*) from {schema}.{table} where {condition}"
            hits = con.execute(sql, NEEDLES).fetchone()
            if hits and hits[0]:
                found.append(f"{schema}.{table}.{column}: {hits[0]}")
        return found
    finally:
        con.close()


def _text_of(path: Path) -> str:
    """A file's text; for an XLSX the text of every part of the archive, for a PDF the text
    pdftotext extracts (the OCW set's verantwoording)."""
    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    return path.read_bytes().decode("utf-8-sig")


def _export_downloads() -> list[bytes]:
    """The Tabellen-en-export page's CSV and XLSX for every indicator, gemeente and year."""
    indicators = queries.indicators()
    keys = indicators["indicator_key"].tolist()
    years = queries_explore.export_years()["school_year"].tolist()
    values = export.with_country(
        queries_explore.export_values(keys, "gemeente", [], years),
        queries_explore.export_values(keys, "nederland", [], years),
    )
    threshold = suppression_threshold()
    table = export.export_table(values, threshold)
    selection = export.Selection(keys, "gemeente", [], years)
    provenance = export.provenance_for(
        queries.build_info(), queries.sources(), indicators, keys, selection, threshold
    )
    return [export.to_csv_bytes(table, provenance), export.to_xlsx_bytes(table, provenance)]


def test_inzet_values_reach_no_table_publication_or_download(
    raw_copy: Path, tmp_path: Path, fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = sorted((raw_copy / "verzuim").glob("*.csv")) + sorted(
        (raw_copy / "verzuim").glob("*.xlsx")
    )
    assert [p.suffix for p in templates] == [".csv", ".xlsx"]
    for path in templates:
        (_mark_csv if path.suffix == ".csv" else _mark_xlsx)(path)
        _renew_sidecar(path)
    db = tmp_path / "kompas.duckdb"
    built = run_etl("build", "--raw-dir", str(raw_copy), "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert _found_in_tables(db) == []
    # the same warehouse as from the demo's own inzet values, but for the files' checksums
    marked, demo = snapshot(db), snapshot(fixture_warehouse)
    assert sorted(marked) == sorted(demo)
    differing = sorted(table for table in marked if marked[table][1] != demo[table][1])
    assert differing == ["meta.build", "meta.files"]  # raw_dir; sha256 and bytes

    published = run_etl("publish", "--out", str(tmp_path / "pub"), "--db", str(db))
    tables = run_etl("tables", "--out", str(tmp_path / "ocw"), "--db", str(db))
    assert published.returncode == 0 and tables.returncode == 0, published.stderr + tables.stderr
    files = sorted((tmp_path / "pub").rglob("*.*")) + sorted((tmp_path / "ocw").rglob("*.*"))
    assert {p.suffix for p in files} >= {".csv", ".xlsx"}
    texts = {p.name: _text_of(p) for p in files}
    assert [(name, n) for name, text in texts.items() for n in NEEDLES if n in text] == []

    monkeypatch.setenv("KOMPAS_DB", str(db))
    csv_file, xlsx_file = _export_downloads()
    (tmp_path / "export.xlsx").write_bytes(xlsx_file)
    downloads = csv_file.decode("utf-8-sig") + _text_of(tmp_path / "export.xlsx")
    assert "Indicatorcode" in downloads
    assert [n for n in NEEDLES if n in downloads] == []
