"""stats.distributions against scipy.stats (the reference the product no longer imports)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as reference

from stats.distributions import (
    binomial_quantile,
    chi2_quantile,
    normal_quantile,
    poisson_quantile,
)

LEVELS = [1e-9, 0.001, 0.025, 0.5, 0.975, 0.999, 1 - 1e-9]


@pytest.mark.parametrize("p", LEVELS)
def test_poisson_quantile_matches_scipy_on_small_and_large_means(p: float) -> None:
    means = np.concatenate([np.linspace(0, 6, 601), np.geomspace(6, 2e5, 400), [1e-12]])
    np.testing.assert_array_equal(poisson_quantile(p, means), reference.poisson.ppf(p, means))


@pytest.mark.parametrize("theta", [1e-4, 0.02, 0.3, 0.97])
@pytest.mark.parametrize("p", LEVELS)
def test_binomial_quantile_matches_scipy(p: float, theta: float) -> None:
    trials = np.concatenate([np.arange(1, 60), np.rint(np.geomspace(60, 3e5, 300))])
    np.testing.assert_array_equal(
        binomial_quantile(p, trials, theta), reference.binom.ppf(p, trials, theta)
    )


@settings(max_examples=300, deadline=None)
@given(
    p=st.floats(1e-6, 1 - 1e-6),
    trials=st.integers(1, 100_000),
    theta=st.floats(1e-5, 1 - 1e-5),
)
def test_binomial_quantile_is_the_smallest_count_reaching_p(
    p: float, trials: int, theta: float
) -> None:
    k = float(binomial_quantile(p, np.array([trials]), theta)[0])
    # up to the rounding of the CDF itself (it gives 0.4999999999999994 at the median of
    # Binomial(171, 0.5))
    assert reference.binom.cdf(k, trials, theta) >= p - 1e-12
    assert k == 0 or reference.binom.cdf(k - 1, trials, theta) < p + 1e-12


def test_normal_and_chi2_quantiles_match_scipy() -> None:
    assert normal_quantile(0.975) == pytest.approx(1.959963984540054, abs=1e-12)
    assert normal_quantile(0.999) == pytest.approx(reference.norm.ppf(0.999), abs=1e-12)
    df = np.array([2.0, 7.0, 60.0])
    np.testing.assert_allclose(chi2_quantile(0.025, df), reference.chi2.ppf(0.025, df), rtol=1e-10)
