"""Tests for dashboard/queries_structure.py on the fixture warehouse: peer groups and expected
values as the pages receive them, checked against the published figures read separately."""

from __future__ import annotations

import os

import pytest

from dashboard import queries, queries_structure
from dashboard.db import run_sql


@pytest.fixture(autouse=True)
def _need_warehouse() -> None:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: no warehouse to query (tests/conftest.py sets it)")


def test_peer_groups_of_a_gemeente_and_of_an_rmc_regio() -> None:
    gemeente = queries.regions("gemeente").iloc[0]
    peers = queries.peer_groups("gemeente", str(gemeente["region_code"]))
    assert peers["peer_rank"].tolist() == list(range(1, 11))
    assert str(gemeente["region_code"]) not in set(peers["peer_code"])
    assert set(peers["peer_code"]) <= set(queries.regions("gemeente")["region_code"])
    rmc = queries.peer_groups("rmc", str(gemeente["rmc_code"]))
    assert len(rmc) == len(queries.regions("rmc")) - 1
    assert queries.peer_groups("provincie", str(gemeente["provincie_code"])).empty


def test_expected_values_only_for_indicators_shown_for_the_gemeente() -> None:
    year = str(queries.build_info()["last_school_year"])
    for code in queries.regions("gemeente")["region_code"].head(8):
        expected = queries_structure.expected_region(str(code), year)
        shown = run_sql("profile_series", region_level="gemeente", region_code=str(code)).query(
            "school_year == @year"
        )
        hidden = set(shown.loc[shown["flag"] != "", "indicator_key"])
        assert not hidden & set(expected["indicator_key"]), code
        merged = expected.merge(
            shown[["indicator_key", "numerator"]], on="indicator_key", validate="1:1"
        )
        assert (merged["observed"] == merged["numerator"]).all()


def test_funnel_points_and_fit_of_the_newest_school_year() -> None:
    year = str(queries.build_info()["last_school_year"])
    fit = queries_structure.expected_fit(year)
    assert set(fit["term"]) == {
        "intercept",
        "inwoners",
        "bevolkingsdichtheid",
        "aandeel_15_24",
        "bijstand_per_1000",
    }
    points = queries_structure.expected_funnel("vsv_pct", year)
    used = fit.loc[fit["indicator_key"] == "vsv_pct", "gemeenten_used"].iloc[0]
    assert len(points) == used
    assert (points["ratio_ci_lower"] <= points["ratio"]).all()
