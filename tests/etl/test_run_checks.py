"""`python -m etl check` reports each check in Dutch and fails when a check finds rows."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from etl.paths import ETL_DIR, REPO_ROOT
from etl.run_checks import run_checks, tables_named


def test_every_check_has_a_dutch_description_and_passes_on_the_fixture(
    fixture_warehouse: Path,
) -> None:
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    results = run_checks(con)
    con.close()
    assert len(results) == len(list((ETL_DIR / "checks").glob("*.sql")))
    assert all(r.passed for r in results), [r.check_name for r in results if not r.passed]
    assert all(r.description and not r.description.startswith("--") for r in results)


def test_only_runs_just_the_named_checks_in_report_order(fixture_warehouse: Path) -> None:
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    results = run_checks(con, ["marts__unique_keys", "harmonised__totals_preserved"])
    con.close()
    assert [r.check_name for r in results] == [
        "harmonised__totals_preserved",
        "marts__unique_keys",
    ]


def test_tables_named_lists_every_warehouse_table_of_a_check() -> None:
    # read off etl/checks/marts__expected_only_for_shown_counts.sql by hand; its CTE columns
    # such as expected.denominator are not warehouse tables
    assert tables_named("marts__expected_only_for_shown_counts") == {
        "marts.expected_models",
        "marts.expected_values",
        "marts.published_values",
        "marts.regions",
    }


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


def _failing_checks_after(fixture_warehouse: Path, tmp_path: Path, damage: str) -> list[str]:
    damaged = tmp_path / "damaged.duckdb"
    shutil.copy(fixture_warehouse, damaged)
    con = duckdb.connect(str(damaged))
    con.execute(damage)
    failing = [r.check_name for r in run_checks(con) if not r.passed]
    con.close()
    return failing


def test_sum_of_check_finds_a_thuiszitters_count_that_is_not_the_sum(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    """thuiszitters = absoluut + langdurig relatief (declared sum_of); break it in one gemeente."""
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    row = con.execute(
        "select region_code, school_year from marts.indicator_values "
        "where indicator_key = 'thuiszitters_per_1000' and region_level = 'gemeente' "
        "order by all limit 1"
    ).fetchone()
    con.close()
    failing = _failing_checks_after(
        fixture_warehouse,
        tmp_path,
        "update marts.indicator_values set numerator = numerator + 1 "
        f"where indicator_key = 'thuiszitters_per_1000' and region_code = '{row[0]}' "
        f"and school_year = '{row[1]}'",
    )
    assert "marts__sum_of_holds" in failing


def test_totals_check_finds_a_pupil_lost_in_harmonisation(
    fixture_warehouse: Path, tmp_path: Path
) -> None:
    failing = _failing_checks_after(
        fixture_warehouse,
        tmp_path,
        "update harmonised.absence set relatief_verzuim_count = relatief_verzuim_count - 1 "
        "where rowid = (select min(rowid) from harmonised.absence "
        "where relatief_verzuim_count > 0)",
    )
    assert failing == ["harmonised__totals_preserved"]
