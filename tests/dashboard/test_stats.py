"""Statistics against published reference values and the defining properties of funnel limits."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from dashboard import stats


def test_wilson_interval_matches_newcombe_1998() -> None:
    # Newcombe (1998), Stat Med 17:857-872, table I, example 81/263, method 3 (score)
    lower, upper = stats.wilson_interval(81, 263)
    assert float(lower) == pytest.approx(0.2553, abs=5e-5)
    assert float(upper) == pytest.approx(0.3662, abs=5e-5)


def test_wilson_interval_for_zero_events_starts_at_zero() -> None:
    # Newcombe (1998) table I, 0/10: (0, 0.2775)
    lower, upper = stats.wilson_interval(0, 10)
    assert float(lower) == 0.0
    assert float(upper) == pytest.approx(0.2775, abs=5e-5)


def test_exact_poisson_interval_matches_garwood() -> None:
    # Garwood (1936) exact limits for 10 events: 4.7954 - 18.3904
    lower, upper = stats.poisson_count_interval(10)
    assert float(lower) == pytest.approx(4.7954, abs=5e-5)
    assert float(upper) == pytest.approx(18.3904, abs=5e-5)
    lower0, upper0 = stats.poisson_count_interval(0)
    assert float(lower0) == 0.0
    assert float(upper0) == pytest.approx(3.6889, abs=5e-5)


def test_value_interval_scales_to_display_units() -> None:
    lower, upper = stats.value_interval(10, 2000, "poisson", 1000)
    assert float(lower) == pytest.approx(4.7954 / 2, abs=5e-4)
    assert float(upper) == pytest.approx(18.3904 / 2, abs=5e-4)
    with pytest.raises(ValueError):
        stats.value_interval(1, 2, "normal", 1)


@pytest.mark.parametrize("model", ["binomial", "poisson"])
def test_funnel_limits_are_ordered_and_narrow_with_size(model: str) -> None:
    n = np.array([200, 1000, 5000, 50000])
    limits = stats.funnel_limits(2.4, n, model, 100 if model == "binomial" else 1000)
    assert (limits["lower_998"] <= limits["lower_95"]).all()
    assert (limits["lower_95"] <= limits["centre"]).all()
    assert (limits["centre"] <= limits["upper_95"]).all()
    assert (limits["upper_95"] <= limits["upper_998"]).all()
    width = limits["upper_95"] - limits["lower_95"]
    assert width.is_monotonic_decreasing


def test_funnel_limits_approach_the_normal_limits_for_large_n() -> None:
    # for large n the interpolated exact limits meet p0 +- z*sqrt(p0(1-p0)/n)
    n, p0 = 100_000, 0.024
    limits = stats.funnel_limits(p0 * 100, [n], "binomial", 100).iloc[0]
    half = sps.norm.ppf(0.975) * np.sqrt(p0 * (1 - p0) / n) * 100
    assert limits["upper_95"] == pytest.approx(p0 * 100 + half, abs=0.002)
    assert limits["lower_95"] == pytest.approx(p0 * 100 - half, abs=0.002)


def test_funnel_limit_is_the_interpolated_binomial_quantile() -> None:
    # Spiegelhalter (2005) A.1.1: limit = (r_p - alpha) / n, alpha from the cdf step at r_p
    n, theta, p = 500, 0.03, 0.975
    r = sps.binom.ppf(p, n, theta)
    alpha = (sps.binom.cdf(r, n, theta) - p) / (
        sps.binom.cdf(r, n, theta) - sps.binom.cdf(r - 1, n, theta)
    )
    limits = stats.funnel_limits(3.0, [n], "binomial", 100).iloc[0]
    assert limits["upper_95"] == pytest.approx((r - alpha) / n * 100)
    # the limit lies in the cdf step that crosses p: F(ceil(limit) - 1) < p <= F(ceil(limit))
    count = np.ceil(limits["upper_95"] / 100 * n)
    assert sps.binom.cdf(count - 1, n, theta) < p <= sps.binom.cdf(count, n, theta)


def test_classify_places_values_against_their_own_limits() -> None:
    result = stats.classify(
        [5.0, 2.4, 1.0, 3.2, np.nan], [1000, 1000, 10000, 10000, 100], 2.4, "binomial", 100
    )
    assert result == [
        stats.ABOVE_998,
        stats.WITHIN,
        stats.BELOW_998,
        stats.ABOVE_998,
        stats.UNKNOWN,
    ]
    # same value, small denominator: within the wide funnel
    assert stats.classify([3.2], [200], 2.4, "binomial", 100) == [stats.WITHIN]


def test_change_interval_for_two_proportions() -> None:
    # 250/10000 vs 200/10000: d = 0.5 pp, se = sqrt(.025*.975/1e4 + .02*.98/1e4)
    diff, lower, upper = stats.change_interval(250, 10_000, 200, 10_000, "binomial", 100)
    se = np.sqrt(0.025 * 0.975 / 1e4 + 0.02 * 0.98 / 1e4) * 100
    assert diff == pytest.approx(0.5)
    assert lower == pytest.approx(0.5 - 1.959964 * se, abs=1e-5)
    assert upper == pytest.approx(0.5 + 1.959964 * se, abs=1e-5)


def test_change_interval_for_two_rates_and_missing_counts() -> None:
    diff, lower, upper = stats.change_interval(30, 10_000, 20, 10_000, "poisson", 1000)
    se = np.sqrt(30 / 1e8 + 20 / 1e8) * 1000
    assert diff == pytest.approx(1.0)
    assert upper - lower == pytest.approx(2 * 1.959964 * se, abs=1e-5)
    assert all(np.isnan(v) for v in stats.change_interval(np.nan, 10, 1, 10, "poisson", 1000))
