"""Run one DuckDB step on a thread of its own while the build goes on with another.

DuckDB releases the GIL while it runs a query, and shapely while it unions shapes, so a step
that is mostly DuckDB or GEOS work runs beside Python work (parsing, disclosure control) on
the machine's other core. The step gets a cursor of its own (DuckDB wants one per thread). It
must read only tables that are complete when it starts and write tables the main thread does
not touch until the block ends; each table is then built from the same inputs as when the
steps ran one after the other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import TypeVar

import duckdb

T = TypeVar("T")


@contextmanager
def beside(
    con: duckdb.DuckDBPyConnection, step: Callable[[duckdb.DuckDBPyConnection], T]
) -> Iterator[Future[T]]:
    """`step(cursor)` runs on a thread while the block runs; the block's end waits for it
    (re-raising its error). An error in the block waits for the step too, then propagates."""
    with ThreadPoolExecutor(max_workers=1) as pool, con.cursor() as cursor:
        future = pool.submit(step, cursor)
        try:
            yield future
        finally:
            # the cursor may close only once the step is done with it
            wait([future])
        future.result()
