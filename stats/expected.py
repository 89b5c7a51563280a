"""Expected counts from structural characteristics: a count regression with the denominator as
offset, and observed/expected ratios with exact Poisson intervals.

`fit_expected(counts, denominators, characteristics)` fits
`log E[count] = log(denominator) + b0 + sum_j b_j * z_j` by Poisson regression (a GLM with log
link, fitted by iteratively reweighted least squares). When the Pearson dispersion of that fit
exceeds `OVERDISPERSION_LIMIT` the counts vary more than Poisson allows, and a negative binomial
(NB2, variance mu + alpha * mu^2) model is fitted instead: its alpha is estimated by maximum
likelihood (jointly with the coefficients) and the coefficients, intervals and deviance come from
the GLM with that alpha. Standard errors are the GLM's (inverse Fisher information, scale 1),
intervals the normal (Wald) ones: what statsmodels' GLM gives, which the tests use as the
independent reference. The fit is written here with numpy and scipy.special because importing
statsmodels took over a second of every build. The expected count of a unit is its fitted mean:
what the model predicts for a unit with its characteristics and denominator, not a norm or a
target.

The ratio interval is the exact (Garwood) Poisson interval of the observed count divided by the
expected count, the standardised-ratio interval FunnelPlotR uses; it treats the expected count
as known.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import special

from stats.distributions import normal_quantile
from stats.intervals import poisson_count_interval

OVERDISPERSION_LIMIT = 1.5
LEVEL = 0.95
INTERCEPT = "intercept"
FloatArray = NDArray[np.float64]

#: iteration limits and tolerances of the fits (both converge in a handful of steps)
MAX_ITERATIONS = 100
COEFFICIENT_TOLERANCE = 1e-12
LOG_ALPHA_TOLERANCE = 1e-12
#: log(alpha) stays within these bounds (alpha from 1e-8, practically Poisson, to 1e4)
LOG_ALPHA_BOUNDS = (np.log(1e-8), np.log(1e4))


@dataclass(frozen=True)
class ExpectedFit:
    """A fitted model.

    Args:
        family: 'poisson' or 'negatief binomiaal'.
        coefficients: per term ('intercept' and each characteristic column): coefficient,
            std_error, ci_lower, ci_upper (95%), on the log scale per unit of the column.
        expected: fitted mean per unit (same order as the input).
        deviance: residual deviance of the chosen model.
        pearson_dispersion: Pearson chi-square / residual df of the Poisson fit (1 = Poisson).
        alpha: NB2 over-dispersion (variance = mu + alpha * mu^2); None for Poisson.
        units: number of units fitted.
    """

    family: str
    coefficients: pd.DataFrame
    expected: FloatArray
    deviance: float
    pearson_dispersion: float
    alpha: float | None
    units: int


@dataclass(frozen=True)
class _Glm:
    """A converged log-link GLM with variance mu + alpha * mu^2 (alpha 0: Poisson)."""

    params: FloatArray
    covariance: FloatArray
    mu: FloatArray


def fit_expected(
    counts: ArrayLike, denominators: ArrayLike, characteristics: pd.DataFrame
) -> ExpectedFit:
    """Fit the count model (Poisson, or negative binomial when over-dispersed).

    Args:
        counts: observed counts (whole numbers >= 0).
        denominators: population at risk (> 0), used as log offset.
        characteristics: one column per characteristic (already standardised), one row per unit.

    Raises:
        ValueError: fewer units than twice the number of terms, or a denominator <= 0.
    """
    y = np.asarray(counts, dtype=float)
    n = np.asarray(denominators, dtype=float)
    if (n <= 0).any():
        raise ValueError("every denominator must be positive")
    design = np.column_stack([np.ones(len(y)), characteristics.to_numpy(dtype=float)])
    terms = [INTERCEPT, *map(str, characteristics.columns)]
    if len(y) < 2 * len(terms):
        raise ValueError(f"{len(y)} units are too few for {len(terms)} terms")
    offset = np.log(n)
    poisson = _fit_glm(y, design, offset, 0.0)
    df_resid = len(y) - len(terms)
    dispersion = float(np.sum((y - poisson.mu) ** 2 / poisson.mu) / df_resid)
    result, family, alpha = poisson, "poisson", None
    if dispersion > OVERDISPERSION_LIMIT:
        alpha, result = _fit_negative_binomial(y, design, offset, poisson)
        family = "negatief binomiaal"
    std_error = np.sqrt(np.diag(result.covariance))
    z = normal_quantile(0.5 + LEVEL / 2)
    coefficients = pd.DataFrame(
        {
            "term": terms,
            "coefficient": result.params,
            "std_error": std_error,
            "ci_lower": result.params - z * std_error,
            "ci_upper": result.params + z * std_error,
        }
    )
    return ExpectedFit(
        family=family,
        coefficients=coefficients,
        expected=result.mu,
        deviance=_deviance(y, result.mu, alpha or 0.0),
        pearson_dispersion=dispersion,
        alpha=alpha,
        units=len(y),
    )


def _fit_glm(
    y: FloatArray,
    design: FloatArray,
    offset: FloatArray,
    alpha: float,
    start: FloatArray | None = None,
) -> _Glm:
    """Iteratively reweighted least squares for the log link and variance mu + alpha * mu^2,
    started from the mean count (or from `start`); the covariance is the inverse Fisher
    information at the solution (scale 1)."""
    if start is None:
        mu = (y + y.mean()) / 2
        eta = np.log(mu)
        params = np.zeros(design.shape[1])
    else:
        params = start
        eta = design @ params + offset
        mu = np.exp(eta)
    for _ in range(MAX_ITERATIONS):
        root_weight = np.sqrt(mu / (1 + alpha * mu))
        working = eta - offset + (y - mu) / mu
        previous = params
        params = np.linalg.lstsq(design * root_weight[:, None], working * root_weight, rcond=None)[
            0
        ]
        eta = design @ params + offset
        mu = np.exp(eta)
        if np.max(np.abs(params - previous)) <= COEFFICIENT_TOLERANCE * (
            1 + np.max(np.abs(params))
        ):
            break
    weight = mu / (1 + alpha * mu)
    covariance = np.linalg.inv(design.T @ (design * weight[:, None]))
    return _Glm(params=params, covariance=covariance, mu=mu)


def _fit_negative_binomial(
    y: FloatArray, design: FloatArray, offset: FloatArray, poisson: _Glm
) -> tuple[float, _Glm]:
    """Joint maximum likelihood of the NB2 alpha and coefficients, started from the Poisson fit:
    alternately alpha for the current means and the coefficients for that alpha (the NB2
    information matrix is block-diagonal in the two, so this converges quickly)."""
    log_alpha, glm = np.log(0.1), poisson
    for _ in range(MAX_ITERATIONS):
        updated = _nb_log_alpha(y, glm.mu, log_alpha)
        glm = _fit_glm(y, design, offset, float(np.exp(updated)), start=glm.params)
        converged = abs(updated - log_alpha) <= LOG_ALPHA_TOLERANCE
        log_alpha = updated
        if converged:
            break
    return float(np.exp(log_alpha)), glm


def _nb_loglike(y: FloatArray, mu: FloatArray, log_alpha: float) -> float:
    """NB2 log-likelihood (the terms that depend on alpha)."""
    r = np.exp(-log_alpha)
    return float(
        np.sum(
            special.gammaln(y + r)
            - special.gammaln(r)
            + r * np.log(r / (r + mu))
            + special.xlogy(y, mu / (r + mu))
        )
    )


def _nb_log_alpha(y: FloatArray, mu: FloatArray, log_alpha: float) -> float:
    """log(alpha) maximising the NB2 likelihood for fixed means: Newton steps on log(alpha),
    halved until the likelihood does not decrease, within LOG_ALPHA_BOUNDS."""
    low, high = LOG_ALPHA_BOUNDS
    current = _nb_loglike(y, mu, log_alpha)
    for _ in range(MAX_ITERATIONS):
        a = np.exp(log_alpha)
        r = 1 / a
        am = 1 + a * mu
        core = special.digamma(r) - special.digamma(y + r) + np.log(am)
        score = np.sum(core / a**2 + (y - mu) / (a * am))
        d_core = (special.polygamma(1, y + r) - special.polygamma(1, r)) / a**2 + mu / am
        curvature = np.sum(
            -2 * core / a**3 + d_core / a**2 - (y - mu) * (1 + 2 * a * mu) / (a * am) ** 2
        )
        # derivatives in log(alpha): d/dt = a d/da, d2/dt2 = a d/da + a^2 d2/da2
        gradient, hessian = a * score, a * score + a * a * curvature
        step = -gradient / hessian if hessian < 0 else float(np.sign(gradient))
        while True:
            candidate = float(np.clip(log_alpha + step, low, high))
            value = _nb_loglike(y, mu, candidate)
            if value >= current or abs(step) < LOG_ALPHA_TOLERANCE:
                break
            step /= 2
        moved = abs(candidate - log_alpha)
        log_alpha, current = candidate, max(value, current)
        if moved <= LOG_ALPHA_TOLERANCE:
            break
    return log_alpha


def _deviance(y: FloatArray, mu: FloatArray, alpha: float) -> float:
    """Residual deviance: Poisson for alpha 0, else NB2 with that alpha."""
    if alpha == 0:
        return float(2 * np.sum(special.xlogy(y, y / mu) - (y - mu)))
    r = 1 / alpha
    return float(2 * np.sum(special.xlogy(y, y / mu) - (y + r) * np.log((y + r) / (mu + r))))


def ratio_interval(observed: ArrayLike, expected: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """95% interval of observed/expected: exact Poisson limits of the count over `expected`."""
    lower, upper = poisson_count_interval(observed, LEVEL)
    e = np.asarray(expected, dtype=float)
    return np.asarray(lower) / e, np.asarray(upper) / e
