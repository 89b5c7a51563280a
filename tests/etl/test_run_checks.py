"""`python -m etl check` reports each check in Dutch and fails when a check finds rows."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from etl.paths import ETL_DIR, REPO_ROOT
from etl.run_checks import run_checks


def test_every_check_has_a_dutch_description_and_passes_on_the_fixture(
    fixture_warehouse: Path,
) -> None:
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    results = run_checks(con)
    con.close()
    assert len(results) == len(list((ETL_DIR / "checks").glob("*.sql")))
    assert all(r.passed for r in results), [r.check_name for r in results if not r.passed]
    assert all(r.description and not r.description.startswith("--") for r in results)


def test_check_command_fails_on_a_damaged_warehouse(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.duckdb"
    shutil.copy(fixture_warehouse, damaged)
    con = duckdb.connect(str(damaged))
    con.execute(
        "update marts.indicator_values set numerator = numerator + 1 "
        "where region_level = 'nederland' and indicator_key = 'vsv_pct'"
    )
    con.close()
    result = subprocess.run(
        [sys.executable, "-m", "etl", "check", "--db", str(damaged)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 3
    assert "FOUT marts__gemeenten_sum_to_aggregates" in result.stdout
    assert "FOUT marts__values_match_counts" in result.stdout
