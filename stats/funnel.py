"""Funnel-plot verdicts: where each region lies against the national value.

`funnel_classes` is the contract used by the build (the `funnel_class` of every published
row) and by the pages (point colours, "t.o.v. Nederland"): one verdict per region, computed
from the published numerators and denominators of all regions of one level against the
Nederland row of the same indicator and school year.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard import stats as _legacy

ABOVE_998 = "above_998"
ABOVE_95 = "above_95"
WITHIN = "within"
BELOW_95 = "below_95"
BELOW_998 = "below_998"
NOT_ASSESSED = ""

_FROM_LEGACY = {
    _legacy.ABOVE_998: ABOVE_998,
    _legacy.ABOVE_95: ABOVE_95,
    _legacy.WITHIN: WITHIN,
    _legacy.BELOW_95: BELOW_95,
    _legacy.BELOW_998: BELOW_998,
    _legacy.UNKNOWN: NOT_ASSESSED,
}

FUNNEL_LEVELS = ("gemeente", "rmc", "provincie")


def funnel_classes(published: pd.DataFrame, models: Mapping[str, tuple[str, float]]) -> pd.Series:
    """Verdict per published row.

    Args:
        published: rows with indicator_key, region_level, region_code, school_year, numerator,
            denominator (numerator NaN/NA where the count is hidden), one Nederland row per
            indicator and school year.
        models: indicator_key -> (model, multiplier) from the indicator registry.

    Returns:
        A string Series aligned with `published`: one of ABOVE_998 ... BELOW_998 for shown
        gemeente, rmc and provincie rows; NOT_ASSESSED for hidden rows and Nederland.
    """
    result = pd.Series(NOT_ASSESSED, index=published.index, dtype=object)
    numerator = pd.to_numeric(published["numerator"], errors="coerce").astype(float)
    denominator = pd.to_numeric(published["denominator"], errors="coerce").astype(float)
    national = published["region_level"] == "nederland"
    for (key, _year), rows in published.groupby(["indicator_key", "school_year"], sort=False):
        model, multiplier = models[str(key)]
        nl = rows.index[national.loc[rows.index]]
        if len(nl) != 1 or not np.isfinite(numerator[nl[0]]) or denominator[nl[0]] <= 0:
            continue
        centre = numerator[nl[0]] / denominator[nl[0]] * multiplier
        for level in FUNNEL_LEVELS:
            idx = rows.index[(rows["region_level"] == level).to_numpy()]
            if idx.empty:
                continue
            values = numerator[idx] / denominator[idx] * multiplier
            verdicts = _legacy.classify(
                values.to_numpy(), denominator[idx].to_numpy(), centre, model, multiplier
            )
            result.loc[idx] = [_FROM_LEGACY[v] for v in verdicts]
    return result
