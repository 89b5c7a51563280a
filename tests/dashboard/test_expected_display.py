"""Tests for dashboard/expected_display.py: Dutch tables from hand-made query frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.expected_display import expected_table, fit_table, fit_text, ratio_verdict


def test_verdict_needs_the_whole_interval_on_one_side_of_one() -> None:
    assert ratio_verdict(1.01, 1.5) == "meer dan verwacht"
    assert ratio_verdict(0.5, 0.99) == "minder dan verwacht"
    assert ratio_verdict(0.9, 1.1) == "binnen de verwachting"


def test_expected_table_formats_the_dutch_way() -> None:
    frame = pd.DataFrame(
        {
            "label": ["Voortijdig schoolverlaters (%)"],
            "observed": [1234],
            "expected": [1100.26],
            "ratio": [1234 / 1100.26],
            "ratio_ci_lower": [1.06],
            "ratio_ci_upper": [1.186],
        }
    )
    row = expected_table(frame).iloc[0]
    assert row["Werkelijk"] == "1.234"
    assert row["Verwacht"] == "1.100,3"
    assert row["Werkelijk / verwacht"] == "1,12"
    assert row["95%-interval"] == "1,06 – 1,19"
    assert row["Oordeel"] == "meer dan verwacht"


def test_fit_table_shows_factors_per_sd_and_the_fit() -> None:
    base = {
        "indicator_key": "vsv_pct",
        "label": "vsv",
        "family": "poisson",
        "gemeenten_used": 340,
        "gemeenten_hidden": 2,
        "pearson_dispersion": 1.234,
        "deviance": 345.67,
        "residual_df": 335,
        "characteristics_year": 2024,
    }
    frame = pd.DataFrame(
        [
            {
                **base,
                "term": "intercept",
                "term_label": "constante",
                "coefficient": -3.9,
                "ci_lower": -4.0,
                "ci_upper": -3.8,
            },
            {
                **base,
                "term": "bijstand_per_1000",
                "term_label": "bijstand",
                "coefficient": math.log(1.15),
                "ci_lower": math.log(1.10),
                "ci_upper": math.log(1.2),
            },
        ]
    )
    row = fit_table(frame).iloc[0]
    assert row["Gemeenten"] == "340"
    assert row["Spreiding (Pearson)"] == "1,23"
    assert row["Deviantie / vrijheidsgraden"] == "345,7 / 335"
    assert row["Factor per SD: bijstand"] == "1,15 (1,10 – 1,20)"
    assert "constante" not in " ".join(fit_table(frame).columns)
    assert "1 januari 2024" in fit_text(frame, "2024-2025")
    assert "ontbraken" in fit_text(frame.iloc[0:0], "2024-2025")


def test_ratio_funnel_uses_exact_poisson_limits_around_one() -> None:
    from scipy.stats import poisson

    from dashboard.expected_display import ratio_funnel, ratio_funnel_alt
    from stats import funnel

    expected = [20.0, 50.0, 100.0, 200.0, 400.0, 100.0]
    observed = [20, 50, 100, 200, 400, 160]  # the last one far above its expected count
    points = pd.DataFrame(
        {
            "region_code": [f"GM{i:04d}" for i in range(6)],
            "region_name": [f"G{i}" for i in range(6)],
            "observed": observed,
            "expected": expected,
            "ratio": [o / e for o, e in zip(observed, expected, strict=True)],
        }
    )
    values, limits = ratio_funnel(points, "GM0005")
    assert values["is_focus"].tolist() == [False] * 5 + [True]
    assert poisson.ppf(0.999, 100) < 160  # so, without widening, above the 99,8% limit
    assert values["classification"].tolist() == [funnel.WITHIN] * 5 + [funnel.ABOVE_998]
    assert (limits["centre"] == 1.0).all()
    # never narrower than chance: at every expected count the 95% limit is at least the exact one
    exact = poisson.ppf(0.975, limits["denominator"]) / limits["denominator"]
    assert (limits["upper_95"] >= exact - 1e-12).all()
    # without the outlier nothing is widened and the limits are the exact Poisson limits
    _, calm = ratio_funnel(points.iloc[:5], "GM0000")
    exact = poisson.ppf(0.975, calm["denominator"]) / calm["denominator"]
    assert calm["upper_95"].to_numpy() == pytest.approx(exact.to_numpy())
    text = ratio_funnel_alt(values, "vsv", "G5")
    assert "1 ligt buiten" in text and "G5: 1,60 keer" in text
