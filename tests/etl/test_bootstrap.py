"""First start of the app: a missing warehouse is built from the publishers when they can be
reached (here: a local stand-in), otherwise from demo data."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.bootstrap import ensure_warehouse
from tests.conftest_helpers import require_shared_raw


def _is_demo(db: Path) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return bool(con.execute("select is_demo from meta.build").fetchone()[0])
    finally:
        con.close()


def test_existing_warehouse_is_left_alone(fixture_warehouse: Path) -> None:
    before = fixture_warehouse.stat().st_mtime_ns
    assert ensure_warehouse(lambda _: None) == fixture_warehouse
    assert fixture_warehouse.stat().st_mtime_ns == before


def test_offline_first_start_builds_the_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kompas.duckdb"
    monkeypatch.setenv("KOMPAS_DB", str(target))
    monkeypatch.setenv("KOMPAS_OFFLINE", "1")
    monkeypatch.delenv("KOMPAS_REFERENCE_DIR", raising=False)
    messages: list[str] = []
    assert ensure_warehouse(messages.append) == target
    assert target.is_file() and _is_demo(target)
    assert "Demogegevens maken" in messages  # no setting: the fictional country


def _gemeenten(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        query = "select count(*) from marts.regions where region_level = 'gemeente'"
        return int(con.execute(query).fetchone()[0])
    finally:
        con.close()


def test_reference_dir_setting_gives_the_demo_the_real_indeling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = require_shared_raw()
    target = tmp_path / "kompas.duckdb"
    monkeypatch.setenv("KOMPAS_DB", str(target))
    monkeypatch.setenv("KOMPAS_OFFLINE", "1")
    monkeypatch.setenv("KOMPAS_REFERENCE_DIR", str(reference))
    messages: list[str] = []
    ensure_warehouse(messages.append)
    assert "Demogegevens maken met de echte gemeentelijke indeling" in messages
    assert _gemeenten(target) == 342  # the 2025 indeling (CBS: 342 gemeenten)


def test_reference_dir_that_does_not_exist_is_said_and_gives_the_fictional_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kompas.duckdb"
    monkeypatch.setenv("KOMPAS_DB", str(target))
    monkeypatch.setenv("KOMPAS_OFFLINE", "1")
    monkeypatch.setenv("KOMPAS_REFERENCE_DIR", str(tmp_path / "bestaat-niet"))
    messages: list[str] = []
    ensure_warehouse(messages.append)
    assert any("bestaat niet" in m and "bestaat-niet" in m for m in messages)
    assert "Demogegevens maken" in messages and _is_demo(target)


def test_unreachable_publishers_fall_back_to_the_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kompas.duckdb"
    monkeypatch.setenv("KOMPAS_DB", str(target))
    monkeypatch.delenv("KOMPAS_OFFLINE", raising=False)
    monkeypatch.setenv("KOMPAS_PUBLISHER_MIRROR", "http://127.0.0.1:9")  # discard port: refused
    messages: list[str] = []
    ensure_warehouse(messages.append)
    assert _is_demo(target)
    assert any("niet bereikbaar" in m for m in messages)


def test_reachable_publishers_give_a_real_warehouse(
    publisher: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kompas.duckdb"
    monkeypatch.setenv("KOMPAS_DB", str(target))
    monkeypatch.delenv("KOMPAS_OFFLINE", raising=False)
    monkeypatch.setenv("KOMPAS_PUBLISHER_MIRROR", publisher)
    ensure_warehouse(lambda _: None)
    con = duckdb.connect(str(target), read_only=True)
    keys = {k for (k,) in con.execute("select indicator_key from marts.indicators").fetchall()}
    con.close()
    assert keys == {"vsv_pct"}  # publishers alone: no verzuim template yet
    assert (tmp_path / "raw" / "vsv" / "84780NED" / "TypedDataSet.json").is_file()
