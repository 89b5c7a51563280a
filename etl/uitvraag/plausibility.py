"""Figures of a submission next to last year's -> questions about large jumps (never refusals).

The rule, per gemeente and figure (every count of the template): with last year's value `p` and
this year's `n`, both given, the figure is flagged when it changed by at least `MIN_CHANGE`
(10) and by more than `MAX_RELATIVE_CHANGE` (50 %) of last year's value, i.e. when
`|n - p| >= 10` and `|n - p| > 0.5 * p`. The absolute floor keeps small counts, which jump by
chance, from being flagged for a change of a few pupils; from zero, any change of 10 or more is
flagged. Last year's values are the warehouse's staged template rows of the previous school
year (as reported, same gemeentecode). A flag is a question to the member: confirm with an
explanation or correct the file; nothing is refused for being unusual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

MIN_CHANGE = 10
MAX_RELATIVE_CHANGE = 0.5
_SQL = Path(__file__).with_name("previous_year.sql")
_SUFFIX = "_count"


@dataclass(frozen=True)
class Flag:
    """One large jump: gemeente, figure (template column), last year's and this year's value."""

    gemeentecode: str
    figure: str
    previous_value: int
    value: int

    def message(self) -> str:
        """The question in Dutch, e.g. 'GM0014, absoluut_verzuim: 30 dit jaar, 12 vorig jaar
        (+150 %). Klopt dit?'."""
        if self.previous_value:
            change = (self.value - self.previous_value) / self.previous_value * 100
            relative = f" ({change:+.0f} %)"
        else:
            relative = ""
        return (
            f"{self.gemeentecode}, {self.figure}: {_number(self.value)} dit jaar, "
            f"{_number(self.previous_value)} vorig jaar{relative}. Klopt dit?"
        )


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def is_large_jump(previous: int, value: int) -> bool:
    """The flag rule of this module's docstring."""
    change = abs(value - previous)
    return change >= MIN_CHANGE and change > MAX_RELATIVE_CHANGE * previous


def flag_jumps(current: pd.DataFrame, previous: pd.DataFrame) -> list[Flag]:
    """Compare two frames of staged template rows (municipality_code and *_count columns).

    Args:
        current: this submission's rows.
        previous: last year's rows of the same gemeenten (any may be missing).

    Returns:
        One flag per gemeente and figure with a large jump, in gemeente and column order.
    """
    last = previous.set_index("municipality_code") if len(previous) else None
    figures = [c for c in current.columns if c.endswith(_SUFFIX)]
    flags: list[Flag] = []
    for row in current.sort_values("municipality_code").to_dict("records"):
        code = str(row["municipality_code"])
        if last is None or code not in last.index:
            continue
        for column in figures:
            now_value, then_value = row[column], last.at[code, column]
            if pd.isna(now_value) or pd.isna(then_value):
                continue
            if is_large_jump(int(then_value), int(now_value)):
                figure = column.removesuffix(_SUFFIX)
                flags.append(Flag(code, figure, int(then_value), int(now_value)))
    return flags


def previous_year(warehouse: Path, codes: list[str], school_year_start: int) -> pd.DataFrame:
    """Last year's template rows of `codes` from the warehouse (empty when there is none)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        exists = con.execute(
            "select count(*) from duckdb_tables() "
            "where schema_name = 'staged' and table_name = 'verzuim__counts'"
        ).fetchone()
        if not exists or not exists[0]:
            return pd.DataFrame(columns=["municipality_code"])
        params = {"school_year_start": school_year_start - 1, "codes": codes}
        return con.execute(_SQL.read_text(encoding="utf-8"), params).df()
    finally:
        con.close()
