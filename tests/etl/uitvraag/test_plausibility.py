"""The plausibility rule as a pure function: flags at the documented edges, none where either
year is missing, Dutch questions."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.uitvraag.plausibility import Flag, flag_jumps, is_large_jump


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
