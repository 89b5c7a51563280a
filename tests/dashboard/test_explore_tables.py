"""Explore-page tables: the Regioprofiel gemeenten table and its verdict against Nederland."""

from __future__ import annotations

import pandas as pd

from dashboard import explore_tables as tables

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
            "flag": ["", "", "", "", "primary"],
        }
    )


def test_members_table_says_where_each_gemeente_lies_against_the_country() -> None:
    """The column "t.o.v. Nederland" shows the build's verdict (funnel_class) in words."""
    verdicts = ["above_998", "above_95", "within", "below_998", ""]
    table = tables.members_table(members(), INDICATOR, verdicts)
    assert list(table["t.o.v. Nederland"]) == [
        "hoger, buiten 99,8%-grens",
        "hoger, buiten 95%-grens",
        "binnen de grenzen",
        "lager, buiten 99,8%-grens",
        "niet te beoordelen",
    ]
