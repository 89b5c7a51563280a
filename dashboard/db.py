"""Read-only access to the warehouse: one handle per warehouse file, one cursor per query.

The handle is a private in-memory DuckDB with the warehouse ATTACHed read-only as `db`, plus the
view of `sql/_safe_views.sql` over the build's disclosure decision (marts.published_values; the
dashboard never decides what to hide). It is re-created when the file's (inode, mtime)
changes, so a rebuilt warehouse swapped in by `python -m etl build` is picked up without a
restart (DuckDB caches database instances per path, so a plain reconnect would keep the old
file open).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from etl.paths import warehouse_path

QUERY_DIR = Path(__file__).resolve().parent / "sql"


class WarehouseMissing(Exception):
    """No warehouse file exists yet at the configured path."""


@dataclass(frozen=True)
class _Handle:
    con: duckdb.DuckDBPyConnection
    path: str
    file_id: tuple[int, int]
    threshold: int


def _file_id(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return (stat.st_ino, stat.st_mtime_ns)


def _still_current(handle: _Handle) -> bool:
    try:
        return _file_id(handle.path) == handle.file_id
    except FileNotFoundError:
        return False


@cache
def read_sql(name: str) -> str:
    """Text of `dashboard/sql/<name>.sql` (read once per process)."""
    return (QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8")


@st.cache_resource(validate=_still_current, show_spinner=False)
def _handle(path: str) -> _Handle:
    file_id = _file_id(path)
    con = duckdb.connect()
    quoted = path.replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS db (READ_ONLY)")
    con.execute("create schema safe")
    con.execute(read_sql("_safe_views"))
    build = con.execute(read_sql("build_info")).fetchone()
    threshold = int(build[-1]) if build and build[-1] is not None else 0
    return _Handle(con, path, file_id, threshold)


def _plain_python(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its text columns and its column labels as Python objects instead of
    pandas' Arrow-backed strings. The pages read small frames column by column and row by row
    (formatting tables, writing sentences and hover texts), and every read, `tolist` or
    comparison of an Arrow string array costs several times that of an object array."""
    plain = frame.astype({c: object for c in frame.columns if frame[c].dtype == "str"})
    plain.columns = pd.Index([str(c) for c in plain.columns], dtype=object)
    return plain


def quiet_outside_server() -> None:
    """Silence Streamlit's warnings when the query layer runs in a command (no server: the
    caches fall back to memory, which is what a command wants)."""
    from streamlit.logger import set_log_level

    set_log_level("error")


# The handle the last call returned. Every query asks for the handle (about 50 times in one
# script run); while the file is unchanged one stat() answers, without resolving the path or
# hashing the arguments of the cached `_handle` again.
_last: _Handle | None = None


def current_handle() -> _Handle:
    """Handle on the configured warehouse; raises WarehouseMissing when there is none."""
    global _last
    path = str(warehouse_path())
    last = _last
    if last is not None and last.path == path and _still_current(last):
        return last
    if not os.path.isfile(path):
        raise WarehouseMissing(path)
    _last = _handle(path)
    return _last


def suppression_threshold() -> int:
    """The small-count threshold the warehouse was built with (meta.build)."""
    return current_handle().threshold


def run_sql(name: str, **params: Any) -> pd.DataFrame:
    """Run the named query file with bound `$name` parameters on a fresh cursor.

    Query files reference `safe.*` (suppressed counts) and `db.marts.*` / `db.meta.*` for tables
    without small counts. A cursor is a new connection, so it does not inherit `USE`; qualify.
    """
    cursor = current_handle().con.cursor()
    try:
        return _plain_python(cursor.execute(read_sql(name), params or None).df())
    finally:
        cursor.close()
