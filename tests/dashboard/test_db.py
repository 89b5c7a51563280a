"""The read-only query layer: suppression is enforced in one place, and a warehouse swapped in
by a rebuild is picked up by running readers without errors or a restart."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from dashboard import db, queries


@pytest.fixture
def two_warehouses(
    fixture_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    """The served path (a copy of the fixture) and a second build with another build time."""
    served = tmp_path / "served.duckdb"
    shutil.copy(fixture_warehouse, served)
    other = tmp_path / "other.duckdb"
    shutil.copy(fixture_warehouse, other)
    con = duckdb.connect(str(other))
    con.execute("update meta.build set built_at = 'rebuilt'")
    con.close()
    monkeypatch.setenv("KOMPAS_DB", str(served))
    return served, other


def test_view_shows_the_stored_decision_and_nothing_hidden(fixture_warehouse: Path) -> None:
    cursor = db.current_handle().con.cursor()
    try:
        rows = cursor.execute(
            "select numerator, value, ci_lower, ci_upper, flag "
            "from safe.indicator_values where is_suppressed"
        ).fetchall()
        stored = cursor.execute(
            "select count(*) from db.marts.published_values where flag <> ''"
        ).fetchone()
        raw_small = cursor.execute(
            "select count(*) from db.marts.indicator_values where numerator < 5"
        ).fetchone()
    finally:
        cursor.close()
    assert raw_small is not None and raw_small[0] > 0, "fixture should contain small counts"
    assert stored is not None and len(rows) == stored[0] >= raw_small[0]
    assert all(r[:4] == (None, None, None, None) for r in rows)
    assert {r[4] for r in rows} <= {"primary", "secondary"}


def test_threshold_comes_from_the_build_not_the_dashboard(
    fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMPAS_SUPPRESS_BELOW", "50")  # ignored by the dashboard
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    (built,) = con.execute("select suppression_threshold from meta.build").fetchone() or (None,)
    con.close()
    assert db.suppression_threshold() == built == 5


def test_readers_see_a_swapped_warehouse_without_errors(
    two_warehouses: tuple[Path, Path],
) -> None:
    served, other = two_warehouses
    errors: list[BaseException] = []
    seen: set[str] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                seen.add(str(db.run_sql("build_info")["built_at"].iloc[0]))
            except BaseException as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)
                return

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    first = served.read_bytes()
    for swap in range(10):
        source = other if swap % 2 == 0 else None
        staging = served.with_name(f".swap-{swap}.duckdb")
        if source is not None:
            shutil.copy(source, staging)
        else:
            staging.write_bytes(first)
        os.replace(staging, served)  # what `etl build` does
        stop.wait(0.05)
    stop.set()
    for thread in readers:
        thread.join(timeout=30)
    assert errors == []
    assert "rebuilt" in seen and len(seen) == 2


def test_pages_label_a_secondary_x_and_a_primary_below_threshold(fixture_warehouse: Path) -> None:
    from dashboard.formatting import count_column

    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    picks = con.execute(
        "select flag, any_value(region_code) from marts.published_values "
        "where flag <> '' and region_level = 'gemeente' group by flag order by flag"
    ).fetchall()
    con.close()
    assert [flag for flag, _ in picks] == ["primary", "secondary"]
    for flag, code in picks:
        rows = queries.region_values(code)
        hidden = rows[rows["flag"] == flag]
        assert hidden["numerator"].isna().all() and hidden["value"].isna().all()
        labels = set(count_column(hidden["numerator"], hidden["flag"]))
        assert labels == {"<5" if flag == "primary" else "x"}
