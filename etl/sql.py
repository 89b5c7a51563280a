"""Run the layer SQL files: `etl/<layer>/<table>.sql` becomes table `<layer>.<table>`.

A 60-line stand-in for dbt: files run in name order within a layer; a file may
start with `-- depends_on: other_table` lines to run after a sibling of the same layer.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from etl.paths import ETL_DIR

_DEPENDS = re.compile(r"^--\s*depends_on:\s*([\w, ]+)$", re.MULTILINE)


def layer_files(layer: str) -> list[Path]:
    """SQL files of one layer in dependency order (declared deps first, else by name)."""
    files = {
        p.stem: p for p in sorted((ETL_DIR / layer).glob("*.sql")) if not p.stem.startswith("_")
    }
    ordered: list[Path] = []
    seen: set[str] = set()

    def visit(name: str, trail: tuple[str, ...] = ()) -> None:
        if name in seen:
            return
        if name in trail:
            raise ValueError(f"cyclic depends_on in etl/{layer}: {' -> '.join(trail + (name,))}")
        text = files[name].read_text(encoding="utf-8")
        for match in _DEPENDS.finditer(text):
            for dep in (d.strip() for d in match.group(1).split(",")):
                if dep in files:
                    visit(dep, trail + (name,))
        seen.add(name)
        ordered.append(files[name])

    for name in files:
        visit(name)
    return ordered


def run_layer(
    con: duckdb.DuckDBPyConnection, layer: str, only: Collection[str] | None = None
) -> list[str]:
    """Create every table of `layer` from its SQL files (with `only`: just those tables, in the
    same order); returns the table names created."""
    con.execute(f"create schema if not exists {layer}")
    created = []
    for path in layer_files(layer):
        if only is not None and path.stem not in only:
            continue
        sql = path.read_text(encoding="utf-8")
        con.execute(f"create or replace table {layer}.{path.stem} as\n{sql}")
        created.append(f"{layer}.{path.stem}")
    return created


def write_frame(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame | pa.Table,
    select: str = "*",
) -> None:
    """Create (or replace) `table` from a DataFrame (or an Arrow table), with an optional
    select list to type it."""
    con.execute(f"create schema if not exists {table.split('.')[0]}")
    con.register("_kompas_frame", frame)
    try:
        con.execute(f"create or replace table {table} as select {select} from _kompas_frame")
    finally:
        con.unregister("_kompas_frame")
