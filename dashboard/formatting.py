"""Numbers, counts, school years and dates turned into the Dutch text the pages show.

Dutch conventions: decimal comma, thousands dot (2,7%; 12,3 per 1.000; 1.234). A suppressed
count shows as `<5` (threshold from `dashboard.settings`), a provisional school year carries an
asterisk that `VOORLOPIG_FOOTNOTE` explains.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd

from dashboard.settings import suppression_threshold

MISSING = "–"
VOORLOPIG_MARK = "*"
VOORLOPIG_FOOTNOTE = (
    "* Voorlopig cijfer: dit schooljaar kan nog veranderen als de definitieve cijfers verschijnen."
)
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Format a number the Dutch way: `1.234`, `2,7`, `-0,3`; missing gives an en dash."""
    if _is_missing(value):
        return MISSING
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    # avoid a negative zero after rounding ("-0,0")
    if text.startswith("-") and set(text[1:]) <= {"0", ",", "."}:
        text = text[1:]
    return text


def unit_suffix(unit: str) -> str:
    """The text that follows a value: `%` sticks to the number, `per 1.000` after a space."""
    return "%" if unit == "%" else f" {unit}"


def format_value(value: float | None, unit: str, decimals: int = 1) -> str:
    """An indicator value with its unit: `2,7%` or `12,3 per 1.000`."""
    if _is_missing(value):
        return MISSING
    return f"{format_number(value, decimals)}{unit_suffix(unit)}"


def format_interval(
    lower: float | None, upper: float | None, unit: str | None = None, decimals: int = 1
) -> str:
    """A 95% interval as `2,5 – 3,1` (with the unit appended when given)."""
    if _is_missing(lower) or _is_missing(upper):
        return MISSING
    text = f"{format_number(lower, decimals)} – {format_number(upper, decimals)}"
    return text + unit_suffix(unit) if unit else text


def change_unit(unit: str) -> str:
    """Unit of a difference: percentage points for shares, the same rate unit otherwise."""
    return "procentpunt" if unit == "%" else unit


def format_change(delta: float | None, unit: str, decimals: int = 1) -> str:
    """A signed difference: `+0,3 procentpunt`, `-1,2 per 1.000`, `0,0 procentpunt`."""
    if _is_missing(delta):
        return MISSING
    text = format_number(delta, decimals)
    is_zero = set(text.lstrip("-")) <= {"0", ",", "."}
    if not is_zero and not text.startswith("-"):
        text = "+" + text
    return f"{text} {change_unit(unit)}"


def format_count(count: float | int | None, is_suppressed: bool = False) -> str:
    """A count like `1.234`; a suppressed count as `<5`; a missing one as an en dash."""
    if is_suppressed:
        return f"<{suppression_threshold()}"
    if _is_missing(count):
        return MISSING
    return format_number(count, 0)


def format_school_year(label: str, is_voorlopig: bool = False) -> str:
    """`2023-2024`, with an asterisk when provisional (`2024-2025*`)."""
    return f"{label}{VOORLOPIG_MARK}" if is_voorlopig else label


def format_date(value: str | date | datetime | None) -> str:
    """`30 juni 2025` from an ISO 8601 text or a date; unparseable text is returned as is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, str):
        try:
            parsed: date = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        parsed = value
    return f"{parsed.day} {MONTHS[parsed.month - 1]} {parsed.year}"


def join_dutch(items: Iterable[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    parts = [item for item in items if item]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


LEVEL_LABELS = {
    "gemeente": "gemeente",
    "rmc": "RMC-regio",
    "provincie": "provincie",
    "nederland": "Nederland",
}
LEVEL_PLURALS = {"gemeente": "gemeenten", "rmc": "RMC-regio's", "provincie": "provincies"}


def level_label(level: str, plural: bool = False) -> str:
    """Dutch name of a region level (`RMC-regio`, or `RMC-regio's` in plural)."""
    return LEVEL_PLURALS.get(level, level) if plural else LEVEL_LABELS.get(level, level)


def value_column(values: pd.Series, unit: str, decimals: int) -> pd.Series:
    """Format a column of values (no unit: the column header carries it)."""
    del unit  # the header names the unit; kept in the signature for symmetry with counts
    return values.map(lambda v: format_number(v, decimals))


def count_column(counts: pd.Series, suppressed: pd.Series | None = None) -> pd.Series:
    """Format a column of counts, `<5` where suppressed."""
    flags = suppressed if suppressed is not None else pd.Series(False, index=counts.index)
    return pd.Series(
        [format_count(c, bool(s)) for c, s in zip(counts, flags, strict=True)],
        index=counts.index,
        dtype=object,
    )


def interval_column(lower: pd.Series, upper: pd.Series, decimals: int) -> pd.Series:
    """Format a column of 95% intervals (`2,5 – 3,1`)."""
    return pd.Series(
        [format_interval(lo, hi, None, decimals) for lo, hi in zip(lower, upper, strict=True)],
        index=lower.index,
        dtype=object,
    )
