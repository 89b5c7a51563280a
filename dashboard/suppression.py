"""Which gemeente counts to hide: small counts (primary) and the counts that would give them away.

A hidden count must not be recoverable by subtraction: an RMC-regio or provincie total minus its
other gemeenten. So wherever exactly one gemeente of such a group is hidden for an indicator and
year, the gemeente with the next smallest numerator is hidden too, repeated until no group has
exactly one hidden member (hiding in one grouping can create a lone hidden member in the other).
The result is materialised once per warehouse handle and read by `sql/_safe_views.sql`.
"""

from __future__ import annotations

import pandas as pd

GROUPINGS = ("rmc_code", "provincie_code")
KEY = ["indicator_key", "school_year"]


def suppressed_gemeenten(gemeenten: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Rows to hide among gemeente values.

    Args:
        gemeenten: one row per gemeente value with indicator_key, region_code, school_year,
            rmc_code, provincie_code, numerator, denominator.
        threshold: counts below this are hidden (primary suppression).

    Returns:
        indicator_key, region_code, school_year of every row to hide (primary and secondary).
    """
    frame = gemeenten.copy()
    frame["hidden"] = (frame["numerator"] < threshold) | (frame["denominator"] < threshold)
    frame["hidden"] = frame["hidden"].fillna(False).astype(bool)
    while True:
        added = False
        for grouping in GROUPINGS:
            groups = frame.groupby([*KEY, grouping], sort=False)["hidden"]
            lone = groups.transform("sum") == 1
            candidates = frame[lone & ~frame["hidden"]]
            if candidates.empty:
                continue
            smallest = (
                candidates.sort_values(["numerator", "region_code"])
                .groupby([*KEY, grouping], sort=False)
                .head(1)
                .index
            )
            frame.loc[smallest, "hidden"] = True
            added = True
        if not added:
            break
    return frame.loc[frame["hidden"], ["indicator_key", "region_code", "school_year"]]
