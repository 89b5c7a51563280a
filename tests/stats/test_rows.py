"""stats.rows.records: a frame's rows as dicts, as DataFrame.to_dict("records") gives them."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from stats.rows import records


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "school_year": pd.array(["2022-2023", None], dtype="str"),
            "numerator": pd.array([12, None], dtype="Int64"),
            "denominator": np.array([400, 380], dtype="int32"),
            "value": [3.0, np.nan],
            "is_estimate": [False, True],
        }
    )


def test_rows_hold_python_values_and_none_for_a_missing_nullable_value() -> None:
    first, second = records(_frame())
    assert first == {
        "school_year": "2022-2023",
        "numerator": 12,
        "denominator": 400,
        "value": 3.0,
        "is_estimate": False,
    }
    assert type(first["numerator"]) is int and type(first["denominator"]) is int
    assert type(first["is_estimate"]) is bool
    # a missing number of a nullable column is None; a missing float or string stays NaN
    assert second["numerator"] is None
    assert math.isnan(second["value"]) and math.isnan(second["school_year"])
    assert second["denominator"] == 380 and second["is_estimate"] is True


def test_only_the_asked_columns_in_that_order() -> None:
    assert records(_frame(), ["is_estimate", "denominator"]) == [
        {"is_estimate": False, "denominator": 400},
        {"is_estimate": True, "denominator": 380},
    ]


def test_no_columns_gives_an_empty_dict_per_row_and_no_rows_nothing() -> None:
    assert records(_frame(), []) == [{}, {}]
    assert records(_frame().iloc[:0]) == []
