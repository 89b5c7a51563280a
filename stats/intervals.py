"""Counts turned into 95% intervals: Wilson score for shares, exact (Garwood) for rates.

Models (as `marts.indicators.model` names them):
- `binomial` for shares (vsv%): Wilson score interval (Wilson 1927; Newcombe 1998, method 3).
- `poisson` for rates per 1.000: exact interval of the Poisson count from chi-square quantiles
  (Garwood 1936), divided by the denominator.

Every function is vectorised and returns NaN where the denominator is not positive or the count
is missing, so the DuckDB functions (`etl/marts/intervals.py`) and the pages share one code path.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stats.distributions import chi2_quantile, normal_quantile

FloatArray = NDArray[np.float64]

Z_95 = normal_quantile(0.975)
Z_998 = normal_quantile(0.999)
MODELS = ("binomial", "poisson")


def z_value(level: float) -> float:
    """Two-sided normal quantile for a coverage level (0.95 -> 1.96)."""
    return normal_quantile(0.5 + level / 2)


def _invalid(x: FloatArray, n: FloatArray) -> NDArray[np.bool_]:
    return ~(n > 0) | np.isnan(x)


def wilson_interval(
    numerator: ArrayLike, denominator: ArrayLike, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval for proportions x/n, as fractions; NaN where n <= 0 or x missing."""
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    z = z_value(level)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        scale = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / scale
        half = z / scale * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        lower, upper = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    bad = _invalid(x, n)
    return np.where(bad, np.nan, lower), np.where(bad, np.nan, upper)


def poisson_count_interval(count: ArrayLike, level: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Exact (Garwood) interval for a Poisson count: chi2(a/2, 2x)/2 and chi2(1-a/2, 2x+2)/2."""
    x = np.asarray(count, dtype=float)
    alpha = 1 - level
    with np.errstate(invalid="ignore"):
        lower = np.where(x > 0, chi2_quantile(alpha / 2, 2 * np.maximum(x, 0)) / 2, 0.0)
        upper = chi2_quantile(1 - alpha / 2, 2 * x + 2) / 2
    return np.where(np.isnan(x), np.nan, lower), np.asarray(upper, dtype=float)


def fraction_interval(
    numerator: ArrayLike, denominator: ArrayLike, model: str, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Interval of x/n as a fraction (not yet multiplied) for either model."""
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    if model == "binomial":
        return wilson_interval(x, n, level)
    if model == "poisson":
        low, high = poisson_count_interval(x, level)
        bad = _invalid(x, n)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(bad, np.nan, low / n), np.where(bad, np.nan, high / n)
    raise ValueError(f"unknown model {model!r}")


def value_interval(
    numerator: ArrayLike,
    denominator: ArrayLike,
    model: str,
    multiplier: float,
    level: float = 0.95,
) -> tuple[FloatArray, FloatArray]:
    """Interval of an indicator value in display units (% or per 1.000) for either model."""
    lower, upper = fraction_interval(numerator, denominator, model, level)
    return lower * multiplier, upper * multiplier


def interval_by_row(
    models: ArrayLike, numerator: ArrayLike, denominator: ArrayLike, multiplier: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """95% interval per row where each row names its own model (the DuckDB functions use it)."""
    model = np.asarray(models, dtype=object)
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    m = np.asarray(multiplier, dtype=float)
    lower = np.full(x.shape, np.nan)
    upper = np.full(x.shape, np.nan)
    for name in MODELS:
        rows = model == name
        if rows.any():
            lower[rows], upper[rows] = value_interval(x[rows], n[rows], name, 1.0)
    return lower * m, upper * m
