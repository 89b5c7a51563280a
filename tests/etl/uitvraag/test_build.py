"""Submissions become a raw source: `uitvraag export` puts the round's submissions in force into
the raw dir, `build` takes a submitted gemeente and year instead of the bulk template's row, and
`publish` names the submissions it used. The same closed round exports the same bytes, and
`uitvraag rebuild` (export + build) gives the same warehouse every time, table for table."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from tests.conftest_helpers import run_etl
from tests.etl.uitvraag.conftest import MemberFile, last_year_rows, open_round, read_warehouse
from tests.warehouse_snapshot import ordered_layer_tables, snapshot

YEAR = "2024-2025"


def _numerator(db: Path, code: str) -> int:
    frame = read_warehouse(
        db,
        "select numerator from marts.indicator_values where indicator_key = "
        "'absoluut_verzuim_per_1000' and region_code = ? and school_year = ?",
        [code, YEAR],
    )
    assert len(frame) == 1
    return int(frame["numerator"].iloc[0])


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_build_takes_the_submission_over_the_template(
    raw_copy: Path, tmp_path: Path, fixture_warehouse: Path, member_file: MemberFile
) -> None:
    code = sorted(last_year_rows(fixture_warehouse))[0]
    before = _numerator(fixture_warehouse, code)
    nederland_before = _numerator(fixture_warehouse, "NL01")
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(f"organisation_id;name;email;gemeentecodes\nrmc-a;RMC A;a@example.nl;{code}\n")
    store, links = tmp_path / "uitvraag.sqlite", tmp_path / "links.csv"
    assert open_round(store, orgs, links, school_year=YEAR).returncode == 0
    token = next(csv.DictReader(links.open()))["token"]
    env = {"KOMPAS_UITVRAAG": str(store)}
    corrected = str(before + 4)
    file = member_file(
        "correctie.csv", [code], {(code, "schooljaar"): YEAR, (code, "absoluut_verzuim"): corrected}
    )
    submitted = run_etl("uitvraag", "submit", "--token", token, "--client", "b", str(file), env=env)
    assert submitted.returncode == 0, submitted.stderr
    assert run_etl("uitvraag", "close", "--vintage", "correctie", env=env).returncode == 0

    exported = run_etl(
        "uitvraag", "export", "--raw-dir", str(raw_copy), "--vintage", "correctie", env=env
    )
    assert exported.returncode == 0, exported.stderr
    folder = raw_copy / "verzuim" / "opgaven" / YEAR
    [data] = sorted(folder.glob("*.csv"))
    assert data.read_bytes() == file.read_bytes()
    first = _tree(folder)
    again = run_etl(
        "uitvraag", "export", "--raw-dir", str(raw_copy), "--vintage", "correctie", env=env
    )
    assert again.returncode == 0 and _tree(folder) == first

    # `rebuild` = export + build; the same closed round gives the same warehouse every time
    unknown = run_etl(
        "uitvraag", "rebuild", "--vintage", "bestaat-niet", "--raw-dir", str(raw_copy), env=env
    )
    assert unknown.returncode == 3
    assert "geen gesloten uitvraag met versienaam 'bestaat-niet'" in unknown.stderr
    db, db_again = tmp_path / "kompas.duckdb", tmp_path / "opnieuw.duckdb"
    for target in (db, db_again):
        built = run_etl(
            "uitvraag",
            "rebuild",
            "--vintage",
            "correctie",
            "--raw-dir",
            str(raw_copy),
            "--db",
            str(target),
            env=env,
        )
        assert built.returncode == 0, built.stderr
        assert _tree(folder) == first
    first_build, second_build = snapshot(db), snapshot(db_again)
    assert sorted(first_build) == sorted(second_build)
    assert [t for t in first_build if first_build[t][0] != second_build[t][0]] == []
    promised = ordered_layer_tables()
    assert [t for t in promised if first_build[t][1] != second_build[t][1]] == []
    assert _numerator(db, code) == before + 4
    assert _numerator(db, "NL01") == nederland_before + 4
    rows = read_warehouse(
        db,
        "select _source_file, absoluut_verzuim_count from staged.verzuim__counts "
        "where municipality_code = ? and school_year_start = 2024",
        [code],
    )
    assert rows.values.tolist() == [[f"verzuim/opgaven/{YEAR}/{data.name}", before + 4]]

    published = run_etl("publish", "--out", str(tmp_path / "pub"), "--db", str(db))
    assert published.returncode == 0, published.stderr
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    assert f"- verzuim/opgaven/{YEAR}/{data.name} (sha256 {digest})" in published.stdout
