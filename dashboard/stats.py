"""Counts turned into intervals, funnel-plot control limits and changes between years.

Models (as `marts.indicators.model` names them):
- `binomial` for shares (vsv%): Wilson score interval (Wilson 1927; Newcombe 1998, method 3).
- `poisson` for rates per 1.000: exact (Garwood 1936) interval from chi-square quantiles.

Funnel limits follow Spiegelhalter (2005), "Funnel plots for comparing institutional
performance", Stat Med 24:1185-1202, appendix A.1.1: the exact p-quantile r_p of the count under
the centre value (scipy's binom/poisson ppf) is interpolated between the neighbouring integers,
    alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)),   limit = (r_p - alpha) / n,
so the limits are smooth in n instead of stepping. The centre is the national value; the limits
are two-sided 95% (p = 0.025, 0.975) and 99.8% (p = 0.001, 0.999).

The change between two school years uses the normal (Wald) approximation to the difference of
two independent proportions or rates: var(p) = p(1-p)/n, var(rate) = x/n^2. With national
denominators of many thousands this is accurate; it ignores that consecutive years share part
of the same population, which makes the interval slightly conservative.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import stats

FloatArray = NDArray[np.float64]

LIMIT_LEVELS: dict[str, tuple[float, float]] = {
    "95": (0.025, 0.975),
    "99.8": (0.001, 0.999),
}

# classification of a region against the funnel limits at its own denominator
ABOVE_998 = "boven_998"
ABOVE_95 = "boven_95"
WITHIN = "binnen"
BELOW_95 = "onder_95"
BELOW_998 = "onder_998"
UNKNOWN = "onbekend"

CLASS_LABELS = {
    ABOVE_998: "boven de 99,8%-grens",
    ABOVE_95: "boven de 95%-grens",
    WITHIN: "binnen de grenzen",
    BELOW_95: "onder de 95%-grens",
    BELOW_998: "onder de 99,8%-grens",
    UNKNOWN: "niet te beoordelen",
}


def _z(level: float) -> float:
    return float(stats.norm.ppf(0.5 + level / 2))


def wilson_interval(
    numerator: ArrayLike, denominator: ArrayLike, level: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval for a proportion (as a fraction, not a percentage).

    Args:
        numerator: Successes (e.g. vsv'ers).
        denominator: Trials (e.g. leerlingen); must be positive.
        level: Two-sided coverage.

    Returns:
        Lower and upper bounds as arrays of fractions.
    """
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    z = _z(level)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def poisson_count_interval(count: ArrayLike, level: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Exact (Garwood) interval for a Poisson count: chi2(a/2, 2x)/2 and chi2(1-a/2, 2x+2)/2."""
    x = np.asarray(count, dtype=float)
    alpha = 1 - level
    with np.errstate(invalid="ignore"):
        lower = np.where(x > 0, stats.chi2.ppf(alpha / 2, 2 * x) / 2, 0.0)
    upper = stats.chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    return np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)


def value_interval(
    numerator: ArrayLike,
    denominator: ArrayLike,
    model: str,
    multiplier: float,
    level: float = 0.95,
) -> tuple[FloatArray, FloatArray]:
    """Interval of an indicator value in display units (% or per 1.000) for either model."""
    n = np.asarray(denominator, dtype=float)
    if model == "binomial":
        lower, upper = wilson_interval(numerator, n, level)
    elif model == "poisson":
        lo_count, hi_count = poisson_count_interval(numerator, level)
        lower, upper = lo_count / n, hi_count / n
    else:
        raise ValueError(f"unknown model {model!r}")
    return lower * multiplier, upper * multiplier


def _interpolated_quantile(p: float, n: FloatArray, theta: float, model: str) -> FloatArray:
    """Spiegelhalter's interpolated p-quantile of the count, divided by n (a fraction)."""
    if model == "binomial":
        trials = np.maximum(np.rint(n), 1)
        dist = stats.binom(trials, theta)
    elif model == "poisson":
        dist = stats.poisson(n * theta)
    else:
        raise ValueError(f"unknown model {model!r}")
    r_p = dist.ppf(p)
    cdf_r = dist.cdf(r_p)
    cdf_below = dist.cdf(r_p - 1)
    step = cdf_r - cdf_below
    alpha = np.divide(cdf_r - p, step, out=np.zeros_like(step), where=step > 0)
    return np.clip((r_p - alpha) / n, 0, None)


def funnel_limits(
    centre: float, denominators: ArrayLike, model: str, multiplier: float
) -> pd.DataFrame:
    """Control limits around `centre` (display units) for each denominator.

    Returns:
        Columns denominator, centre, lower_95, upper_95, lower_998, upper_998 (display units).
    """
    n = np.asarray(denominators, dtype=float)
    theta = centre / multiplier
    out = pd.DataFrame({"denominator": n, "centre": np.full(n.shape, centre)})
    for name, (low_p, high_p) in LIMIT_LEVELS.items():
        suffix = name.replace(".", "")
        out[f"lower_{suffix}"] = _interpolated_quantile(low_p, n, theta, model) * multiplier
        out[f"upper_{suffix}"] = _interpolated_quantile(high_p, n, theta, model) * multiplier
    if model == "binomial":
        out[[c for c in out.columns if c.startswith("upper")]] = out[
            [c for c in out.columns if c.startswith("upper")]
        ].clip(upper=multiplier)
    return out


def funnel_grid(denominators: ArrayLike, points: int = 120) -> FloatArray:
    """Geometric grid of denominators spanning the data (for drawing smooth limit lines)."""
    n = np.asarray(denominators, dtype=float)
    n = n[np.isfinite(n) & (n > 0)]
    if n.size == 0:
        return np.array([], dtype=float)
    low, high = max(n.min() * 0.8, 1.0), n.max() * 1.1
    return np.unique(np.rint(np.geomspace(low, high, points)))


def classify(
    values: ArrayLike, denominators: ArrayLike, centre: float, model: str, multiplier: float
) -> list[str]:
    """Place each value against the funnel limits at its own denominator.

    Returns:
        One of ABOVE_998, ABOVE_95, WITHIN, BELOW_95, BELOW_998, UNKNOWN (missing value) each.
    """
    v = np.asarray(values, dtype=float)
    n = np.asarray(denominators, dtype=float)
    valid = np.isfinite(v) & np.isfinite(n) & (n > 0)
    result = [UNKNOWN] * v.size
    if not valid.any() or not np.isfinite(centre):
        return result
    limits = funnel_limits(centre, n[valid], model, multiplier)
    value = v[valid]
    labels = np.select(
        [
            value > limits["upper_998"].to_numpy(),
            value > limits["upper_95"].to_numpy(),
            value < limits["lower_998"].to_numpy(),
            value < limits["lower_95"].to_numpy(),
        ],
        [ABOVE_998, ABOVE_95, BELOW_998, BELOW_95],
        default=WITHIN,
    )
    for idx, label in zip(np.flatnonzero(valid), labels, strict=True):
        result[idx] = str(label)
    return result


def change_interval(
    numerator_new: float,
    denominator_new: float,
    numerator_old: float,
    denominator_old: float,
    model: str,
    multiplier: float,
    level: float = 0.95,
) -> tuple[float, float, float]:
    """Difference new - old in display units with its normal-approximation interval.

    Returns:
        (difference, lower, upper); NaNs when any count is missing.
    """
    values = np.array([numerator_new, denominator_new, numerator_old, denominator_old], float)
    if not np.all(np.isfinite(values)) or denominator_new <= 0 or denominator_old <= 0:
        return (float("nan"),) * 3
    p1, p0 = numerator_new / denominator_new, numerator_old / denominator_old
    if model == "binomial":
        var = p1 * (1 - p1) / denominator_new + p0 * (1 - p0) / denominator_old
    elif model == "poisson":
        var = numerator_new / denominator_new**2 + numerator_old / denominator_old**2
    else:
        raise ValueError(f"unknown model {model!r}")
    diff = p1 - p0
    half = _z(level) * float(np.sqrt(var))
    return diff * multiplier, (diff - half) * multiplier, (diff + half) * multiplier


def rank_and_classify(
    values: pd.DataFrame, centre: float, model: str, multiplier: float
) -> pd.DataFrame:
    """Add rank (1 = highest value), difference with the centre and funnel classification.

    Args:
        values: Rows with at least `value` and `denominator`.
        centre: National value in display units.
        model: `binomial` or `poisson`.
        multiplier: 100 or 1000.

    Returns:
        A copy with columns rank (nullable int), diff_with_centre and classification.
    """
    out = values.copy()
    out["rank"] = out["value"].rank(ascending=False, method="min").astype("Int64")
    out["diff_with_centre"] = out["value"] - centre
    out["classification"] = classify(
        out["value"].to_numpy(dtype=float, na_value=np.nan),
        out["denominator"].to_numpy(dtype=float, na_value=np.nan),
        centre,
        model,
        multiplier,
    )
    return out


def count_classes(classifications: Sequence[str]) -> dict[str, int]:
    """How many regions fall in each class (every class present, zero when none)."""
    counts = dict.fromkeys(CLASS_LABELS, 0)
    for item in classifications:
        counts[item] = counts.get(item, 0) + 1
    return counts


def latest_change(series: pd.DataFrame, model: str, multiplier: float) -> dict[str, object]:
    """The newest row of a yearly series, the row before it and the change between them.

    Args:
        series: Rows of one region and indicator with school_year, school_year_start, numerator,
            denominator, value, status (any order).

    Returns:
        Keys new, old (row dicts or None) and change ((difference, lower, upper), NaNs when
        there is no earlier year or a count is missing).
    """
    ordered = series.sort_values("school_year_start")
    rows = ordered.to_dict("records")
    new = rows[-1] if rows else None
    old = rows[-2] if len(rows) > 1 else None
    nan3 = (float("nan"),) * 3
    if new is None or old is None:
        return {"new": new, "old": old, "change": nan3}

    def _num(value: object) -> float:
        return float("nan") if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]

    change = change_interval(
        _num(new["numerator"]),
        _num(new["denominator"]),
        _num(old["numerator"]),
        _num(old["denominator"]),
        model,
        multiplier,
    )
    return {"new": new, "old": old, "change": change}
