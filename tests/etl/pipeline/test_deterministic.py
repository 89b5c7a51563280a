"""Two builds of the same raw dir give the same warehouse: every table's full content, bit for
bit (doubles compared by their exact repr), and the row order of every layer table whose SQL
file ends in an `order by`."""

from __future__ import annotations

from pathlib import Path

from etl.pipeline import build
from tests.warehouse_snapshot import ordered_layer_tables, snapshot


def test_two_builds_of_one_raw_dir_are_identical(
    demo_raw_dir: Path, fixture_warehouse: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.duckdb"
    build(demo_raw_dir, again)
    first, second = snapshot(fixture_warehouse), snapshot(again)
    assert sorted(first) == sorted(second)
    assert {"marts.region_characteristics", "marts.peer_groups"} <= set(first)
    differing = [name for name in first if first[name][0] != second[name][0]]
    assert differing == []
    promised = ordered_layer_tables()
    assert "marts.peer_groups" in promised and "staged.cbs_bevolking__population" in promised
    reordered = [name for name in promised if first[name][1] != second[name][1]]
    assert reordered == []
