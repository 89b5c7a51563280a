"""The one vocabulary of funnel verdicts (codes of `stats.funnel`) in Dutch.

Every page, tooltip, "t.o.v. Nederland" column, sentence and export names a verdict with these
words: the short form in tables, legends and hovers, the long form where there is room to
explain (captions, the export's column description, text alternatives).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from stats import funnel


class Verdict(NamedTuple):
    """A verdict's short label (table cell, legend) and its long form (explanation)."""

    short: str
    long: str


VERDICTS: dict[str, Verdict] = {
    funnel.ABOVE_998: Verdict(
        "hoger, buiten 99,8%-grens",
        "hoger dan Nederland, buiten de 99,8%-grens: meer dan toeval en dan de gewone verschillen",
    ),
    funnel.ABOVE_95: Verdict(
        "hoger, buiten 95%-grens",
        "hoger dan Nederland, buiten de 95%-grens maar binnen de 99,8%-grens: waarschijnlijk "
        "geen toeval",
    ),
    funnel.WITHIN: Verdict(
        "binnen de grenzen", "binnen de grenzen: het verschil met Nederland kan toeval zijn"
    ),
    funnel.BELOW_95: Verdict(
        "lager, buiten 95%-grens",
        "lager dan Nederland, buiten de 95%-grens maar binnen de 99,8%-grens: waarschijnlijk "
        "geen toeval",
    ),
    funnel.BELOW_998: Verdict(
        "lager, buiten 99,8%-grens",
        "lager dan Nederland, buiten de 99,8%-grens: meer dan toeval en dan de gewone verschillen",
    ),
    funnel.NOT_ASSESSED: Verdict(
        "niet te beoordelen", "niet te beoordelen: geen cijfer (te klein aantal of ontbreekt)"
    ),
}
COLUMN = "t.o.v. Nederland"  # the column that holds a verdict, on every page and in exports


def short(code: object) -> str:
    """The short label of a verdict code; missing or unknown codes are not assessed."""
    return VERDICTS.get(_code(code), VERDICTS[funnel.NOT_ASSESSED]).short


def long(code: object) -> str:
    """The long form of a verdict code (see `short`)."""
    return VERDICTS.get(_code(code), VERDICTS[funnel.NOT_ASSESSED]).long


def _code(code: object) -> str:
    if code is None or (not isinstance(code, str) and bool(pd.isna(code))):
        return funnel.NOT_ASSESSED
    return str(code)


def explanation() -> str:
    """What the column says, in one sentence listing every short label."""
    labels = [f"'{VERDICTS[c].short}'" for c in funnel.CLASS_CODES]
    return (
        f"'{COLUMN}': ligt de regio buiten de 95%- of 99,8%-grens van het trechterdiagram rond "
        f"Nederland ({', '.join(labels[:-1])} of {labels[-1]})."
    )
