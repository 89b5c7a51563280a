"""Over-dispersed funnel limits: a published DerSimonian-Laird value, exact quantiles, verdicts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from stats import funnel

# BCG vaccine trials (Colditz et al. 1994; metafor's dat.bcg): tpos, tneg, cpos, cneg
BCG = np.array(
    [
        [4, 119, 11, 128],
        [6, 300, 29, 274],
        [3, 228, 11, 209],
        [62, 13536, 248, 12619],
        [33, 5036, 47, 5761],
        [180, 1361, 372, 1079],
        [8, 2537, 10, 619],
        [505, 87886, 499, 87892],
        [29, 7470, 45, 7232],
        [17, 1699, 65, 1600],
        [186, 50448, 141, 27197],
        [5, 2493, 3, 2338],
        [27, 16886, 29, 17825],
    ],
    dtype=float,
)


def test_between_variance_reproduces_the_published_dersimonian_laird_estimate() -> None:
    # Viechtbauer (2010), J Stat Softw 36(3), rma(yi, vi, method = "DL") on the log relative
    # risks of dat.bcg prints Q(df = 12) = 152.2330 and tau^2 = 0.3088. Spiegelhalter's phi is
    # Q / k (z-scores around the fixed-effect mean, no winsorising) and his tau^2 is the same
    # moment estimator.
    tpos, tneg, cpos, cneg = BCG.T
    y = np.log(tpos / (tpos + tneg)) - np.log(cpos / (cpos + cneg))
    v = 1 / tpos - 1 / (tpos + tneg) + 1 / cpos - 1 / (cpos + cneg)
    mean = np.sum(y / v) / np.sum(1 / v)
    phi = funnel.dispersion((y - mean) / np.sqrt(v))
    assert phi * len(y) == pytest.approx(152.2330, abs=5e-4)
    assert funnel.between_variance(phi, np.sqrt(v)) == pytest.approx(0.3088, abs=5e-5)


def test_no_widening_when_phi_is_below_k_minus_one_over_k() -> None:
    assert funnel.between_variance(0.9, np.full(10, 0.1)) == 0.0
    assert funnel.between_variance(0.95, np.full(20, 0.1)) == 0.0
    assert funnel.between_variance(0.96, np.full(20, 0.1)) > 0.0


def test_winsorising_clamps_to_the_10th_and_90th_percentile_r_type_7() -> None:
    # R: quantile(1:11, c(0.1, 0.9)) gives 2 and 10 (type 7, linear interpolation)
    z = np.arange(1.0, 12.0)
    assert funnel.winsorise(z).tolist() == [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]


def _counts(phi_factor: float, model: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    n = rng.integers(200, 20_000, 300).astype(float)
    theta = 0.02 * np.exp(rng.normal(0, phi_factor, n.size))
    if model == "binomial":
        return rng.binomial(n.astype(int), theta).astype(float), n
    return rng.poisson(n * theta).astype(float), n


@pytest.mark.parametrize("model", ["binomial", "poisson"])
def test_chance_alone_gives_phi_near_one_and_spread_widens(model: str) -> None:
    # under chance alone the 10%-winsorised z-scores of a standard normal have mean square
    # 0.8 - 2 c pdf(c) + 0.2 c^2 with c = 1.2816 (about 0.68): winsorising shrinks phi
    c = sps.norm.ppf(0.9)
    expected = 0.8 - 2 * c * sps.norm.pdf(c) + 0.2 * c**2
    x, n = _counts(0.0, model, 1)
    plain = funnel.fit(x, n, 0.02 * 1e6, 1e6, model, 100)
    assert plain is not None and plain.phi == pytest.approx(expected, abs=0.15)
    assert not plain.widened
    x, n = _counts(0.4, model, 2)
    spread = funnel.fit(x, n, 0.02 * 1e6, 1e6, model, 100)
    assert spread is not None and spread.phi > 3 and spread.widened
    wide = spread.limits([1000, 10_000])
    narrow = plain.limits([1000, 10_000]) if not plain.widened else None
    exact = funnel.FunnelFit(model, 100, 0.02, 1.0, 0.0, 300).limits([1000, 10_000])
    assert (wide["upper_998"] > exact["upper_998"]).all()
    assert (wide["lower_998"] < exact["lower_998"]).all()
    if narrow is not None:
        assert narrow.equals(exact)


@pytest.mark.parametrize("model", ["binomial", "poisson"])
def test_limits_without_over_dispersion_are_exact_quantiles(model: str) -> None:
    n = np.array([30.0, 200.0, 5000.0])
    theta = 0.03
    limits = funnel.FunnelFit(model, 100, theta, 1.0, 0.0, 3).limits(n)
    dist = sps.binom(n.astype(int), theta) if model == "binomial" else sps.poisson(n * theta)
    for column, p in [("upper_998", 0.999), ("lower_95", 0.025), ("upper_95", 0.975)]:
        count = np.rint(limits[column].to_numpy() / 100 * n)
        # r_p is the smallest count with F(r) >= p (no interpolation)
        assert (dist.cdf(count) >= p).all() and (dist.cdf(count - 1) < p).all(), column


def test_small_expected_counts_keep_the_exact_limit_when_it_is_wider() -> None:
    # 2 expected events: Poisson(2) 99.9% quantile is 8; a small tau^2 widens less than that
    fit = funnel.FunnelFit("poisson", 1000, 0.002, 1.5, 1e-4, 50)
    row = fit.limits([1000]).iloc[0]
    assert sps.poisson.ppf(0.999, 2) == 8
    assert row["upper_998"] >= 8.0 - 1e-9
    assert fit.classify([8], [1000]) == [funnel.ABOVE_95]
    assert fit.classify([9], [1000])[0] in (funnel.ABOVE_998, funnel.ABOVE_95)


def test_funnel_classes_contract() -> None:
    rng = np.random.default_rng(3)
    n = rng.integers(500, 5000, 60).astype(float)
    x = rng.binomial(n.astype(int), 0.05).astype(float)
    x[0] = n[0] * 0.5  # far above
    x[1] = 0  # far below (n >= 500: expected 25+)
    published = pd.DataFrame(
        {
            "indicator_key": "vsv",
            "region_level": ["nederland", *["gemeente"] * 60, "gemeente"],
            "region_code": ["NL01", *[f"GM{i:04d}" for i in range(61)]],
            "school_year": "2023-2024",
            "numerator": [x.sum(), *x, np.nan],
            "denominator": [n.sum(), *n, 80.0],
        }
    )
    result = funnel.funnel_classes(published, {"vsv": ("binomial", 100)})
    assert result.iloc[0] == funnel.NOT_ASSESSED  # Nederland
    assert result.iloc[-1] == funnel.NOT_ASSESSED  # hidden count
    assert result.iloc[1] == funnel.ABOVE_998 and result.iloc[2] == funnel.BELOW_998
    assert set(result) <= set(funnel.CLASS_CODES)
    assert (result.iloc[3:-1] == funnel.WITHIN).mean() > 0.8


def test_count_classes_lists_every_class() -> None:
    counts = funnel.count_classes([funnel.ABOVE_998, funnel.ABOVE_998, funnel.NOT_ASSESSED])
    assert counts[funnel.ABOVE_998] == 2 and counts[funnel.WITHIN] == 0
    assert set(counts) == set(funnel.CLASS_CODES)
