"""DuckDB functions `ci_lower(model, numerator, denominator, multiplier)` and `ci_upper(...)`.

The marts SQL derives the 95% interval next to each value from the summed counts. The
statistics live in `stats.intervals` (Wilson score for shares, exact Poisson for rates), the
same code the dashboard uses; this module only adapts Arrow columns to it.
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from duckdb.func import FunctionNullHandling, PythonUDFType
from numpy.typing import NDArray

from stats.intervals import interval_by_row


def _columns(model: pa.Array, x: pa.Array, n: pa.Array, m: pa.Array) -> tuple[NDArray, ...]:
    return (
        np.asarray(model.to_pylist(), dtype=object),
        x.to_numpy(zero_copy_only=False).astype(float),
        n.to_numpy(zero_copy_only=False).astype(float),
        m.to_numpy(zero_copy_only=False).astype(float),
    )


def _lower(model: pa.Array, x: pa.Array, n: pa.Array, m: pa.Array) -> pa.Array:
    lower, _ = interval_by_row(*_columns(model, x, n, m))
    return pa.array(lower, from_pandas=True)


def _upper(model: pa.Array, x: pa.Array, n: pa.Array, m: pa.Array) -> pa.Array:
    _, upper = interval_by_row(*_columns(model, x, n, m))
    return pa.array(upper, from_pandas=True)


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Make ci_lower/ci_upper available to SQL run on `con`."""
    args: list[Any] = ["varchar", "double", "double", "double"]
    for name, func in (("ci_lower", _lower), ("ci_upper", _upper)):
        con.create_function(
            name,
            func,
            args,
            "double",
            type=PythonUDFType.ARROW,
            null_handling=FunctionNullHandling.SPECIAL,
        )
