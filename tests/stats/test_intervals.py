"""Single-year intervals against published values (Newcombe 1998, Garwood 1936) and scipy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from stats.intervals import (
    interval_by_row,
    poisson_count_interval,
    value_interval,
    wilson_interval,
)


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        # Newcombe (1998), Stat Med 17:857-872, table I, method 3 (Wilson score)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0, 0.1611),
        (1, 29, 0.0061, 0.1718),
        (0, 10, 0.0, 0.2775),
    ],
)
def test_wilson_interval_matches_newcombe_1998(x: int, n: int, low: float, high: float) -> None:
    lower, upper = wilson_interval(x, n)
    assert float(lower) == pytest.approx(low, abs=5e-5)
    assert float(upper) == pytest.approx(high, abs=5e-5)


def test_wilson_interval_matches_scipy_binomtest() -> None:
    for x, n in [(3, 17), (40, 1200), (999, 1000)]:
        reference = sps.binomtest(x, n).proportion_ci(method="wilson")
        lower, upper = wilson_interval(x, n)
        assert float(lower) == pytest.approx(reference.low, abs=1e-12)
        assert float(upper) == pytest.approx(reference.high, abs=1e-12)


def test_exact_poisson_interval_matches_garwood() -> None:
    # Garwood (1936) exact limits for 10 events: 4.7954 - 18.3904; 0 events: 0 - 3.6889
    lower, upper = poisson_count_interval([10, 0])
    assert lower == pytest.approx([4.7954, 0.0], abs=5e-5)
    assert upper == pytest.approx([18.3904, 3.6889], abs=5e-5)


def test_exact_poisson_interval_inverts_the_poisson_tails() -> None:
    # by definition the tail probability beyond each limit is 2.5% (Garwood 1936)
    lower, upper = poisson_count_interval(10)
    assert sps.poisson.sf(9, float(lower)) == pytest.approx(0.025, abs=1e-9)
    assert sps.poisson.cdf(10, float(upper)) == pytest.approx(0.025, abs=1e-9)


def test_value_interval_scales_and_rejects_unknown_models() -> None:
    lower, upper = value_interval(10, 2000, "poisson", 1000)
    assert float(lower) == pytest.approx(4.7954 / 2, abs=5e-4)
    assert float(upper) == pytest.approx(18.3904 / 2, abs=5e-4)
    with pytest.raises(ValueError):
        value_interval(1, 2, "normal", 1)


def test_interval_by_row_mixes_models_and_gives_nan_for_bad_rows() -> None:
    lower, upper = interval_by_row(
        ["binomial", "poisson", "binomial", "poisson"],
        [81, 10, np.nan, 3],
        [263, 2000, 100, 0],
        [100, 1000, 100, 1000],
    )
    assert lower[:2] == pytest.approx([25.53, 4.7954 / 2], abs=5e-3)
    assert upper[:2] == pytest.approx([36.62, 18.3904 / 2], abs=5e-3)
    assert np.isnan(lower[2:]).all() and np.isnan(upper[2:]).all()
