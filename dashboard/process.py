"""Once per server process: settings that make every later script run cheaper."""

from __future__ import annotations

import gc
from functools import cache


@cache
def freeze_startup_objects() -> None:
    """Move everything created so far (imported modules: plotly, pandas, duckdb, ...) out of
    the garbage collector's view, so collections during script runs scan only new objects."""
    gc.collect()
    gc.freeze()
