"""Is the change between two school years more than chance? One method for every page.

The difference new - old of two independent shares or rates gets a 95% interval by the method
of variance estimates recovery (MOVER; Newcombe 1998 "Interval estimation for the difference
between independent proportions", method 10, the hybrid score interval; Zou & Donner 2008):

    L = d - sqrt((p1 - l1)^2 + (u0 - p0)^2),    U = d + sqrt((u1 - p1)^2 + (p0 - l0)^2),

where (l1, u1) and (l0, u0) are the single-year intervals of `stats.intervals`: Wilson for
shares (this is exactly Newcombe's method 10) and the exact Garwood interval for rates (the
Poisson MOVER of Li, Tang & Wong 2014). Both stay valid with small counts, where the normal
(Wald) approximation claims changes that are chance: 10 per 2.000 -> 21 per 2.000 is
"significant" by Wald but not by the exact conditional test (p = 0,07) nor by this interval.

The change is more than chance when zero lies outside [L, U]. Consecutive years share part of
their population, which this (like any independent-samples method) ignores: conservative.

A year whose count is an estimate (a total with gemeenten that sent no figures,
docs/nonresponse.md) has no sampling interval: the change between it and another year keeps its
difference but gets no interval (`has_interval` is False), so nothing says whether it is more
than chance.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from stats.intervals import fraction_interval
from stats.rows import records


@dataclass(frozen=True)
class Change:
    """Difference new - old and its 95% interval, in display units (NaN when not computable)."""

    difference: float
    lower: float
    upper: float

    @property
    def computable(self) -> bool:
        """Whether both years had counts to compare."""
        return math.isfinite(self.difference)

    @property
    def has_interval(self) -> bool:
        """Whether the difference has an interval (not when a year is an estimate)."""
        return self.computable and math.isfinite(self.lower) and math.isfinite(self.upper)

    @property
    def more_than_chance(self) -> bool:
        """Zero lies outside the interval (False when not computable)."""
        return self.computable and (self.lower > 0 or self.upper < 0)


NO_CHANGE = Change(float("nan"), float("nan"), float("nan"))


def _number(value: object) -> float:
    """A count as float; NaN for None, NA and anything else that is not a number."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def change_between(
    numerator_new: object,
    denominator_new: object,
    numerator_old: object,
    denominator_old: object,
    model: str,
    multiplier: float,
    level: float = 0.95,
) -> Change:
    """Difference new - old with its MOVER interval (module docstring), in display units."""
    x1, n1, x0, n0 = (
        _number(v) for v in (numerator_new, denominator_new, numerator_old, denominator_old)
    )
    if not all(math.isfinite(v) for v in (x1, n1, x0, n0)) or n1 <= 0 or n0 <= 0:
        return NO_CHANGE
    (l1,), (u1,) = fraction_interval([x1], [n1], model, level)
    (l0,), (u0,) = fraction_interval([x0], [n0], model, level)
    p1, p0 = x1 / n1, x0 / n0
    diff = p1 - p0
    lower = diff - math.hypot(p1 - l1, u0 - p0)
    upper = diff + math.hypot(u1 - p1, p0 - l0)
    return Change(diff * multiplier, lower * multiplier, upper * multiplier)


def change_of_rows(
    new: Mapping[str, object], old: Mapping[str, object], model: str, multiplier: float
) -> Change:
    """`change_between` for two rows with numerator and denominator (suppressed: NaN/None); a
    row with a true `is_estimate` leaves the difference without an interval."""
    change = change_between(
        new.get("numerator"),
        new.get("denominator"),
        old.get("numerator"),
        old.get("denominator"),
        model,
        multiplier,
    )
    if change.computable and (_is_estimate(new) or _is_estimate(old)):
        return Change(change.difference, math.nan, math.nan)
    return change


def _is_estimate(row: Mapping[str, object]) -> bool:
    """True only for a row marked as an estimate; a missing mark (None, NA or NaN, e.g. a
    series without the column's value) is not one."""
    value = row.get("is_estimate")
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def latest_change(
    series: pd.DataFrame, model: str, multiplier: float
) -> tuple[dict[str, Any] | None, dict[str, Any] | None, Change]:
    """The newest row of a yearly series, the row before it and the change between them.

    Args:
        series: Rows of one region and indicator with school_year_start, numerator, denominator
            (any order, other columns are passed through).

    Returns:
        (new, old, change); new/old are row dicts or None, change is NO_CHANGE without an
        earlier year or with a hidden count, and has no interval when a year is an estimate.
    """
    # the two newest rows by position, without sorting or taking rows of the frame (several
    # times the cost for a short series, and Overzicht does this for every card)
    every = records(series)
    order = np.argsort(series["school_year_start"].to_numpy(), kind="stable")
    rows = [every[i] for i in order[-2:]]
    new = rows[-1] if rows else None
    old = rows[-2] if len(rows) > 1 else None
    if new is None or old is None:
        return new, old, NO_CHANGE
    return new, old, change_of_rows(new, old, model, multiplier)
