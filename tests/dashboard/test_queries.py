"""Every query file runs on the fixture warehouse, returns the columns its header documents,
and never exposes a suppressed numerator or value.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries
from dashboard.db import QUERY_DIR, run_sql
from stats.intervals import value_interval

SQL_FILES = sorted(p for p in QUERY_DIR.glob("*.sql") if not p.stem.startswith("_"))
COUNT_FILES = [p for p in SQL_FILES if "safe.indicator_values" in p.read_text(encoding="utf-8")]


@pytest.fixture(autouse=True)
def _need_warehouse() -> None:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: no warehouse to query (tests/conftest.py sets it)")


def _documented_columns(text: str) -> list[str]:
    header = []
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        header.append(line[2:].strip())
    joined = re.sub(r"\([^)]*\)", "", " ".join(header))  # drop "(explanations)"
    match = re.search(r"Returns:(.*?)(?:\.\s|$|Counts,)", joined)
    assert match, "header has no 'Returns:' line"
    return [c.strip(" .") for c in match.group(1).split(",") if c.strip(" .")]


def _params(text: str) -> dict[str, object]:
    specs = queries.indicator_specs()
    first, second = list(specs)[:2]
    gemeente = queries.regions("gemeente").iloc[0]
    years = list(queries.school_years(first)["school_year"])
    values: dict[str, object] = {
        "indicator_key": first,
        "indicator_keys": [first, second],
        "indicator_x": first,
        "indicator_y": second,
        "region_level": "gemeente",
        "region_code": str(gemeente["region_code"]),
        "region_codes": [str(gemeente["region_code"])],
        "rmc_code": str(gemeente["rmc_code"]),
        "parent_level": "provincie",
        "parent_code": str(gemeente["provincie_code"]),
        "school_year": years[-1],
        "school_years": years[-2:],
        "year_from": years[0],
        "year_to": years[-1],
        "top_n": 5,
    }
    names = set(re.findall(r"\$([a-z_]+)", text))
    missing = names - set(values)
    assert not missing, f"no test value for parameters {missing}"
    return {name: values[name] for name in names}


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_query_returns_documented_columns(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    frame = run_sql(path.stem, **_params(text))
    assert list(frame.columns) == _documented_columns(text)
    assert not frame.empty, f"{path.stem} returned no rows on the fixture warehouse"


@pytest.mark.parametrize("path", COUNT_FILES, ids=lambda p: p.stem)
def test_suppressed_rows_never_expose_numerator_or_value(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    frame = run_sql(path.stem, **_params(text))
    if "is_suppressed" not in frame.columns:
        # an aggregate without the flag: it must not carry a raw numerator at all
        assert "numerator" not in frame.columns, path.stem
        return
    hidden = frame[frame["is_suppressed"].astype(bool)]
    for column in ("numerator", "value", "ci_lower", "ci_upper"):
        if column in hidden.columns:
            assert hidden[column].isna().all(), f"{path.stem}.{column} leaks a small count"


def test_the_fixture_warehouse_has_suppressed_rows_to_check() -> None:
    assert run_sql(
        "level_values",
        indicator_key=list(queries.indicator_specs())[0],
        region_level="gemeente",
        school_year=queries.build_info()["last_school_year"],
    )["is_suppressed"].any()


def test_warehouse_intervals_match_our_statistics() -> None:
    specs = queries.indicator_specs()
    for key, spec in specs.items():
        year = str(queries.school_years(key)["school_year"].iloc[-1])
        frame = queries.level_values(key, "gemeente", year).dropna(subset=["value"])
        lower, upper = value_interval(
            frame["numerator"].astype(float),
            frame["denominator"].astype(float),
            spec.model,
            spec.multiplier,
        )
        assert lower == pytest.approx(frame["ci_lower"].to_numpy(), rel=1e-6, abs=1e-9), key
        assert upper == pytest.approx(frame["ci_upper"].to_numpy(), rel=1e-6, abs=1e-9), key


def test_comparison_set_follows_the_focus_province() -> None:
    key = list(queries.indicator_specs())[0]
    year = str(queries.school_years(key)["school_year"].iloc[-1])
    gemeente = queries.regions("gemeente").iloc[0]
    same = queries.comparison(
        key, "gemeente", year, queries.COMPARE_PROVINCIE, [str(gemeente["region_code"])]
    )
    assert same.mode == queries.COMPARE_PROVINCIE
    assert set(same.in_set["provincie_code"]) == {gemeente["provincie_code"]}
    everyone = queries.comparison(key, "gemeente", year, queries.COMPARE_PROVINCIE, [])
    assert everyone.mode == queries.COMPARE_ALL  # no focus: falls back to all
    assert len(everyone.in_set) == len(queries.regions("gemeente"))
    ranks = everyone.in_set.dropna(subset=["value"]).sort_values("rank")
    assert ranks["value"].is_monotonic_decreasing


def test_geojson_is_parsed_once_into_features_with_region_ids() -> None:
    geojson = queries.region_geojson("gemeente")
    ids = {f["id"] for f in geojson["features"]}
    assert ids == set(queries.regions("gemeente")["region_code"])
    assert isinstance(pd.DataFrame(geojson["features"]), pd.DataFrame)
