"""Funnel-plot limits that allow for over-dispersion, and the verdict per region.

Method: Spiegelhalter (2005), "Handling over-dispersion of performance indicators", Qual Saf
Health Care 14:347-351, as implemented in NHS-R FunnelPlotR (formulas re-derived, not copied):

1. Transform each region's value to a scale where chance has a known spread s_i:
   - shares (`binomial`, vsv%): y = arcsin(sqrt(p)), s_i = 1 / (2 sqrt(n_i))
     (FunnelPlotR data_type "PR");
   - rates per 1.000 (`poisson`): the ratio to the national rate O/E with E = n_i * rate_NL,
     y = sqrt(O/E), s_i = 1 / (2 sqrt(E_i)) (FunnelPlotR "SR" with sr_method "CQC"; the square
     root is the variance-stabilising transform for counts and is defined at O = 0).
   The target y_0 is the transformed national value (the Nederland row).
2. z_i = (y_i - y_0) / s_i; winsorise at the 10th and 90th percentile (linear interpolation,
   R's quantile type 7, as FunnelPlotR); phi = mean(z_w^2) of the k regions.
3. Additive random effect (DerSimonian-Laird moment estimate, Spiegelhalter eq. 4):
   tau^2 = 0 when k phi <= k - 1, else (k phi - (k - 1)) / (sum w_i - sum w_i^2 / sum w_i),
   w_i = 1 / s_i^2.
4. Limits at denominator n: y_0 +/- z sqrt(s(n)^2 + tau^2), transformed back (sin^2 for shares,
   squared ratio times the national rate for rates); z = 1,96 (95%) and 3,09 (99,8%).

Small counts: the normal limits of step 4 are an approximation. The exact chance-only limits
are the p-quantiles r_p (p = 0,025/0,975 and 0,001/0,999) of the count under the national
value, Binomial(n, theta) or Poisson(n theta), divided by n, not interpolated: a count is
outside when it is beyond r_p. Rule: without over-dispersion (tau^2 = 0) the exact limits are
used at every denominator; with over-dispersion each limit is the wider of the exact and the
widened limit, so where the expected count is small (few events, where the normal
approximation is poor) the exact limit applies and the limits are never narrower than chance.

The build (`funnel_class` of every published row) and the pages (funnel chart, "t.o.v.
Nederland") call `fit_level` / `funnel_classes` with the same input: the published numerators
and denominators of all shown regions of one level against the Nederland row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from stats.distributions import binomial_quantile, poisson_quantile
from stats.intervals import Z_95, Z_998

FloatArray = NDArray[np.float64]

ABOVE_998 = "above_998"
ABOVE_95 = "above_95"
WITHIN = "within"
BELOW_95 = "below_95"
BELOW_998 = "below_998"
NOT_ASSESSED = ""

# every verdict, highest first; their Dutch words are in `dashboard.texts.verdicts`
CLASS_CODES: tuple[str, ...] = (ABOVE_998, ABOVE_95, WITHIN, BELOW_95, BELOW_998, NOT_ASSESSED)

FUNNEL_LEVELS = ("gemeente", "rmc", "provincie")
WINSOR_FRACTION = 0.1
# name -> (two-sided normal quantile, lower p, upper p)
LIMIT_LEVELS: dict[str, tuple[float, float, float]] = {
    "95": (Z_95, 0.025, 0.975),
    "998": (Z_998, 0.001, 0.999),
}


def _as_float(values: ArrayLike) -> FloatArray:
    if isinstance(values, np.ndarray) and values.dtype == np.float64:
        return values
    return pd.to_numeric(pd.Series(np.asarray(values, dtype=object)), errors="coerce").to_numpy(
        dtype=float, na_value=np.nan
    )


def _transform(fraction: FloatArray, theta: float, model: str) -> FloatArray:
    if model == "binomial":
        return np.arcsin(np.sqrt(np.clip(fraction, 0, 1)))
    if model == "poisson":
        return np.sqrt(np.maximum(fraction, 0) / theta)
    raise ValueError(f"unknown model {model!r}")


def _back(y: FloatArray, theta: float, model: str) -> FloatArray:
    if model == "binomial":
        return np.sin(np.clip(y, 0, np.pi / 2)) ** 2
    return np.maximum(y, 0) ** 2 * theta


def _spread(n: FloatArray, theta: float, model: str) -> FloatArray:
    """Chance-only standard error s on the transformed scale at denominator n."""
    exposure = n if model == "binomial" else n * theta
    return 1 / (2 * np.sqrt(exposure))


def winsorise(z: ArrayLike, fraction: float = WINSOR_FRACTION) -> FloatArray:
    """Clamp z-scores to their `fraction` and 1 - `fraction` quantiles (R type 7)."""
    values = np.asarray(z, dtype=float)
    low, high = np.quantile(values, [fraction, 1 - fraction])
    return np.clip(values, low, high)


def dispersion(z: ArrayLike) -> float:
    """Over-dispersion factor phi: the mean squared (already winsorised) z-score."""
    values = np.asarray(z, dtype=float)
    return float(np.mean(values**2))


def between_variance(phi: float, spread: ArrayLike) -> float:
    """DerSimonian-Laird additive variance tau^2 from phi and the regions' standard errors."""
    s = np.asarray(spread, dtype=float)
    k = s.size
    if k < 2 or k * phi <= k - 1:
        return 0.0
    w = 1 / s**2
    return float((k * phi - (k - 1)) / (w.sum() - (w**2).sum() / w.sum()))


@dataclass(frozen=True)
class FunnelFit:
    """Limits around the national value for one indicator, level and school year.

    Attributes:
        model: 'binomial' or 'poisson'.
        multiplier: 100 or 1000 (display units).
        theta: National value as a fraction (centre / multiplier).
        phi: Over-dispersion factor (1 = as much variation as chance explains).
        tau2: Between-region variance added on the transformed scale (0 = not widened).
        regions: Number of regions the estimate used.
    """

    model: str
    multiplier: float
    theta: float
    phi: float
    tau2: float
    regions: int

    @property
    def centre(self) -> float:
        """National value in display units."""
        return self.theta * self.multiplier

    @property
    def widened(self) -> bool:
        """Whether the limits were widened for over-dispersion."""
        return self.tau2 > 0

    def _exact(self, n: FloatArray, p: float) -> FloatArray:
        if self.model == "binomial":
            quantile = binomial_quantile(p, np.maximum(np.rint(n), 1), self.theta)
        else:
            quantile = poisson_quantile(p, n * self.theta)
        return np.asarray(quantile, dtype=float) / n

    def fraction_limits(
        self, denominators: ArrayLike, exact: Mapping[float, FloatArray] | None = None
    ) -> dict[str, FloatArray]:
        """Limits as fractions: keys lower_95, upper_95, lower_998, upper_998.

        `exact` may hold the exact chance-only limits at these denominators already (per
        probability of LIMIT_LEVELS, from `exact_limits`, which computes many fits at once).
        """
        n = np.asarray(denominators, dtype=float)
        y0 = float(_transform(np.array([self.theta]), self.theta, self.model)[0])
        s = _spread(n, self.theta, self.model)
        out: dict[str, FloatArray] = {}
        for name, (z, low_p, high_p) in LIMIT_LEVELS.items():
            if exact is None:
                lower, upper = self._exact(n, low_p), self._exact(n, high_p)
            else:
                lower, upper = exact[low_p], exact[high_p]
            if self.widened:
                half = z * np.sqrt(s**2 + self.tau2)
                lower = np.minimum(lower, _back(y0 - half, self.theta, self.model))
                upper = np.maximum(upper, _back(y0 + half, self.theta, self.model))
            out[f"lower_{name}"], out[f"upper_{name}"] = lower, upper
        return out

    def limits(self, denominators: ArrayLike) -> pd.DataFrame:
        """Columns denominator, centre, lower_95, upper_95, lower_998, upper_998 (display)."""
        n = np.asarray(denominators, dtype=float)
        frame = pd.DataFrame({"denominator": n, "centre": np.full(n.shape, self.centre)})
        for column, values in self.fraction_limits(n).items():
            frame[column] = values * self.multiplier
        return frame

    def classify(
        self,
        numerators: ArrayLike,
        denominators: ArrayLike,
        exact: Mapping[float, FloatArray] | None = None,
    ) -> list[str]:
        """Verdict per region at its own denominator; NOT_ASSESSED where a count is missing.

        `exact`: the exact limits at the assessed regions' denominators (`fraction_limits`).
        """
        x, n = _as_float(numerators), _as_float(denominators)
        valid = assessed(x, n)
        result = [NOT_ASSESSED] * x.size
        if not valid.any():
            return result
        value = x[valid] / n[valid]
        lim = self.fraction_limits(n[valid], exact)
        labels = np.select(
            [
                value > lim["upper_998"],
                value > lim["upper_95"],
                value < lim["lower_998"],
                value < lim["lower_95"],
            ],
            [ABOVE_998, ABOVE_95, BELOW_998, BELOW_95],
            default=WITHIN,
        )
        verdicts = np.full(x.size, NOT_ASSESSED, dtype=object)
        verdicts[valid] = labels.astype(object)
        return list(verdicts.tolist())


def assessed(x: FloatArray, n: FloatArray) -> NDArray[np.bool_]:
    """Regions with a count and a positive denominator (the ones `classify` assesses)."""
    return np.isfinite(x) & np.isfinite(n) & (n > 0)


def exact_limits(fits: Sequence[tuple[FunnelFit, FloatArray]]) -> list[dict[float, FloatArray]]:
    """FunnelFit._exact of every (fit, denominators) for every probability of LIMIT_LEVELS,
    one quantile search per model and probability for all fits together (value by value the
    same numbers as one fit at a time, in a fraction of the calls)."""
    probabilities = [p for _, low, high in LIMIT_LEVELS.values() for p in (low, high)]
    out: list[dict[float, FloatArray]] = [{} for _ in fits]
    for model in ("binomial", "poisson"):
        chosen = [i for i, (funnel, _) in enumerate(fits) if funnel.model == model]
        if not chosen:
            continue
        n = np.concatenate([fits[i][1] for i in chosen])
        theta = np.concatenate([np.full(len(fits[i][1]), fits[i][0].theta) for i in chosen])
        bounds = np.cumsum([len(fits[i][1]) for i in chosen])[:-1]
        for p in probabilities:
            if model == "binomial":
                quantile = binomial_quantile(p, np.maximum(np.rint(n), 1), theta)
            else:
                quantile = poisson_quantile(p, n * theta)
            values = np.asarray(quantile, dtype=float) / n
            for i, part in zip(chosen, np.split(values, bounds), strict=True):
                out[i][p] = part
    return out


def fit(
    numerators: ArrayLike,
    denominators: ArrayLike,
    national_numerator: float,
    national_denominator: float,
    model: str,
    multiplier: float,
) -> FunnelFit | None:
    """Estimate phi and tau^2 from the regions of one level against the national counts.

    Regions with a missing count or without a positive denominator are left out. Returns None
    when the national value is missing, zero or (for shares) one: no funnel can be drawn.
    """
    if not (np.isfinite(national_numerator) and national_denominator > 0):
        return None
    theta = float(national_numerator) / float(national_denominator)
    if theta <= 0 or (model == "binomial" and theta >= 1):
        return None
    x, n = _as_float(numerators), _as_float(denominators)
    valid = np.isfinite(x) & np.isfinite(n) & (n > 0)
    x, n = x[valid], n[valid]
    if x.size < 2:
        return FunnelFit(model, multiplier, theta, 1.0, 0.0, int(x.size))
    y0 = float(_transform(np.array([theta]), theta, model)[0])
    s = _spread(n, theta, model)
    z = (_transform(x / n, theta, model) - y0) / s
    phi = dispersion(winsorise(z))
    return FunnelFit(model, multiplier, theta, phi, between_variance(phi, s), int(x.size))


def fit_level(
    rows: pd.DataFrame, national: Mapping[str, object], model: str, multiplier: float
) -> FunnelFit | None:
    """`fit` for the rows of one level (numerator, denominator) and the Nederland row."""
    return fit(
        rows["numerator"],
        rows["denominator"],
        _scalar(national.get("numerator")),
        _scalar(national.get("denominator")),
        model,
        multiplier,
    )


def _scalar(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def funnel_grid(denominators: ArrayLike, points: int = 160) -> FloatArray:
    """Geometric grid of whole denominators spanning the data (for drawing the limit lines)."""
    n = _as_float(denominators)
    n = n[np.isfinite(n) & (n > 0)]
    if n.size == 0:
        return np.array([], dtype=float)
    low, high = max(n.min() * 0.8, 1.0), n.max() * 1.1
    return np.unique(np.rint(np.geomspace(low, high, points)))


def count_classes(classifications: Sequence[str]) -> dict[str, int]:
    """How many regions fall in each class (every class present, zero when none)."""
    counts = dict.fromkeys(CLASS_CODES, 0)
    for item in classifications:
        counts[item] = counts.get(item, 0) + 1
    return counts


def funnel_classes(published: pd.DataFrame, models: Mapping[str, tuple[str, float]]) -> pd.Series:
    """Verdict per published row.

    Args:
        published: rows with indicator_key, region_level, region_code, school_year, numerator,
            denominator (numerator NaN/NA where the count is hidden), one Nederland row per
            indicator and school year.
        models: indicator_key -> (model, multiplier) from the indicator registry.

    Returns:
        A string Series aligned with `published`: one of ABOVE_998 ... BELOW_998 for shown
        gemeente, rmc and provincie rows; NOT_ASSESSED for hidden rows and Nederland.
    """
    level = published["region_level"].astype(str).to_numpy()
    x = _as_float(published["numerator"])
    n = _as_float(published["denominator"])
    result = np.full(len(published), NOT_ASSESSED, dtype=object)
    groups = published.groupby(["indicator_key", "school_year"], sort=False).indices
    fitted: list[tuple[np.ndarray, FunnelFit]] = []
    for (key, _year), rows in groups.items():
        model, multiplier = models[str(key)]
        national = rows[level[rows] == "nederland"]
        if len(national) != 1:
            continue
        for name in FUNNEL_LEVELS:
            part = rows[level[rows] == name]
            if not len(part):
                continue
            funnel = fit(x[part], n[part], x[national[0]], n[national[0]], model, multiplier)
            if funnel is not None:
                fitted.append((part, funnel))
    exact = exact_limits([(funnel, n[part][assessed(x[part], n[part])]) for part, funnel in fitted])
    for (part, funnel), limits in zip(fitted, exact, strict=True):
        result[part] = funnel.classify(x[part], n[part], limits)
    return pd.Series(result, index=published.index, dtype=object)
