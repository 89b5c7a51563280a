"""Figures of a submission next to last year's and next to similar gemeenten -> questions about
what looks unusual (never refusals).

Two comparisons per gemeente and figure (every count of the template); a flag's `kind` says
which one asked:

`vorig_jaar`, the gemeente's own figure last year: with last year's value `p` and this year's
`n`, both given, the figure is flagged when it changed by at least `MIN_CHANGE` (10) and by more
than `MAX_RELATIVE_CHANGE` (50 %) of last year's value, i.e. when `|n - p| >= 10` and
`|n - p| > 0.5 * p`. The absolute floor keeps small counts, which jump by chance, from being
flagged for a change of a few pupils; from zero, any change of 10 or more is flagged.

`vergelijkbare_gemeenten`, last year's figures of the gemeente's peer group (`marts.peer_groups`:
its 10 most similar gemeenten by structural characteristics, the dashboard's "Vergelijkbare
gemeenten"). Compared as rates per leerplichtige: the count divided by `leerplichtigen` of the
same row, this year's from the submission and each peer's from its own row last year. Not the
indicators' denominator (inwoners 5-17 jaar, CBS): the member gives leerplichtigen in the same
row, so the rate can be checked from the file alone, and the population of the new school year
may not be in the warehouse yet. Leerplichtigen itself is the denominator and only compared with
last year. With the peers' rates from `low` to `high` (at least `MIN_PEERS`, 5, peers having
both counts and leerplichtigen > 0), the band is `[low - MARGIN * (high - low), high + MARGIN *
(high - low)]` (`MARGIN` 0.5: half the peers' range added on each side). The figure is flagged
when its rate lies outside the band and its count lies at least `MIN_CHANGE` (10) beyond the
count at the band's edge (`edge * leerplichtigen`): the same floor as above, so a small gemeente
is not asked about a few pupils.

Last year is the warehouse's staged template rows of the previous school year (as reported,
same gemeentecode). A flag is a question to the member: confirm with an explanation or correct
the file.

What the warehouse holds for a round's comparison (`reference`) is read once per warehouse file
and school year in a process: the file's identity (device, inode, size, modification time) is
part of the cache key, so a warehouse rebuilt and swapped in by `python -m etl build` (a new
file renamed over the old one) is read anew on the next submission, as the dashboard's handle is.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

MIN_CHANGE = 10
MAX_RELATIVE_CHANGE = 0.5
MIN_PEERS = 5
MARGIN = 0.5
LAST_YEAR, PEERS = "vorig_jaar", "vergelijkbare_gemeenten"
DENOMINATOR = "leerplichtigen_count"
_SQL = Path(__file__).parent
_SUFFIX = "_count"
_PER = 1000


@dataclass(frozen=True)
class PeerRange:
    """Where a figure lies next to its peers: this year's rate and last year's rates of the
    peers (median, lowest, highest), all per leerplichtige, and how many peers had one."""

    rate: float
    median: float
    low: float
    high: float
    peers: int


@dataclass(frozen=True)
class Flag:
    """One question: gemeente, figure (template column), the value to compare with and this
    year's value; `peers` set when similar gemeenten raised it (then `previous_value` is the
    count at the peers' median rate), else it is last year's value of the gemeente itself."""

    gemeentecode: str
    figure: str
    previous_value: int
    value: int
    peers: PeerRange | None = None

    @property
    def kind(self) -> str:
        """Which comparison raised the question: `LAST_YEAR` or `PEERS`."""
        return LAST_YEAR if self.peers is None else PEERS

    def message(self) -> str:
        """The question in Dutch, e.g. 'GM0014, absoluut_verzuim: 30 dit jaar, 12 vorig jaar
        (+150 %). Klopt dit?' or 'GM0014, absoluut_verzuim: 30 dit jaar, 25,0 per 1.000
        leerplichtigen; dat ligt ver boven vergelijkbare gemeenten (mediaan 3,1, spreiding
        1,2–5,0 per 1.000 leerplichtigen vorig jaar, 10 gemeenten). Klopt dit?'."""
        start = f"{self.gemeentecode}, {self.figure}: {_number(self.value)} dit jaar"
        if self.peers is not None:
            p = self.peers
            side = "boven" if p.rate > p.high else "onder"
            return (
                f"{start}, {_rate(p.rate)} per 1.000 leerplichtigen; dat ligt ver {side} "
                f"vergelijkbare gemeenten (mediaan {_rate(p.median)}, spreiding "
                f"{_rate(p.low)}–{_rate(p.high)} per 1.000 leerplichtigen vorig jaar, "
                f"{p.peers} gemeenten). Klopt dit?"
            )
        if self.previous_value:
            change = (self.value - self.previous_value) / self.previous_value * 100
            relative = f" ({change:+.0f} %)"
        else:
            relative = ""
        return f"{start}, {_number(self.previous_value)} vorig jaar{relative}. Klopt dit?"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _rate(rate: float) -> str:
    """A rate per leerplichtige as Dutch text per 1.000, one decimal: 0.0125 -> '12,5'."""
    return f"{rate * _PER:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def is_large_jump(previous: int, value: int) -> bool:
    """The `vorig_jaar` rule of this module's docstring."""
    change = abs(value - previous)
    return change >= MIN_CHANGE and change > MAX_RELATIVE_CHANGE * previous


def is_far_from_peers(value: int, denominator: int, rates: Sequence[float]) -> bool:
    """The `vergelijkbare_gemeenten` rule of this module's docstring (`rates`: the peers')."""
    if len(rates) < MIN_PEERS or denominator <= 0:
        return False
    low, high = min(rates), max(rates)
    margin = MARGIN * (high - low)
    upper, lower = (high + margin) * denominator, (low - margin) * denominator
    return value - upper >= MIN_CHANGE or lower - value >= MIN_CHANGE


def _figures(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.endswith(_SUFFIX)]


def _records(frame: pd.DataFrame, codes: set[str] | None = None) -> dict[str, dict]:
    """Rows by municipality_code (only `codes` when given), values as Python objects."""
    if codes is not None:
        frame = frame[frame["municipality_code"].astype(str).isin(codes)]
    return {str(row["municipality_code"]): row for row in frame.to_dict("records")}


def flag_jumps(current: pd.DataFrame, previous: pd.DataFrame) -> list[Flag]:
    """Compare two frames of staged template rows (municipality_code and *_count columns).

    Args:
        current: this submission's rows.
        previous: last year's rows (any gemeente may be missing; others are ignored).

    Returns:
        One flag per gemeente and figure with a large jump, in gemeente and column order.
    """
    now = _records(current)
    last = _records(previous, set(now)) if len(previous) else {}
    flags: list[Flag] = []
    for code in sorted(now):
        if code not in last:
            continue
        for column in _figures(current):
            now_value, then_value = now[code][column], last[code].get(column)
            if pd.isna(now_value) or then_value is None or pd.isna(then_value):
                continue
            if is_large_jump(int(then_value), int(now_value)):
                figure = column.removesuffix(_SUFFIX)
                flags.append(Flag(code, figure, int(then_value), int(now_value)))
    return flags


def peer_rates(
    previous: pd.DataFrame, peers: Mapping[str, Sequence[str]]
) -> dict[str, dict[str, list[float]]]:
    """Per gemeente and figure (*_count column but leerplichtigen) its peers' rates last year.

    Args:
        previous: last year's rows of every gemeente (municipality_code, *_count columns).
        peers: the peer codes of each gemeente.

    Returns:
        {gemeente: {column: [count / leerplichtigen of each peer that had both, leerplichtigen
        > 0, in peer order]}}; peers missing from `previous` are skipped.
    """
    last = _records(previous)
    figures = [c for c in _figures(previous) if c != DENOMINATOR]
    found: dict[str, dict[str, list[float]]] = {}
    for code, group in peers.items():
        rows = [last[p] for p in group if p in last]
        rows = [r for r in rows if not pd.isna(r[DENOMINATOR]) and int(r[DENOMINATOR]) > 0]
        found[code] = {
            column: [int(r[column]) / int(r[DENOMINATOR]) for r in rows if not pd.isna(r[column])]
            for column in figures
        }
    return found


def flag_peers(
    current: pd.DataFrame, rates: Mapping[str, Mapping[str, Sequence[float]]]
) -> list[Flag]:
    """Compare each figure's rate with last year's rates of the gemeente's peers.

    Args:
        current: this submission's rows (municipality_code, leerplichtigen_count, *_count).
        rates: `peer_rates` (a gemeente or figure missing from it is not compared).

    Returns:
        One flag per gemeente and figure far from its peers, in gemeente and column order.
    """
    now = _records(current)
    flags: list[Flag] = []
    for code in sorted(now):
        row, group = now[code], rates.get(code, {})
        denominator = row.get(DENOMINATOR)
        if denominator is None or pd.isna(denominator) or int(denominator) <= 0:
            continue
        for column in _figures(current):
            value, peer = row[column], group.get(column, [])
            if pd.isna(value) or not is_far_from_peers(int(value), int(denominator), peer):
                continue
            median = statistics.median(peer)
            found = PeerRange(
                int(value) / int(denominator), median, min(peer), max(peer), len(peer)
            )
            expected = round(median * int(denominator))
            flags.append(Flag(code, column.removesuffix(_SUFFIX), expected, int(value), found))
    return flags


@dataclass(frozen=True)
class Reference:
    """What a round compares with: last year's template rows of every gemeente
    (`previous_year.sql`) and, per gemeente and figure, its peers' rates last year (`peer_rates`
    of `peer_groups.sql`; empty when the warehouse has no peer groups). Shared between
    submissions: never change it."""

    last_year: pd.DataFrame
    rates: Mapping[str, Mapping[str, Sequence[float]]]

    def flags(self, current: pd.DataFrame) -> list[Flag]:
        """Both comparisons of this module's docstring for a submission's rows, per gemeente:
        its last-year questions first, then those from its peers (each in column order)."""
        both = flag_jumps(current, self.last_year) + flag_peers(current, self.rates)
        return sorted(both, key=lambda flag: flag.gemeentecode)

    def gemeenten_with_last_year(self, current: pd.DataFrame) -> int:
        """How many of the submission's gemeenten had a figure last year."""
        known = set(self.last_year["municipality_code"].astype(str))
        return len(known & set(current["municipality_code"].astype(str)))


def reference(warehouse: Path, school_year_start: int) -> Reference:
    """What the warehouse at `warehouse` holds for a round of `school_year_start` (read once per
    file and year in this process; a swapped-in file is read anew)."""
    stat = warehouse.stat()
    identity = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return _read_reference(str(warehouse.resolve()), identity, school_year_start)


@lru_cache(maxsize=4)
def _read_reference(path: str, identity: tuple[int, ...], school_year_start: int) -> Reference:
    del identity  # part of the cache key only
    con = duckdb.connect(path, read_only=True)
    try:
        tables = {
            f"{schema}.{table}"
            for schema, table in con.execute(
                "select schema_name, table_name from duckdb_tables()"
            ).fetchall()
        }
        last = pd.DataFrame(columns=["municipality_code"])
        if "staged.verzuim__counts" in tables:
            params = {"school_year_start": school_year_start - 1}
            last = con.execute(_read("previous_year"), params).df()
        peers: dict[str, tuple[str, ...]] = {}
        if "marts.peer_groups" in tables:
            for code, group in con.execute(_read("peer_groups")).fetchall():
                peers[str(code)] = tuple(str(peer) for peer in group)
    finally:
        con.close()
    return Reference(last, peer_rates(last, peers))


def _read(name: str) -> str:
    return (_SQL / f"{name}.sql").read_text(encoding="utf-8")
