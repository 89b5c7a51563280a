"""`python -m reports` end to end on the fixture warehouse: the PDFs are tagged A4 documents in
Dutch of 2 to 6 pages whose text carries the published figures (read here with our own SQL),
the `<5`/`x` labels, DEMO on every page, the vergelijkbare regio's, verwacht versus werkelijk,
the maps of the gemeenten and a hostile region name as plain text; bad input exits 2 with a
Dutch message and writes nothing. Page images land in test-output/reports/. The reports are
built once per module: all RMC-regio's (`--level`), one gemeente, one provincie."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from tests.conftest_helpers import rename_in_raw_file
from tests.reports.helpers import (
    check_document,
    dutch,
    pdf_alt_texts,
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


NEWEST = """
    newest as (
        select indicator_key, max_by(school_year, school_year_start) as school_year
        from marts.published_values where region_level = 'nederland' group by all
    )
"""


@pytest.fixture(scope="module")
def rmc_dir(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every RMC-regio's report, written by `--level rmc`."""
    out = tmp_path_factory.mktemp("rmc")
    run = run_reports("--level", "rmc", "--out", str(out))
    assert run.returncode == 0, run.stderr
    return out


def _report(level: str, code: str, db: Path, tmp: pytest.TempPathFactory) -> Path:
    out = tmp.mktemp(level) / f"{code}.pdf"
    run = run_reports("--region", code, "--out", str(out), "--db", str(db))
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def gemeente_pdf(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the first gemeente by name."""
    code = _first(fixture_warehouse, "gemeente")["region_code"]
    return _report("gemeente", code, fixture_warehouse, tmp_path_factory)


def _flagged_provincie(db: Path) -> str:
    """A provincie with a hidden gemeente figure in the newest year (our own SQL)."""
    return str(
        query(
            db,
            f"""
            with {NEWEST}
            select min(r.provincie_code) as code
            from marts.published_values as p
            join newest using (indicator_key, school_year)
            join marts.regions as r on r.region_level = 'gemeente' and r.region_code = p.region_code
            where p.region_level = 'gemeente' and p.flag <> ''
            """,
        )["code"].iloc[0]
    )


@pytest.fixture(scope="module")
def provincie_pdf(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a provincie with a hidden gemeente figure."""
    code = _flagged_provincie(fixture_warehouse)
    return _report("provincie", code, fixture_warehouse, tmp_path_factory)


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
    return check_document(path, title, range(2, 7))


def test_rmc_report_shows_the_published_key_figures(fixture_warehouse: Path, rmc_dir: Path) -> None:
    require_poppler()
    region = _first(fixture_warehouse, "rmc")
    out = rmc_dir / f"regiorapport-{region['region_code']}.pdf"
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


def _peers(db: Path, level: str, code: str):
    """The region's peers in rank order (our own SQL on marts.peer_groups)."""
    return query(
        db,
        "select peer_code, peer_name from marts.peer_groups "
        "where region_level = ? and region_code = ? order by peer_rank",
        [level, code],
    )


def test_rmc_report_names_its_peers_and_maps_its_gemeenten(
    fixture_warehouse: Path, rmc_dir: Path
) -> None:
    require_poppler()
    region = _first(fixture_warehouse, "rmc")
    out = rmc_dir / f"regiorapport-{region['region_code']}.pdf"
    words = " ".join(pdf_text(out, layout=False).split())
    peers = _peers(fixture_warehouse, "rmc", region["region_code"])
    assert not peers.empty, "the fixture has no RMC peers to check"
    assert "Vergelijkbare RMC-regio's" in words
    for name in peers["peer_name"]:
        assert name in words, name
    # one map per indicator, its text alternative naming the region and its gemeenten
    gemeenten = query(
        fixture_warehouse,
        "select count(*) as n from marts.regions where region_level = 'gemeente' and rmc_code = ?",
        [region["region_code"]],
    )["n"].iloc[0]
    indicators = query(fixture_warehouse, "select count(*) as n from marts.indicators")["n"].iloc[0]
    maps = [
        alt
        for alt in pdf_alt_texts(out)
        if alt.startswith(f"{region['region_name']}. Kaart van {gemeenten} gemeenten")
    ]
    assert len(maps) == indicators
    assert f"Kaarten van de gemeenten in {region['region_name']}" in words
    assert "Grijs gearceerd: geen cijfer" in words


def test_gemeente_report_shows_peers_and_verwacht_versus_werkelijk(
    fixture_warehouse: Path, gemeente_pdf: Path
) -> None:
    require_poppler()
    region = _first(fixture_warehouse, "gemeente")
    _check_document(gemeente_pdf, f"Regiorapport {region['region_name']}")
    text = pdf_text(gemeente_pdf)
    words = " ".join(pdf_text(gemeente_pdf, layout=False).split())
    assert "Gemeenten in" not in text and "Kaarten van de gemeenten" not in words
    peers = _peers(fixture_warehouse, "gemeente", region["region_code"])
    assert len(peers) > 1, "the fixture has no gemeente peers to check"
    for rank, name in enumerate(peers["peer_name"], start=1):
        assert re.search(rf"^\s*{rank}\s+{re.escape(name)}\s", text, re.MULTILINE), name
    # key figures: median and range of the peers' shown values of the first indicator
    shown = query(
        fixture_warehouse,
        f"""
        with {NEWEST}
        select p.value, i.decimals
        from marts.published_values as p
        join newest using (indicator_key, school_year)
        join marts.indicators as i using (indicator_key)
        where p.region_level = 'gemeente' and p.flag = '' and p.value is not null
          and i.sort_order = (select min(sort_order) from marts.indicators)
          and p.region_code in (select unnest(?::varchar[]))
        """,
        [list(peers["peer_code"])],
    )
    d = int(shown["decimals"].iloc[0])
    values = shown["value"].to_numpy()
    low, high = dutch(values.min(), d), dutch(values.max(), d)
    summary = f"{dutch(float(np.median(values)), d)} ({low} – {high})"
    assert summary in pdf_text(gemeente_pdf, 1), summary
    # verwacht versus werkelijk: werkelijk, verwacht, ratio and its interval per indicator
    expected = query(
        fixture_warehouse,
        """
        select e.observed, e.expected, e.ratio, e.ratio_ci_lower, e.ratio_ci_upper
        from marts.expected_values as e
        where e.region_code = ?
          and e.school_year = (select max(school_year) from marts.expected_values)
        """,
        [region["region_code"]],
    )
    assert not expected.empty, "the fixture has no expected values for this gemeente"
    for row in expected.to_dict("records"):
        cells = (
            f"{re.escape(dutch(row['observed'], 0))}\\s+{re.escape(dutch(row['expected'], 1))}\\s+"
            f"{re.escape(dutch(row['ratio'], 2))}\\s+"
            + re.escape(f"{dutch(row['ratio_ci_lower'], 2)} – {dutch(row['ratio_ci_upper'], 2)}")
        )
        assert re.search(cells, text), cells
    assert "Verwacht is geen norm en geen doel" in words
    write_page_images(gemeente_pdf, "gemeente")


def test_provincie_table_of_gemeenten_uses_the_published_labels(
    fixture_warehouse: Path, provincie_pdf: Path
) -> None:
    """Every gemeente of the provincie with its published values (or label) and, after each,
    werkelijk / verwacht with ▲/▼ when the interval lies above/below 1; no peers, a map."""
    require_poppler()
    code = _flagged_provincie(fixture_warehouse)
    members = query(
        fixture_warehouse,
        f"""
        with {NEWEST}
        select p.region_name, i.sort_order, i.decimals, p.value, p.flag, e.ratio,
            e.ratio_ci_lower, e.ratio_ci_upper
        from marts.published_values as p
        join newest using (indicator_key, school_year)
        join marts.indicators as i using (indicator_key)
        join marts.regions as r on r.region_level = 'gemeente' and r.region_code = p.region_code
        left join marts.expected_values as e
            on e.region_code = p.region_code and e.indicator_key = p.indicator_key
            and e.school_year = p.school_year
        where p.region_level = 'gemeente' and r.provincie_code = ?
        order by p.region_name, i.sort_order
        """,
        [code],
    )
    assert members["ratio"].notna().any(), "the fixture has no ratio to check"
    name = query(
        fixture_warehouse, "select region_name from marts.regions where region_code = ?", [code]
    )["region_name"].iloc[0]
    pages = _check_document(provincie_pdf, f"Regiorapport {name}")
    words = " ".join(pdf_text(provincie_pdf).split())
    labels = {"primary": "<5", "secondary": "x"}

    def cell(row: dict) -> str:
        shown = labels[row["flag"]] if row["flag"] else dutch(row["value"], int(row["decimals"]))
        if row["ratio"] != row["ratio"]:  # NaN: no expected value
            return shown
        mark = "▲" if row["ratio_ci_lower"] > 1 else "▼" if row["ratio_ci_upper"] < 1 else ""
        return f"{shown} {dutch(row['ratio'], 2)}{mark}"

    for gemeente, rows in members.groupby("region_name", sort=True):
        line = f"{gemeente} {' '.join(cell(r) for r in rows.to_dict('records'))}"
        assert line in words, line
    assert "Voor provincies zijn er geen vergelijkbare regio's" in words
    assert f"Kaarten van de gemeenten in {name}" in words
    for page in range(1, pages + 1):
        assert "DEMO" in pdf_text(provincie_pdf, page), f"page {page} does not say DEMO"
    write_page_images(provincie_pdf, "provincie")


def test_level_writes_one_report_per_region(fixture_warehouse: Path, rmc_dir: Path) -> None:
    require_poppler()
    codes = query(
        fixture_warehouse, "select region_code from marts.regions where region_level = 'rmc'"
    )
    written = sorted(p.name for p in rmc_dir.glob("*.pdf"))
    assert written == sorted(f"regiorapport-{c}.pdf" for c in codes["region_code"])
    for path in rmc_dir.glob("*.pdf"):
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
