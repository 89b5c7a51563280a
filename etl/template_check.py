"""One verzuim template file -> its staged rows, checked by the build's own rules.

A member's upload goes through exactly what `build` does to a template in the raw dir: the
`verzuim` source parser (structure), `etl/staged/verzuim__counts.sql` (typing) and
`etl.validate.validate_staged` (value rules of `_staged.yml`), in an in-memory DuckDB. So an
upload is refused with the same messages, naming file, row, column and value, as the same file
would get from `python -m etl build`.

Opening an in-memory DuckDB costs more than checking a small file on it (about 14 ms against
20 ms), so a process keeps the databases of earlier checks in a pool and reuses them, one check
at a time each: a database is taken from the pool, holds only that check's `raw` and `staged`
tables, and goes back after they are dropped (one that fails to clean up is closed instead).
The staged SQL is read once per process.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import duckdb
import pandas as pd

from etl.errors import InputError
from etl.paths import ETL_DIR
from etl.sources import verzuim
from etl.sources.readers import RawFile, ReadContext
from etl.sql import write_frame
from etl.validate import validate_staged

STAGED_TABLE = "verzuim__counts"
_SCHEMAS = ("staged", "raw")
_POOL: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()


@cache
def _staged_sql() -> str:
    return (ETL_DIR / "staged" / f"{STAGED_TABLE}.sql").read_text(encoding="utf-8")


@contextmanager
def _database() -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty in-memory DuckDB for one check, from the pool or new; emptied and put back."""
    try:
        con = _POOL.get_nowait()
    except queue.Empty:
        con = duckdb.connect()
    try:
        yield con
    finally:
        try:
            for schema in _SCHEMAS:
                con.execute(f"drop schema if exists {schema} cascade")
        except duckdb.Error:
            con.close()
        else:
            _POOL.put(con)


def staged_template(file: RawFile, max_bytes: int) -> pd.DataFrame:
    """Parse, stage and validate one template file.

    Args:
        file: the file; `role` must be 'template_csv' or 'template_xlsx'.
        max_bytes: largest file accepted (an XLSX may unpack to ten times this).

    Returns:
        The rows of `staged.verzuim__counts` for this file (typed counts, NULL = not reported,
        with `_source_file` and `_row_number`).

    Raises:
        InputError: every structural or value problem, as `build` reports it.
    """
    tables = verzuim.parse([file], ReadContext(max_bytes=max_bytes))
    with _database() as con:
        write_frame(con, f"raw.{STAGED_TABLE}", tables["counts"])
        con.execute("create schema staged")
        con.execute(f"create table staged.{STAGED_TABLE} as\n{_staged_sql()}")
        problems = validate_staged(con)
        if problems:
            raise InputError(problems)
        return con.execute(f"select * from staged.{STAGED_TABLE} order by _row_number").df()
