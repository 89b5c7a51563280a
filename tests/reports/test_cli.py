"""`python -m reports` end to end on the fixture warehouse: the PDFs are tagged A4 documents in
Dutch of 2 to 6 pages whose text carries the published figures (read here with our own SQL),
the `<5`/`x` labels, DEMO on every page and a hostile region name as plain text; bad input
exits 2 with a Dutch message and writes nothing. Page images land in test-output/reports/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest_helpers import rename_in_raw_file
from tests.reports.helpers import (
    dutch,
    pdf_info,
    pdf_text,
    query,
    require_poppler,
    run_reports,
    write_page_images,
)

pytestmark = pytest.mark.slow

HOSTILE = (
    "#set text(fill: red) *vet* _schuin_ $x^2$ <lab> @ref [a] \\ `c` // c /* ] } { "
    "&lt & </svg><text>X</text>"
)


def _first(db: Path, level: str) -> dict:
    return (
        query(
            db,
            "select region_code, region_name from marts.regions where region_level = ? "
            "order by region_name limit 1",
            [level],
        )
        .iloc[0]
        .to_dict()
    )


def _newest_rows(db: Path, code: str):
    """The region's published rows in each indicator's newest national school year, with the
    national value and the indicator's decimals (our own SQL, not the query layer)."""
    return query(
        db,
        """
        with newest as (
            select indicator_key, max_by(school_year, school_year_start) as school_year
            from marts.published_values where region_level = 'nederland' group by all
        )
        select i.label, i.decimals, p.school_year, p.status, p.value, p.ci_lower, p.ci_upper,
            p.numerator, p.denominator, p.flag, nl.value as nl_value
        from marts.published_values as p
        join newest using (indicator_key, school_year)
        join marts.indicators as i using (indicator_key)
        join marts.published_values as nl
            on nl.region_level = 'nederland' and nl.indicator_key = p.indicator_key
            and nl.school_year = p.school_year
        where p.region_code = ?
        order by i.sort_order
        """,
        [code],
    )


def _check_document(path: Path, title: str) -> int:
    """pdfinfo: title, tagged, A4, 2-6 pages; the catalog names Dutch. Returns the pages."""
    info = pdf_info(path)
    assert info["Title"] == title
    assert info["Tagged"] == "yes"
    assert "(A4)" in info["Page size"]
    pages = int(info["Pages"])
    assert 2 <= pages <= 6, pages
    assert re.search(rb"/Lang\s*\(nl", path.read_bytes())
    return pages


def test_rmc_report_shows_the_published_key_figures(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    require_poppler()
    region = _first(fixture_warehouse, "rmc")
    out = tmp_path / "rmc.pdf"
    run = run_reports("--region", region["region_code"], "--out", str(out))
    assert run.returncode == 0, run.stderr
    pages = _check_document(out, f"Regiorapport {region['region_name']}")
    text = pdf_text(out)
    assert region["region_name"] in text
    first_page = pdf_text(out, 1)
    for row in _newest_rows(fixture_warehouse, region["region_code"]).to_dict("records"):
        d = int(row["decimals"])
        year = re.escape(row["school_year"]) + (r"\*" if row["status"] == "voorlopig" else "")
        if row["flag"]:
            label = "x" if row["flag"] == "secondary" else "<5"
            cells = [re.escape(label), "–", re.escape(label)]
        else:
            cells = [
                re.escape(dutch(row["value"], d)),
                re.escape(f"{dutch(row['ci_lower'], d)} – {dutch(row['ci_upper'], d)}"),
                re.escape(dutch(row["numerator"], 0)),
            ]
        cells += [re.escape(dutch(row["denominator"], 0)), re.escape(dutch(row["nl_value"], d))]
        pattern = year + r"\s+" + r"\s+".join(cells)
        assert re.search(pattern, first_page), (row["label"], pattern)
    for page in range(1, pages + 1):
        assert "DEMO" in pdf_text(out, page), f"page {page} does not say DEMO"
    assert f"Gemeenten in {region['region_name']}" in text
    breaks = query(
        fixture_warehouse,
        "select label, unnest(trend_breaks) as school_year from marts.indicators",
    )
    assert not breaks.empty, "the fixture marks no trend break to check"
    words = " ".join(pdf_text(out, layout=False).split())
    for label, year in zip(breaks["label"], breaks["school_year"], strict=True):
        # the yearly table and the definitions name the break
        assert f"(trendbreuk vanaf {year})" in words
        assert f"{label} " in words and f"Trendbreuk vanaf {year}:" in words
    assert len(write_page_images(out, "rmc")) == pages


def test_provincie_table_of_gemeenten_uses_the_published_labels(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    require_poppler()
    members = query(
        fixture_warehouse,
        """
        with newest as (
            select indicator_key, max_by(school_year, school_year_start) as school_year
            from marts.published_values where region_level = 'nederland' group by all
        )
        select r.provincie_code, p.region_name, i.sort_order, i.decimals, p.value, p.flag
        from marts.published_values as p
        join newest using (indicator_key, school_year)
        join marts.indicators as i using (indicator_key)
        join marts.regions as r on r.region_level = 'gemeente' and r.region_code = p.region_code
        where p.region_level = 'gemeente'
        order by p.region_name, i.sort_order
        """,
    )
    flagged = members[members["flag"] != ""]
    assert not flagged.empty, "the fixture has no hidden gemeente figure to check"
    code = str(flagged["provincie_code"].iloc[0])
    out = tmp_path / "provincie.pdf"
    run = run_reports("--region", code, "--out", str(out))
    assert run.returncode == 0, run.stderr
    name = query(
        fixture_warehouse, "select region_name from marts.regions where region_code = ?", [code]
    )
    _check_document(out, f"Regiorapport {name['region_name'].iloc[0]}")
    words = " ".join(pdf_text(out).split())
    ours = members[members["provincie_code"] == code]
    labels = {"primary": "<5", "secondary": "x"}
    for gemeente, rows in ours.groupby("region_name", sort=True):
        cells = [
            labels[f] if f else dutch(v, int(d))
            for v, f, d in zip(rows["value"], rows["flag"], rows["decimals"], strict=True)
        ]
        assert f"{gemeente} {' '.join(cells)}" in words, gemeente
    write_page_images(out, "provincie")


def test_gemeente_report_has_no_table_of_gemeenten(fixture_warehouse: Path, tmp_path: Path) -> None:
    require_poppler()
    region = _first(fixture_warehouse, "gemeente")
    out = tmp_path / "gemeente.pdf"
    run = run_reports("--region", region["region_code"], "--out", str(out))
    assert run.returncode == 0, run.stderr
    _check_document(out, f"Regiorapport {region['region_name']}")
    assert "Gemeenten in" not in pdf_text(out)
    write_page_images(out, "gemeente")


def test_level_writes_one_report_per_region(fixture_warehouse: Path, tmp_path: Path) -> None:
    require_poppler()
    run = run_reports("--level", "rmc", "--out", str(tmp_path / "rmc"))
    assert run.returncode == 0, run.stderr
    codes = query(
        fixture_warehouse, "select region_code from marts.regions where region_level = 'rmc'"
    )
    written = sorted(p.name for p in (tmp_path / "rmc").glob("*.pdf"))
    assert written == sorted(f"regiorapport-{c}.pdf" for c in codes["region_code"])
    for path in (tmp_path / "rmc").glob("*.pdf"):
        assert 2 <= int(pdf_info(path)["Pages"]) <= 6


def test_missing_warehouse_exits_2_in_dutch(tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    run = run_reports("--region", "MC01", "--out", str(out), "--db", str(tmp_path / "nee.duckdb"))
    assert run.returncode == 2
    assert "FOUT: geen magazijn gevonden" in run.stderr
    assert "nee.duckdb" in run.stderr
    assert not out.exists()
    run = run_reports(
        "--level", "rmc", "--out", str(tmp_path / "map"), env={"KOMPAS_DB": str(tmp_path / "n")}
    )
    assert run.returncode == 2
    assert not (tmp_path / "map").exists()


@pytest.mark.parametrize("code", ["XX99", "NL01", "gm0014; drop"])
def test_unknown_region_exits_2_in_dutch(
    fixture_warehouse: Path, tmp_path: Path, code: str
) -> None:
    out = tmp_path / "x.pdf"
    run = run_reports("--region", code, "--out", str(out))
    assert run.returncode == 2
    assert f"FOUT: onbekende regiocode '{code}'" in run.stderr
    assert not out.exists()


def test_hostile_region_name_stays_text(
    fixture_warehouse: Path, raw_copy: Path, tmp_path: Path
) -> None:
    """A region named with typst, SVG and HTML syntax, put in the raw files and built by the
    real ETL, appears in title and text exactly as written."""
    require_poppler()
    from etl.pipeline import build

    rmc = _first(fixture_warehouse, "rmc")
    (duo_file,) = (raw_copy / "gebiedsindeling").glob("*.csv")
    rename_in_raw_file(
        duo_file, f";{rmc['region_name']};".encode(), f";{HOSTILE};".encode("cp1252")
    )
    db = tmp_path / "hostile.duckdb"
    build(raw_copy, db)
    hostile = query(db, "select region_code from marts.regions where region_name = ?", [HOSTILE])
    assert len(hostile) == 1
    out = tmp_path / "hostile.pdf"
    run = run_reports(
        "--region", hostile["region_code"].iloc[0], "--out", str(out), "--db", str(db)
    )
    assert run.returncode == 0, run.stderr
    _check_document(out, f"Regiorapport {HOSTILE}")
    # compared without white space: a line may break inside the name
    compact = "".join(pdf_text(out).split())
    assert "".join(f"Regiorapport {HOSTILE}".split()) in compact
    assert "".join(f"de ruit is {HOSTILE}.".split()) in compact
    write_page_images(out, "hostile")
