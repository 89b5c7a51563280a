"""A warehouse's whole content as exact text, for tests that compare two builds (two builds of
one raw dir, two rebuilds of one closed uitvraag round)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.paths import ETL_DIR

#: columns that say when a build ran, not what it built
RUN_COLUMNS = {("meta", "build", "built_at")}


def ordered_layer_tables() -> set[str]:
    """Layer tables whose SQL file promises a row order (its last clause is `order by`)."""
    promised = set()
    for layer in ("staged", "harmonised", "marts"):
        for path in (ETL_DIR / layer).glob("*.sql"):
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if lines and lines[-1].lstrip().lower().startswith("order by"):
                promised.add(f"{layer}.{path.stem}")
    return promised


def snapshot(db: Path) -> dict[str, tuple[str, str]]:
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
