"""Expected counts from structural characteristics: a count regression with the denominator as
offset, and observed/expected ratios with exact Poisson intervals.

`fit_expected(counts, denominators, characteristics)` fits
`log E[count] = log(denominator) + b0 + sum_j b_j * z_j` by Poisson regression (statsmodels GLM).
When the Pearson dispersion of that fit exceeds `OVERDISPERSION_LIMIT` the counts vary more than
Poisson allows, and a negative binomial (NB2) model is fitted instead: its alpha is estimated by
maximum likelihood and the coefficients, intervals and deviance come from the GLM with that
alpha. The expected count of a unit is its fitted mean: what the model predicts for a unit with
its characteristics and denominator, not a norm or a target.

The ratio interval is the exact (Garwood) Poisson interval of the observed count divided by the
expected count, the standardised-ratio interval FunnelPlotR uses; it treats the expected count
as known.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from statsmodels.discrete.discrete_model import NegativeBinomial
from statsmodels.genmod import families
from statsmodels.genmod.generalized_linear_model import GLM
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tools.tools import add_constant

from stats.intervals import poisson_count_interval

OVERDISPERSION_LIMIT = 1.5
LEVEL = 0.95
INTERCEPT = "intercept"
FloatArray = NDArray[np.float64]


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
    design = add_constant(characteristics.to_numpy(dtype=float), has_constant="add")
    terms = [INTERCEPT, *map(str, characteristics.columns)]
    if len(y) < 2 * len(terms):
        raise ValueError(f"{len(y)} units are too few for {len(terms)} terms")
    offset = np.log(n)
    poisson = GLM(y, design, family=families.Poisson(), offset=offset).fit()
    dispersion = float(poisson.pearson_chi2 / poisson.df_resid)
    result, family, alpha = poisson, "poisson", None
    if dispersion > OVERDISPERSION_LIMIT:
        alpha = _nb_alpha(y, design, offset, poisson.params)
        family = "negatief binomiaal"
        result = GLM(y, design, family=families.NegativeBinomial(alpha=alpha), offset=offset).fit()
    lower, upper = np.asarray(result.conf_int(alpha=1 - LEVEL)).T
    coefficients = pd.DataFrame(
        {
            "term": terms,
            "coefficient": np.asarray(result.params),
            "std_error": np.asarray(result.bse),
            "ci_lower": lower,
            "ci_upper": upper,
        }
    )
    return ExpectedFit(
        family=family,
        coefficients=coefficients,
        expected=np.asarray(result.fittedvalues, dtype=float),
        deviance=float(result.deviance),
        pearson_dispersion=dispersion,
        alpha=alpha,
        units=len(y),
    )


def _nb_alpha(y: FloatArray, design: FloatArray, offset: FloatArray, start: FloatArray) -> float:
    """Maximum-likelihood NB2 alpha, started from the Poisson coefficients."""
    model = NegativeBinomial(y, design, offset=offset, loglike_method="nb2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        fitted = model.fit(start_params=np.append(start, 0.1), disp=False, maxiter=200)
    return float(np.asarray(fitted.params)[-1])


def ratio_interval(observed: ArrayLike, expected: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """95% interval of observed/expected: exact Poisson limits of the count over `expected`."""
    lower, upper = poisson_count_interval(observed, LEVEL)
    e = np.asarray(expected, dtype=float)
    return np.asarray(lower) / e, np.asarray(upper) / e
