"""Quantiles of the normal, chi-square, binomial and Poisson distributions from scipy.special.

Why not scipy.stats: importing it takes about a second (it builds the docstrings of every
distribution), which every ETL build and every dashboard start paid for four functions.
The discrete quantiles follow the usual definition: the smallest whole k with CDF(k) >= p.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import special

FloatArray = NDArray[np.float64]


def normal_quantile(p: float) -> float:
    """Standard normal quantile (0.975 -> 1.95996...)."""
    return float(special.ndtri(p))


def chi2_quantile(p: float, df: ArrayLike) -> FloatArray:
    """Chi-square quantile: 2 * the inverse regularised lower incomplete gamma at df / 2."""
    return np.asarray(2.0 * special.gammaincinv(np.asarray(df, dtype=float) / 2.0, p), dtype=float)


def _smallest_reaching(p: float, k: FloatArray, cdf_below: FloatArray) -> FloatArray:
    """k (the rounded-up continuous inverse), one lower when the CDF at k - 1 already
    reaches p (guards against rounding in the continuous inverse)."""
    return np.where((k > 0) & (cdf_below >= p), k - 1, k)


def poisson_quantile(p: float, mean: ArrayLike) -> FloatArray:
    """Smallest k with P(X <= k) >= p for X ~ Poisson(mean)."""
    mu = np.asarray(mean, dtype=float)
    with np.errstate(invalid="ignore"):
        guess = np.nan_to_num(special.pdtrik(p, mu), nan=0.0)
    k = np.clip(np.ceil(guess), 0, np.inf)
    below = special.pdtr(np.maximum(k - 1, 0), mu)
    return _smallest_reaching(p, k, below)


def binomial_quantile(p: float, trials: ArrayLike, probability: float) -> FloatArray:
    """Smallest k with P(X <= k) >= p for X ~ Binomial(trials, probability)."""
    n = np.asarray(trials, dtype=float)
    with np.errstate(invalid="ignore"):
        guess = np.nan_to_num(special.bdtrik(p, n, probability), nan=0.0)
    k = np.clip(np.ceil(guess), 0, n)
    below = special.bdtr(np.maximum(k - 1, 0).astype(np.int64), n.astype(np.int64), probability)
    return _smallest_reaching(p, k, below)
