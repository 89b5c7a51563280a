"""95% intervals for shares (Wilson score) and rates (exact Poisson, Garwood), vectorised.

Registered as DuckDB functions `ci_lower(model, numerator, denominator, multiplier)` and
`ci_upper(...)` so the marts SQL derives intervals next to the values, from the summed counts.
"""

from __future__ import annotations

from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
from duckdb.func import FunctionNullHandling, PythonUDFType
from numpy.typing import NDArray
from scipy import stats

Z95 = float(stats.norm.ppf(0.975))


def wilson(
    x: NDArray[np.float64], n: NDArray[np.float64], z: float = Z95
) -> tuple[NDArray, NDArray]:
    """Wilson score interval for proportions x/n (as fractions); NaN where n <= 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    bad = ~(n > 0) | np.isnan(x)
    return np.where(bad, np.nan, centre - half), np.where(bad, np.nan, centre + half)


def poisson_exact(
    x: NDArray[np.float64], n: NDArray[np.float64], level: float = 0.95
) -> tuple[NDArray, NDArray]:
    """Exact (Garwood) interval for rates x/n: chi-square quantiles of the Poisson count."""
    alpha = 1 - level
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.where(x > 0, stats.chi2.ppf(alpha / 2, 2 * x) / 2, 0.0) / n
        upper = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2 / n
    bad = ~(n > 0) | np.isnan(x)
    return np.where(bad, np.nan, lower), np.where(bad, np.nan, upper)


def interval(
    model: NDArray, x: NDArray, n: NDArray, multiplier: NDArray
) -> tuple[NDArray, NDArray]:
    """Interval per row by model ('binomial' or 'poisson'), scaled by the multiplier."""
    wl, wu = wilson(x, n)
    pl, pu = poisson_exact(x, n)
    is_binomial = model == "binomial"
    lower = np.where(is_binomial, wl, pl) * multiplier
    upper = np.where(is_binomial, wu, pu) * multiplier
    return lower, upper


def _columns(model: pa.Array, x: pa.Array, n: pa.Array, m: pa.Array) -> tuple[NDArray, ...]:
    return (
        np.asarray(model.to_pylist(), dtype=object),
        x.to_numpy(zero_copy_only=False).astype(float),
        n.to_numpy(zero_copy_only=False).astype(float),
        m.to_numpy(zero_copy_only=False).astype(float),
    )


def _lower(model: pa.Array, x: pa.Array, n: pa.Array, m: pa.Array) -> pa.Array:
    lower, _ = interval(*_columns(model, x, n, m))
    return pa.array(lower, from_pandas=True)


def _upper(model: pa.Array, x: pa.Array, n: pa.Array, m: pa.Array) -> pa.Array:
    _, upper = interval(*_columns(model, x, n, m))
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
