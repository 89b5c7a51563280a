"""`python -m etl publish`: the publication file, its hidden rows, and an attack on it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from tests.conftest_helpers import run_etl
from tests.etl.disclosure.attacker import attack, too_narrow

COLUMNS = [
    "indicator_key",
    "region_level",
    "region_code",
    "region_name",
    "rmc_code",
    "provincie_code",
    "school_year",
    "numerator",
    "denominator",
    "value",
    "ci_lower",
    "ci_upper",
    "status",
    "flag",
    "funnel_class",
]
IDENTITIES = {
    "thuiszitters_per_1000": ["absoluut_verzuim_per_1000", "langdurig_relatief_verzuim_per_1000"]
}


def _holding(db: Path) -> set[tuple[str, str, str]]:
    """Where the published definition holds in the true data (the attacker is told)."""
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "select t.region_code, t.school_year from marts.indicator_values t "
        "join marts.indicator_values a using (region_code, school_year) "
        "join marts.indicator_values l using (region_code, school_year) "
        "where t.indicator_key = 'thuiszitters_per_1000' "
        "and a.indicator_key = 'absoluut_verzuim_per_1000' "
        "and l.indicator_key = 'langdurig_relatief_verzuim_per_1000' "
        "and t.numerator = a.numerator + l.numerator"
    ).fetchall()
    con.close()
    return {("thuiszitters_per_1000", code, year) for code, year in rows}


def test_publish_writes_exactly_the_shown_numbers(fixture_warehouse: Path, tmp_path: Path) -> None:
    result = run_etl("publish", "--db", str(fixture_warehouse), "--out", str(tmp_path))
    assert "Publicatie geschreven" in result.stdout, result.stderr
    frame = pd.read_csv(tmp_path / "publicatie.csv", keep_default_na=False, dtype=str)
    assert list(frame.columns) == COLUMNS
    hidden = frame[frame["flag"] != ""]
    assert set(hidden["flag"]) == {"primary", "secondary"}
    for column in ("numerator", "value", "ci_lower", "ci_upper"):
        assert (hidden[column] == "").all(), column
    assert (hidden["denominator"] != "").all()
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    (rows,) = con.execute("select count(*) from marts.indicator_values").fetchone() or (0,)
    con.close()
    assert len(frame) == rows
    assert result.returncode in (0, 3)  # 3: the audit reports recoverable cells


def test_publish_without_a_warehouse_says_so_in_dutch(tmp_path: Path) -> None:
    result = run_etl("publish", "--db", str(tmp_path / "geen.duckdb"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert "geen magazijn gevonden" in result.stderr
    assert not (tmp_path / "publicatie.csv").exists()


def test_an_attacker_with_only_the_csv_learns_nothing_beyond_the_labels(
    real_structure_warehouse: Path, tmp_path: Path
) -> None:
    db, out = real_structure_warehouse, tmp_path / "pub"
    run_etl("publish", "--db", str(db), "--out", str(out))
    frame = pd.read_csv(out / "publicatie.csv", keep_default_na=False)
    frame["numerator"] = pd.to_numeric(frame["numerator"], errors="coerce")
    threshold = 5
    group = frame[frame["indicator_key"].isin([*IDENTITIES, *IDENTITIES["thuiszitters_per_1000"]])]
    ranges = attack(group, threshold, IDENTITIES, _holding(db))
    forced = attack(group, threshold, IDENTITIES, _holding(db), everything_hidden=True)
    assert too_narrow(ranges, forced).empty
