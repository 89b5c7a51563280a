"""Change between two years: Newcombe (1998) published values and an exact conditional test."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats as sps

from stats.change import change_between, change_of_rows, latest_change


@pytest.mark.parametrize(
    ("x1", "n1", "x0", "n0", "low", "high"),
    [
        # Newcombe (1998), Stat Med 17:873-890, table II, method 10 (hybrid score)
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (0, 10, 0, 10, -0.2775, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0000),
        (10, 10, 0, 10, 0.6075, 1.0000),
    ],
)
def test_difference_of_shares_matches_newcombe_method_10(
    x1: int, n1: int, x0: int, n0: int, low: float, high: float
) -> None:
    change = change_between(x1, n1, x0, n0, "binomial", 1)
    assert change.lower == pytest.approx(low, abs=5e-5)
    assert change.upper == pytest.approx(high, abs=5e-5)


def test_ten_to_twentyone_per_2000_is_not_more_than_chance() -> None:
    # The exact conditional test for two Poisson rates with equal exposure: given 31 events,
    # the new year's count is Binomial(31, 1/2) under "no change"; scipy gives p = 0.0708.
    p_value = sps.binomtest(21, 31, 0.5).pvalue
    assert p_value == pytest.approx(0.0708, abs=5e-4)
    change = change_between(21, 2000, 10, 2000, "poisson", 1000)
    assert change.difference == pytest.approx(5.5)
    assert change.lower < 0 < change.upper
    assert not change.more_than_chance
    # the Wald interval the pages used before calls it a real rise (the disagreement fixed)
    wald_half = 1.959964 * math.sqrt(21 + 10) / 2000 * 1000
    assert 5.5 - wald_half > 0


def test_a_large_change_in_rates_agrees_with_the_exact_test() -> None:
    assert sps.binomtest(60, 90, 0.5).pvalue < 0.01
    assert change_between(60, 2000, 30, 2000, "poisson", 1000).more_than_chance


def test_missing_counts_give_no_change() -> None:
    for args in [(None, 10, 1, 10), (1, 0, 1, 10), (pd.NA, 10, 1, 10)]:
        change = change_between(*args, "poisson", 1000)
        assert not change.computable and not change.more_than_chance


def test_latest_change_uses_the_two_newest_years() -> None:
    series = pd.DataFrame(
        {
            "school_year_start": [2022, 2020, 2021],
            "numerator": [21.0, 5.0, 10.0],
            "denominator": [2000.0, 2000.0, 2000.0],
        }
    )
    new, old, change = latest_change(series, "poisson", 1000)
    assert new is not None and old is not None
    assert (new["school_year_start"], old["school_year_start"]) == (2022, 2021)
    assert change.difference == pytest.approx(5.5)
    _, _, single = latest_change(series.iloc[:1], "poisson", 1000)
    assert not single.computable


def test_a_change_involving_an_estimate_keeps_its_difference_but_gets_no_interval() -> None:
    new = {"numerator": 30, "denominator": 1000, "is_estimate": True}
    old = {"numerator": 10, "denominator": 1000, "is_estimate": False}
    change = change_of_rows(new, old, "poisson", 1000)
    assert change.difference == pytest.approx(20.0)  # (30 - 10) per 1.000, by hand
    assert change.computable and not change.has_interval and not change.more_than_chance
    observed = change_of_rows({**new, "is_estimate": False}, old, "poisson", 1000)
    assert observed.has_interval and observed.more_than_chance  # the same counts, observed


@pytest.mark.parametrize("unmarked", [None, float("nan"), pd.NA])
def test_a_row_without_an_estimate_mark_is_observed(unmarked: object) -> None:
    # a series whose is_estimate is missing (NaN after a merge, NA, None) is not an estimate
    new = {"numerator": 30, "denominator": 1000, "is_estimate": unmarked}
    old = {"numerator": 10, "denominator": 1000}
    change = change_of_rows(new, old, "poisson", 1000)
    assert change.has_interval and change.more_than_chance
