"""Quantiles of the normal, chi-square, binomial and Poisson distributions from scipy.special.

Why not scipy.stats: importing it takes about a second (it builds the docstrings of every
distribution), which every ETL build and every dashboard start paid for four functions.
The discrete quantiles follow the usual definition: the smallest whole k with CDF(k) >= p.
"""

from __future__ import annotations

from collections.abc import Callable

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


#: search steps before the quantile search gives up (the starting guess is within a few counts)
MAX_STEPS = 10_000


def _smallest_reaching(
    p: float, guess: FloatArray, cdf: Callable[[FloatArray, NDArray[np.intp]], FloatArray]
) -> FloatArray:
    """Smallest whole k >= 0 with cdf(k) >= p, searched from `guess` one count at a time:
    up while cdf(k) < p, then down while cdf(k - 1) >= p. `cdf(k, rows)` evaluates the rows
    `rows` of the problem at k. Both CDFs are cheap; their inverses (scipy.special.pdtrik,
    bdtrik) cost 5 to 40 times as much per value, and a normal-approximation guess is within
    a count or two of the answer."""
    k = np.maximum(np.floor(guess), 0.0)
    rows = np.arange(k.size)
    for step in (1.0, -1.0):
        active = rows
        for _ in range(MAX_STEPS):
            if not active.size:
                break
            if step > 0:
                moving = cdf(k[active], active) < p
            else:
                below = k[active] - 1
                moving = (below >= 0) & (cdf(np.maximum(below, 0), active) >= p)
            active = active[moving]
            k[active] += step
    return k


def _normal_guess(p: float, mean: FloatArray, variance: FloatArray, skew: FloatArray) -> FloatArray:
    """Cornish-Fisher starting point: mean + sd * (z + (z^2 - 1) * skew / 6)."""
    z = special.ndtri(p)
    return mean + np.sqrt(variance) * (z + (z * z - 1) * skew / 6)


def poisson_quantile(p: float, mean: ArrayLike) -> FloatArray:
    """Smallest k with P(X <= k) >= p for X ~ Poisson(mean); 0 where the mean is not a positive
    number."""
    mu = np.asarray(mean, dtype=float)
    flat = np.where(np.isfinite(mu) & (mu > 0), mu, 0.0).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        guess = np.nan_to_num(_normal_guess(p, flat, flat, 1 / np.sqrt(flat)), nan=0.0)
    k = _smallest_reaching(p, guess, lambda k, rows: special.pdtr(k, flat[rows]))
    return k.reshape(mu.shape)


def binomial_quantile(p: float, trials: ArrayLike, probability: ArrayLike) -> FloatArray:
    """Smallest k with P(X <= k) >= p for X ~ Binomial(trials, probability); `probability` is
    one number or one per trial count (each value is computed on its own, so a batch of
    problems gives exactly what each problem gives alone)."""
    n = np.asarray(trials, dtype=float)
    flat = n.ravel()
    whole = flat.astype(np.int64)
    chance = np.asarray(probability, dtype=float)
    if chance.ndim:
        chance = np.broadcast_to(chance, n.shape).ravel()
    variance = flat * chance * (1 - chance)
    with np.errstate(divide="ignore", invalid="ignore"):
        skew = (1 - 2 * chance) / np.sqrt(variance)
        guess = np.nan_to_num(_normal_guess(p, flat * chance, variance, skew), nan=0.0)
    k = _smallest_reaching(
        p,
        np.minimum(guess, flat),
        lambda k, rows: special.bdtr(
            k.astype(np.int64), whole[rows], chance[rows] if chance.ndim else chance
        ),
    )
    return k.reshape(n.shape)
