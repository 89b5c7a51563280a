"""Tests for stats/expected.py: the count model recovers coefficients it was simulated with, and
the ratio interval equals chi-square limits computed here with scipy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from stats.expected import OVERDISPERSION_LIMIT, fit_expected, ratio_interval

TRUE = {"intercept": np.log(0.02), "a": 0.30, "b": -0.15}


def _simulate(seed: int, alpha: float | None, n: int = 600) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    z = rng.normal(size=(n, 2))
    denominators = rng.integers(500, 20_000, size=n).astype(float)
    mu = denominators * np.exp(TRUE["intercept"] + z @ np.array([TRUE["a"], TRUE["b"]]))
    if alpha is not None:  # gamma-Poisson: variance mu + alpha mu^2
        mu = mu * rng.gamma(1 / alpha, alpha, size=n)
    return rng.poisson(mu), denominators, z


@pytest.mark.parametrize(("alpha", "family"), [(None, "poisson"), (0.05, "negatief binomiaal")])
def test_simulated_coefficients_lie_in_their_intervals(alpha: float | None, family: str) -> None:
    counts, denominators, z = _simulate(11, alpha)
    fit = fit_expected(counts, denominators, pd.DataFrame(z, columns=["a", "b"]))
    assert fit.family == family
    assert (fit.pearson_dispersion > OVERDISPERSION_LIMIT) == (alpha is not None)
    table = fit.coefficients.set_index("term")
    for term, value in TRUE.items():
        assert table.loc[term, "ci_lower"] <= value <= table.loc[term, "ci_upper"], term
    if alpha is not None:
        assert fit.alpha is not None and 0.03 < fit.alpha < 0.08
    assert fit.units == len(counts)
    # the intercept's score equation: expected counts add up to the observed total
    assert fit.expected.sum() == pytest.approx(counts.sum(), rel=1e-6 if alpha is None else 0.05)


def test_too_few_units_and_bad_denominators_are_refused() -> None:
    z = pd.DataFrame({"a": [0.0, 1.0, 2.0]})
    with pytest.raises(ValueError, match="too few"):
        fit_expected([1, 2, 3], [10, 10, 10], z)
    with pytest.raises(ValueError, match="positive"):
        fit_expected([1, 2, 3, 4, 5], [10, 0, 10, 10, 10], pd.DataFrame({"a": range(5)}))


def test_ratio_interval_is_the_exact_poisson_interval_over_expected() -> None:
    observed = np.array([0, 3, 40])
    expected = np.array([2.5, 4.0, 32.0])
    lower, upper = ratio_interval(observed, expected)
    want_lower = np.array([0.0, chi2.ppf(0.025, 6) / 2, chi2.ppf(0.025, 80) / 2]) / expected
    want_upper = chi2.ppf(0.975, 2 * observed + 2) / 2 / expected
    np.testing.assert_allclose(lower, want_lower, rtol=1e-9)
    np.testing.assert_allclose(upper, want_upper, rtol=1e-9)


@pytest.mark.parametrize("alpha", [None, 0.05])
def test_the_fit_agrees_with_statsmodels(alpha: float | None) -> None:
    """The same models fitted with statsmodels (GLM; NB2 alpha by its discrete NegativeBinomial)."""
    import statsmodels.api as sm

    counts, denominators, z = _simulate(5, alpha, n=300)
    fit = fit_expected(counts, denominators, pd.DataFrame(z, columns=["a", "b"]))
    design, offset = sm.add_constant(z), np.log(denominators)
    family = sm.families.Poisson()
    if alpha is not None:
        start = sm.GLM(counts, design, family=family, offset=offset).fit().params
        nb = sm.NegativeBinomial(counts, design, offset=offset, loglike_method="nb2").fit(
            start_params=np.append(start, 0.1), disp=False, maxiter=200
        )
        reference_alpha = float(nb.params[-1])
        assert fit.alpha == pytest.approx(reference_alpha, rel=1e-4)
        family = sm.families.NegativeBinomial(alpha=reference_alpha)
    reference = sm.GLM(counts, design, family=family, offset=offset).fit()
    table = fit.coefficients
    np.testing.assert_allclose(table["coefficient"], reference.params, rtol=0, atol=1e-6)
    np.testing.assert_allclose(table["std_error"], reference.bse, rtol=1e-4)
    np.testing.assert_allclose(table[["ci_lower", "ci_upper"]], reference.conf_int(), atol=1e-5)
    np.testing.assert_allclose(fit.expected, reference.fittedvalues, rtol=1e-5)
    assert fit.deviance == pytest.approx(reference.deviance, rel=1e-5)
