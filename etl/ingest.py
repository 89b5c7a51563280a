"""Parsed sources -> raw and staged tables, stored on a background thread while the build
parses the next source.

Parsing is Python (it holds the GIL); DuckDB releases the GIL while it stores a table or runs
a query. So as soon as one source is parsed, its raw tables are written and its staged SQL
files (`etl/staged/<source>__*.sql`, which read only that source's raw tables) are run, while
the main thread reads the next source. The ingester has its own cursor (DuckDB wants one per
thread) and handles the sources one at a time, in the order they were parsed.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

import duckdb
import pandas as pd
import pyarrow as pa

from etl.sql import layer_files, run_layer, write_frame


class Ingester:
    """Stores each parsed source in `con`'s database on one background thread.

    Use as a context manager: pass `submit` to load_raw, then `wait` before reading the tables.
    Leaving the block without `wait` (a parse error) lets the queued work finish and closes
    the cursor, so the connection can be closed after it; errors of that work are dropped,
    as the parse error is the one to report.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        """Open the ingester's cursor and thread."""
        self._cursor = con.cursor()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest")
        self._pending: list[Future[None]] = []
        self._staged = [path.stem for path in layer_files("staged")]

    def submit(self, source_key: str, tables: dict[str, pd.DataFrame]) -> None:
        """Queue one source: its raw tables (raw.<source>__<table> -> frame), then its staged
        tables."""
        self._pending.append(self._pool.submit(self._store, source_key, tables))

    def _store(self, source_key: str, tables: dict[str, pd.DataFrame]) -> None:
        for name, frame in tables.items():
            # the raw frames are text columns (pyarrow-backed) and a row number: DuckDB reads
            # them as an Arrow table in about half the time it takes to scan the DataFrame
            write_frame(self._cursor, name, pa.Table.from_pandas(frame, preserve_index=False))
        own = [stem for stem in self._staged if stem.startswith(f"{source_key}__")]
        if own:
            run_layer(self._cursor, "staged", only=own)

    def wait(self) -> None:
        """Block until every queued source is stored; re-raises the first error."""
        for future in self._pending:
            future.result()

    def __enter__(self) -> Ingester:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pool.shutdown(wait=True)
        self._cursor.close()
