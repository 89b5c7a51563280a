"""Explore-page tables: the Regioprofiel gemeenten table and its verdict against Nederland."""

from __future__ import annotations

import pandas as pd

from dashboard import explore_tables as tables
from dashboard import formatting

INDICATOR = {
    "indicator_key": "vsv_pct",
    "label": "Voortijdig schoolverlaters",
    "short_label": "vsv %",
    "unit": "%",
    "decimals": 1,
    "model": "binomial",
    "multiplier": 100.0,
}


def members() -> pd.DataFrame:
    """Five gemeenten of 1.000 pupils each against a country at 2,0% (20.000 of 1.000.000)."""
    numerators = [100.0, 32.0, 25.0, 5.0, None]  # the last one is hidden (<5)
    return pd.DataFrame(
        {
            "region_code": ["GM1", "GM2", "GM3", "GM4", "GM5"],
            "region_name": ["Hoog", "Iets hoger", "Gewoon", "Laag", "Klein"],
            "numerator": numerators,
            "denominator": [1000.0] * 5,
            "value": [None if n is None else n / 10 for n in numerators],
            "ci_lower": [None] * 5,
            "ci_upper": [None] * 5,
            "is_suppressed": [False, False, False, False, True],
        }
    )


def test_members_table_says_where_each_gemeente_lies_against_the_country() -> None:
    # By hand: sd at n = 1.000 around 2% is sqrt(0,02 * 0,98 / 1.000) = 0,443 procentpunt;
    # 95% limits 2 +/- 1,96 * 0,443 = 1,13 .. 2,87; 99,8% limits 2 +/- 3,09 * 0,443 = 0,63 .. 3,37.
    # 10% > 3,37: above 99,8; 3,2% in (2,87, 3,37): above 95; 2,5%: within; 0,5% < 0,63: below
    # 99,8; the hidden one is not assessed.
    verdicts = tables.verdicts_against_country(
        members(), "gemeente", {"numerator": 20_000.0, "denominator": 1_000_000.0}, INDICATOR
    )
    assert verdicts == ["above_998", "above_95", "within", "below_998", ""]
    table = tables.members_table(members(), INDICATOR, verdicts)
    assert list(table["t.o.v. Nederland"]) == [
        "hoger (99,8%)",
        "hoger (95%)",
        "binnen de grenzen",
        "lager (99,8%)",
        "niet te beoordelen",
    ]
    assert set(formatting.FUNNEL_VERDICT_LABELS) == {
        "above_998",
        "above_95",
        "within",
        "below_95",
        "below_998",
        "",
    }


def test_without_a_national_row_nothing_is_assessed() -> None:
    assert tables.verdicts_against_country(members(), "gemeente", None, INDICATOR) == [""] * 5
