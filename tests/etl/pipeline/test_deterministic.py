"""Two builds of the same raw dir give the same warehouse: every table's full content, bit for
bit (doubles compared by their exact repr), and the row order of every layer table whose SQL
file ends in an `order by`."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.paths import ETL_DIR
from etl.pipeline import build

#: columns that say when a build ran, not what it built
RUN_COLUMNS = {("meta", "build", "built_at")}


def _ordered_layer_tables() -> set[str]:
    """Layer tables whose SQL file promises a row order (its last clause is `order by`)."""
    promised = set()
    for layer in ("staged", "harmonised", "marts"):
        for path in (ETL_DIR / layer).glob("*.sql"):
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if lines and lines[-1].lstrip().lower().startswith("order by"):
                promised.add(f"{layer}.{path.stem}")
    return promised


def _snapshot(db: Path) -> dict[str, tuple[str, str]]:
    """Per table: its rows sorted by all columns and its rows as stored, both as exact text."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() order by all"
        ).fetchall()
        snapshot = {}
        for schema, table in tables:
            columns = [
                f'"{name}"'
                for (name,) in con.execute(
                    "select column_name from duckdb_columns() where schema_name = ? "
                    "and table_name = ? order by column_index",
                    [schema, table],
                ).fetchall()
                if (schema, table, name) not in RUN_COLUMNS
            ]
            select = f"select {', '.join(columns)} from {schema}.{table}"
            stored = con.execute(select).fetchall()
            snapshot[f"{schema}.{table}"] = (repr(sorted(stored, key=repr)), repr(stored))
        return snapshot
    finally:
        con.close()


def test_two_builds_of_one_raw_dir_are_identical(
    demo_raw_dir: Path, fixture_warehouse: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again.duckdb"
    build(demo_raw_dir, again)
    first, second = _snapshot(fixture_warehouse), _snapshot(again)
    assert sorted(first) == sorted(second)
    assert {"marts.region_characteristics", "marts.peer_groups"} <= set(first)
    differing = [name for name in first if first[name][0] != second[name][0]]
    assert differing == []
    promised = _ordered_layer_tables()
    assert "marts.peer_groups" in promised and "staged.cbs_bevolking__population" in promised
    reordered = [name for name in promised if first[name][1] != second[name][1]]
    assert reordered == []
