"""verantwoording.pdf of `python -m etl tables`: a tagged A4 document in Dutch of 1 to 3 pages
with DEMO on every page, the threshold, the labels, every indicator's name, the tables of the
set, and per school year the national response, checked against the known structure of the
fixture warehouses (tests/conftest.py): the demo is complete (42 of 42 gemeenten every year);
`nonresponse_warehouse` misses RMC-regio MC55 (6 gemeenten) in 2021-2022, GM9101 and GM9102 in
2022-2023 and GM9304 (RMC-regio MC54 of 9) in 2024-2025. A region name with typst syntax is
shown as written. Page images land in test-output/ocw/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest_helpers import rename_in_raw_file, run_etl
from tests.reports.helpers import (
    REPO,
    check_document,
    pdf_text,
    query,
    require_poppler,
    write_page_images,
)

pytestmark = pytest.mark.slow

PDF = "verantwoording.pdf"
TITLE = "Verantwoording bij de tabellenset voor OCW"
IMAGES = REPO / "test-output" / "ocw"
HOSTILE = "#set text(fill: red) *vet* _schuin_ $x^2$ <lab> @ref [a] \\ `c` // c /* ] } {"


def _tables(db: Path, out: Path) -> Path:
    run = run_etl("tables", "--db", str(db), "--out", str(out))
    assert run.returncode == 0, run.stderr
    return out / PDF


@pytest.fixture(scope="module")
def demo_pdf(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tables(fixture_warehouse, tmp_path_factory.mktemp("ocw-demo"))


@pytest.fixture(scope="module")
def nonresponse_pdf(nonresponse_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tables(nonresponse_warehouse, tmp_path_factory.mktemp("ocw-nonresponse"))


def _check_document(path: Path) -> int:
    """Title, tagged, A4, 1-3 pages, Dutch (`check_document`); DEMO on every page."""
    pages = check_document(path, TITLE, range(1, 4))
    for page in range(1, pages + 1):
        assert "DEMO" in pdf_text(path, page), f"page {page} does not say DEMO"
    return pages


def _words(path: Path) -> str:
    return " ".join(pdf_text(path, layout=False).split())


def _year_row(year: str, status: str, reported: str, share: str) -> str:
    """A row of the table of school years as pdftotext -layout writes it."""
    return rf"{year}\s+{status}\s+{reported}\s+{share}\s+\d"


def test_demo_verantwoording_says_method_response_and_suppression(
    fixture_warehouse: Path, demo_pdf: Path
) -> None:
    require_poppler()
    pages = _check_document(demo_pdf)
    text, words = pdf_text(demo_pdf), _words(demo_pdf)
    for number, title in [
        (1, "Landelijke cijfers per indicator en schooljaar"),
        (2, "Cijfers per RMC-regio"),
        (3, "Cijfers per provincie"),
        (4, "Cijfers per gemeente"),
        (5, "Respons: gemeenten met verzuimcijfers"),
    ]:
        assert re.search(rf"Tabel {number}\s+{re.escape(title)}", text), number
    labels = query(fixture_warehouse, "select label from marts.indicators")["label"]
    assert len(labels) > 1
    for label in labels:
        assert label in words, label
    # the demo: 42 gemeenten, all with figures; the newest year (2024-2025) still voorlopig
    assert re.search(_year_row("2024-2025", "voorlopig", "42 van 42", "100,0"), text)
    assert re.search(_year_row("2016-2017", "definitief", "42 van 42", "100,0"), text)
    assert "In elk schooljaar gaven alle gemeenten van elke RMC-regio verzuimcijfers." in words
    # suppression: the threshold of the build (5), the three labels, the audit's outcome
    assert "Drempel: 5." in words
    assert "'<5': minder dan 5; 'x': niet getoond" in words
    assert "'geen opgave': de gemeente gaf geen cijfer." in words
    assert "Uitkomst van de controle bij dit magazijn: geslaagd." in words
    checks = int(query(fixture_warehouse, "select count(*) as n from meta.checks")["n"].iloc[0])
    assert f"Alle {checks} controles zijn geslaagd." in words
    # method: one indeling, intervals, ratio estimation without an interval
    assert "gemeentelijke indeling van 2025" in words
    assert "het Wilson-interval, voor cijfers per 1.000 het exacte Poisson" in words
    assert "geen onzekerheidsmarge" in words
    assert "Dit zijn DEMOGEGEVENS" in words
    assert len(write_page_images(demo_pdf, "verantwoording-demo", IMAGES)) == pages


def test_same_warehouse_gives_the_same_pdf(
    fixture_warehouse: Path, demo_pdf: Path, tmp_path: Path
) -> None:
    assert _tables(fixture_warehouse, tmp_path).read_bytes() == demo_pdf.read_bytes()


def _name(db: Path, code: str) -> str:
    return str(
        query(db, "select region_name from marts.regions where region_code = ?", [code])[
            "region_name"
        ].iloc[0]
    )


def test_missing_gemeenten_show_in_the_response(
    nonresponse_warehouse: Path, nonresponse_pdf: Path
) -> None:
    require_poppler()
    _check_document(nonresponse_pdf)
    text, words = pdf_text(nonresponse_pdf), _words(nonresponse_pdf)
    # 42 - 6 = 36 (85,7 %), 42 - 2 = 40 (95,2 %), 42 - 1 = 41 (97,6 %)
    assert re.search(_year_row("2021-2022", "definitief", "36 van 42", "85,7"), text)
    assert re.search(_year_row("2022-2023", "definitief", "40 van 42", "95,2"), text)
    assert re.search(_year_row("2023-2024", "definitief", "42 van 42", "100,0"), text)
    assert re.search(_year_row("2024-2025", "voorlopig", "41 van 42", "97,6"), text)
    for year, code, reported in [
        ("2021-2022", "MC55", "0 van 6"),
        ("2024-2025", "MC54", "8 van 9"),
    ]:
        name = _name(nonresponse_warehouse, code)
        assert re.search(rf"{year}\s+{re.escape(f'{name} ({reported})')}", text), code
    assert "In elk schooljaar gaven alle gemeenten" not in words
    write_page_images(nonresponse_pdf, "verantwoording-nonresponse", IMAGES)


def test_hostile_region_name_stays_text(
    nonresponse_raw: Path, nonresponse_warehouse: Path, tmp_path: Path
) -> None:
    """MC54 (missing a gemeente in 2024-2025) renamed with typst syntax in the raw files and
    built by the real ETL appears in the list of RMC-regio's exactly as written."""
    require_poppler()
    from etl.pipeline import build

    raw = tmp_path / "raw"
    shutil.copytree(nonresponse_raw, raw)
    (duo_file,) = (raw / "gebiedsindeling").glob("*.csv")
    name = _name(nonresponse_warehouse, "MC54")
    rename_in_raw_file(duo_file, f";{name};".encode(), f";{HOSTILE};".encode("cp1252"))
    db = tmp_path / "hostile.duckdb"
    build(raw, db)
    assert _name(db, "MC54") == HOSTILE
    pdf = _tables(db, tmp_path / "set")
    _check_document(pdf)
    # compared without white space: a line of the table may break inside the name
    compact = "".join(pdf_text(pdf).split())
    assert "".join(f"2024-2025 {HOSTILE} (8 van 9)".split()) in compact
    write_page_images(pdf, "verantwoording-hostile", IMAGES)
