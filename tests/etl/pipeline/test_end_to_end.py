"""demo -> build -> check end to end through the CLI, with and without the real indeling."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.conftest_helpers import all_checks_passed_line, run_etl


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select region_level, count(*) from marts.regions group by all"
        ).fetchall()
        return {level: n for level, n in rows}
    finally:
        con.close()


def test_fictional_country_demo_builds_and_checks(tmp_path: Path) -> None:
    raw, db = tmp_path / "raw", tmp_path / "kompas.duckdb"
    assert run_etl("demo", "--raw-dir", str(raw), "--seed", "11").returncode == 0
    built = run_etl("build", "--raw-dir", str(raw), "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert "DEMO" in built.stdout
    checked = run_etl("check", "--db", str(db))
    assert checked.returncode == 0, checked.stdout
    assert all_checks_passed_line() in checked.stdout
    counts = _counts(db)
    assert counts["nederland"] == 1 and counts["gemeente"] >= 30


@pytest.mark.slow
def test_real_structure_demo_builds_with_342_gemeenten(real_structure_warehouse: Path) -> None:
    db = real_structure_warehouse  # `etl demo --structure-from` then `etl build`, via the CLI
    assert _counts(db) == {"gemeente": 342, "rmc": 40, "provincie": 12, "nederland": 1}
    con = duckdb.connect(str(db), read_only=True)
    national = con.execute(
        "select school_year, numerator, denominator, value, status from marts.indicator_values "
        "where indicator_key = 'vsv_pct' and region_level = 'nederland' order by school_year"
    ).fetchall()
    con.close()
    assert len(national) >= 8
    assert national[-1][4] == "voorlopig" and {r[4] for r in national[:-1]} == {"definitief"}
    # CBS magnitudes (84780NED): about 1.3 million pupils, vsv 2-3 %
    for _, vsv, pupils, pct, _ in national:
        assert 0 < vsv < pupils
        assert 1_150_000 <= pupils <= 1_450_000
        assert 1.5 <= pct <= 3.5


def test_check_without_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    result = run_etl("check", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 3
    assert "geen magazijn gevonden" in result.stderr and "Traceback" not in result.stderr


def test_template_command_writes_an_empty_template(tmp_path: Path) -> None:
    out = tmp_path / "sjabloon.xlsx"
    assert run_etl("template", "--out", str(out)).returncode == 0
    assert out.stat().st_size > 0
    assert run_etl("template", "--out", str(tmp_path / "x.txt")).returncode == 2


def test_build_without_verzuim_offers_only_vsv(raw_copy: Path, tmp_path: Path) -> None:
    """Publishers' data alone (no verzuim template) builds the vsv indicator only."""
    import shutil

    shutil.rmtree(raw_copy / "verzuim")
    db = tmp_path / "kompas.duckdb"
    built = run_etl("build", "--raw-dir", str(raw_copy), "--db", str(db))
    assert built.returncode == 0, built.stderr
    con = duckdb.connect(str(db), read_only=True)
    keys = {k for (k,) in con.execute("select indicator_key from marts.indicators").fetchall()}
    valued = {
        k
        for (k,) in con.execute(
            "select distinct indicator_key from marts.indicator_values"
        ).fetchall()
    }
    con.close()
    assert keys == valued == {"vsv_pct"}
