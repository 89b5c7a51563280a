"""The plausibility rules as pure functions: flags at the documented edges, none where either
year (or too many peers) is missing, Dutch questions saying which comparison asked; and what is
read from a real warehouse, read anew when another warehouse is swapped in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from etl.uitvraag.plausibility import (
    LAST_YEAR,
    PEERS,
    Flag,
    PeerRange,
    Reference,
    flag_jumps,
    flag_peers,
    is_far_from_peers,
    is_large_jump,
    peer_rates,
    reference,
)
from tests.etl.uitvraag.conftest import LAST_YEAR_START, read_warehouse


@pytest.mark.parametrize(
    ("previous", "value", "flagged"),
    [
        (20, 30, False),  # +10 is not more than half of 20
        (20, 31, True),  # +11 > 10 and >= 10
        (20, 9, True),  # -11
        (0, 9, False),  # from zero: under the floor of 10
        (0, 10, True),
        (10, 19, False),  # +90 % but only 9 pupils
        (1000, 1500, False),  # exactly half: not more than half
        (1000, 1501, True),
        (1000, 499, True),
        (8, 0, False),  # all gone, but only 8
    ],
)
def test_rule_edges(previous: int, value: int, flagged: bool) -> None:
    assert is_large_jump(previous, value) is flagged


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows).astype(
        {"absoluut_verzuim_count": "Int64", "leerplichtigen_count": "Int64"}
    )


def test_flag_jumps_compares_per_gemeente_and_skips_missing_values() -> None:
    previous = _frame(
        [
            {
                "municipality_code": "GM0001",
                "absoluut_verzuim_count": 10,
                "leerplichtigen_count": 1000,
            },
            {
                "municipality_code": "GM0002",
                "absoluut_verzuim_count": None,
                "leerplichtigen_count": 500,
            },
        ]
    )
    current = _frame(
        [
            {
                "municipality_code": "GM0002",
                "absoluut_verzuim_count": 90,
                "leerplichtigen_count": 1200,
            },
            {
                "municipality_code": "GM0001",
                "absoluut_verzuim_count": 40,
                "leerplichtigen_count": None,
            },
            {
                "municipality_code": "GM0003",
                "absoluut_verzuim_count": 900,
                "leerplichtigen_count": 1,
            },
        ]
    )
    assert flag_jumps(current, previous) == [
        Flag("GM0001", "absoluut_verzuim", 10, 40),
        Flag("GM0002", "leerplichtigen", 500, 1200),
    ]
    assert flag_jumps(current, previous.iloc[0:0]) == []


def test_messages_are_dutch_with_thousands_separator() -> None:
    assert Flag("GM0363", "leerplichtigen", 1000, 12500).message() == (
        "GM0363, leerplichtigen: 12.500 dit jaar, 1.000 vorig jaar (+1150 %). Klopt dit?"
    )
    assert Flag("GM0014", "absoluut_verzuim", 0, 12).message() == (
        "GM0014, absoluut_verzuim: 12 dit jaar, 0 vorig jaar. Klopt dit?"
    )


# sixteenths are exact in binary, so the edges below are exact
UP = [1 / 16, 2 / 16, 3 / 16, 4 / 16, 5 / 16]  # band up to 5/16 + 2/16 = 7/16; x 64 = 28
DOWN = [8 / 16, 9 / 16, 10 / 16, 11 / 16, 12 / 16]  # band down to 8/16 - 2/16 = 6/16; x 64 = 24


@pytest.mark.parametrize(
    ("value", "denominator", "rates", "flagged"),
    [
        (38, 64, UP, True),  # 10 above the band's edge of 28
        (37, 64, UP, False),  # outside the band, but only 9 pupils beyond it
        (28, 64, UP, False),
        (14, 64, DOWN, True),  # 10 below the edge of 24
        (15, 64, DOWN, False),
        (38, 64, UP[:4], False),  # 4 peers with a rate: too few to compare
        (10, 1, [0.0] * 5, True),  # all peers had none: 10 or more is asked about
        (9, 1000, [0.0] * 5, False),
        (38, 0, UP, False),  # no leerplichtigen: no rate
    ],
)
def test_peer_rule_edges(value: int, denominator: int, rates: list[float], flagged: bool) -> None:
    assert is_far_from_peers(value, denominator, rates) is flagged


def _peer_frames() -> tuple[pd.DataFrame, pd.DataFrame, dict[str, list[str]]]:
    columns = ["municipality_code", "leerplichtigen_count", "absoluut_verzuim_count"]
    columns.append("relatief_verzuim_count")
    types = {c: "Int64" for c in columns[1:]}
    previous = pd.DataFrame(
        [
            ["GM0011", 1000, 10, 30],
            ["GM0012", 1000, 20, 30],
            ["GM0013", 2000, 40, 60],
            ["GM0014", 500, 15, 15],
            ["GM0015", 1000, 50, None],  # relatief verzuim not reported: 4 peers for that figure
            ["GM0016", 0, 5, 5],  # no leerplichtigen: no rates
            ["GM0001", 1000, 100, 30],
        ],
        columns=columns,
    ).astype(types)
    current = pd.DataFrame(
        [
            ["GM0002", 1000, 79, 900],  # 79: rate outside the band, but 9 beyond its edge of 70
            ["GM0001", 1000, 100, 900],
            ["GM0003", 1000, 500, 500],  # no peers
            ["GM0004", None, 500, 500],  # no leerplichtigen
        ],
        columns=columns,
    ).astype(types)
    group = ["GM0011", "GM0012", "GM0013", "GM0014", "GM0015", "GM0016", "GM0099"]
    peers = {"GM0001": group, "GM0002": group, "GM0004": group}
    return previous, current, peers


def test_peer_rates_are_last_years_rates_of_the_peers_that_had_them() -> None:
    previous, _, peers = _peer_frames()
    rates = peer_rates(previous, {"GM0001": peers["GM0001"]})
    assert rates == {
        "GM0001": {
            "absoluut_verzuim_count": [0.01, 0.02, 0.02, 0.03, 0.05],
            "relatief_verzuim_count": [0.03, 0.03, 0.03, 0.03],
        }
    }


def test_flag_peers_asks_about_a_rate_far_above_the_peers() -> None:
    previous, current, peers = _peer_frames()
    # absoluut verzuim of the peers: 10/1000, 20/1000, 40/2000, 15/500, 50/1000 -> median
    # 0.02, range 0.01-0.05, band up to 0.05 + 0.02 = 0.07 (70 of 1000); GM0001 has 100
    expected = Flag("GM0001", "absoluut_verzuim", 20, 100, PeerRange(0.1, 0.02, 0.01, 0.05, 5))
    assert flag_peers(current, peer_rates(previous, peers)) == [expected]
    assert expected.kind == PEERS
    assert expected.message() == (
        "GM0001, absoluut_verzuim: 100 dit jaar, 100,0 per 1.000 leerplichtigen; dat ligt ver "
        "boven vergelijkbare gemeenten (mediaan 20,0, spreiding 10,0–50,0 per 1.000 "
        "leerplichtigen vorig jaar, 5 gemeenten). Klopt dit?"
    )
    below = Flag("GM0001", "relatief_verzuim", 30, 1, PeerRange(0.001, 0.03, 0.025, 0.0375, 4))
    assert below.message() == (
        "GM0001, relatief_verzuim: 1 dit jaar, 1,0 per 1.000 leerplichtigen; dat ligt ver onder "
        "vergelijkbare gemeenten (mediaan 30,0, spreiding 25,0–37,5 per 1.000 leerplichtigen "
        "vorig jaar, 4 gemeenten). Klopt dit?"
    )


def test_reference_puts_last_years_questions_first_per_gemeente() -> None:
    previous, current, peers = _peer_frames()
    both = Reference(previous, peer_rates(previous, peers))
    flags = both.flags(current)
    # GM0001 last year: absoluut verzuim 100 -> 100 (no jump), relatief verzuim 30 -> 900
    assert [(f.gemeentecode, f.figure, f.kind) for f in flags] == [
        ("GM0001", "relatief_verzuim", LAST_YEAR),
        ("GM0001", "absoluut_verzuim", PEERS),
    ]
    assert both.gemeenten_with_last_year(current) == 1


def test_reference_reads_the_warehouse_and_rereads_a_swapped_in_one(
    tmp_path: Path, fixture_warehouse: Path
) -> None:
    db = tmp_path / "kompas.duckdb"
    shutil.copy(fixture_warehouse, db)
    code = read_warehouse(
        db, "select min(region_code) as c from marts.peer_groups where region_level = 'gemeente'"
    )["c"][0]
    peers = read_warehouse(
        db,
        "select p.peer_code, v.absoluut_verzuim_count as n, v.leerplichtigen_count as d "
        "from marts.peer_groups p join staged.verzuim__counts v "
        "on v.municipality_code = p.peer_code and v.school_year_start = ? "
        "where p.region_level = 'gemeente' and p.region_code = ? order by p.peer_rank",
        [LAST_YEAR_START, code],
    )
    expected = [int(n) / int(d) for n, d in zip(peers["n"], peers["d"], strict=True) if d > 0]
    first = reference(db, LAST_YEAR_START + 1)
    assert first.rates[code]["absoluut_verzuim_count"] == expected
    assert reference(db, LAST_YEAR_START + 1) is first  # read once per file

    # a rebuilt warehouse is a new file renamed over the old one
    rebuilt = tmp_path / "rebuilt.duckdb"
    shutil.copy(db, rebuilt)
    con = duckdb.connect(str(rebuilt))
    try:
        con.execute(
            "update staged.verzuim__counts set absoluut_verzuim_count = 0 "
            "where school_year_start = ?",
            [LAST_YEAR_START],
        )
    finally:
        con.close()
    os.replace(rebuilt, db)
    assert reference(db, LAST_YEAR_START + 1).rates[code]["absoluut_verzuim_count"] == [0.0] * len(
        expected
    )
