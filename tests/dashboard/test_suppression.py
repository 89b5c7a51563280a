"""Small counts cannot be recovered by subtracting shown gemeenten from a group total."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.suppression import GROUPINGS, suppressed_gemeenten


def _frame(numerators: list[int], rmcs: list[str], provincies: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_key": "x",
            "school_year": "2023-2024",
            "region_code": [f"GM{i:04d}" for i in range(len(numerators))],
            "rmc_code": rmcs,
            "provincie_code": provincies,
            "numerator": numerators,
            "denominator": [1000] * len(numerators),
        }
    )


def test_a_lone_small_count_takes_the_next_smallest_with_it() -> None:
    frame = _frame([3, 40, 12, 90], ["MC01"] * 4, ["PV20", "PV20", "PV21", "PV21"])
    hidden = set(suppressed_gemeenten(frame, 5)["region_code"])
    # GM0000 is small; GM0002 (12) is the smallest other member of MC01; that leaves PV20 and
    # PV21 each with one hidden member, so GM0001 and GM0003 go too.
    assert hidden == {"GM0000", "GM0001", "GM0002", "GM0003"}


def test_nothing_small_hides_nothing() -> None:
    frame = _frame([30, 40, 12, 90], ["MC01"] * 4, ["PV20"] * 4)
    assert suppressed_gemeenten(frame, 5).empty


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 60),
            st.sampled_from(["MC01", "MC02", "MC03"]),
            st.sampled_from(["PV20", "PV21"]),
        ),
        min_size=2,
        max_size=25,
    )
)
def test_no_group_is_left_with_exactly_one_hidden_member(
    rows: list[tuple[int, str, str]],
) -> None:
    frame = _frame([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    hidden = set(suppressed_gemeenten(frame, 5)["region_code"])
    frame["hidden"] = frame["region_code"].isin(hidden)
    assert frame.loc[frame["numerator"] < 5, "hidden"].all()
    for grouping in GROUPINGS:
        for _, group in frame.groupby(grouping):
            assert group["hidden"].sum() != 1 or len(group) == 1
