"""dashboard.profile_view: Regioprofiel's parts below the trends, built once per selection,
read from the fixture warehouse and checked against the published rows read separately."""

from __future__ import annotations

import os

import pytest

from dashboard import profile_view, queries
from dashboard.db import run_sql


@pytest.fixture(autouse=True)
def _need_warehouse() -> None:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: no warehouse to query (tests/conftest.py sets it)")


def test_the_picker_offers_rmc_regios_then_gemeenten_each_alphabetical() -> None:
    options = profile_view.region_options()
    assert profile_view.region_options() is options
    regions = run_sql("all_regions")
    expected = [
        str(code)
        for level in ("rmc", "gemeente")
        for code in regions[regions["region_level"] == level].sort_values("region_name")[
            "region_code"
        ]
    ]
    assert list(options) == expected
    first = regions.set_index("region_code").loc[expected[0]]
    assert options[expected[0]] == f"{first['region_name']} (RMC-regio)"


def test_a_gemeente_has_its_expected_table_and_an_rmc_regio_none() -> None:
    year = str(queries.build_info()["last_school_year"])
    gemeente = queries.regions("gemeente").iloc[0]
    code = str(gemeente["region_code"])
    part = profile_view.expected_table(code, year)
    assert part is not None and profile_view.expected_table(code, year) is part
    rows = run_sql("expected_region", region_code=code, school_year=year)
    assert list(part.labels) == list(rows["indicator_key"])
    assert list(part.table["Indicator"]) == list(rows["label"])
    assert profile_view.expected_table(str(gemeente["rmc_code"]), year) is None


def test_the_ratio_funnel_has_a_row_per_gemeente_with_a_shown_count() -> None:
    year = str(queries.build_info()["last_school_year"])
    gemeente = queries.regions("gemeente").iloc[0]
    chart = profile_view.expected_funnel(
        str(gemeente["region_code"]), "vsv_pct", "vsv", str(gemeente["region_name"]), year
    )
    points = run_sql("expected_funnel", indicator_key="vsv_pct", school_year=year)
    assert len(chart.table) == len(points)
    assert str(gemeente["region_name"]) in chart.alt_text


def test_the_members_of_an_rmc_regio_in_table_and_on_the_map() -> None:
    rmc = queries.regions("rmc").iloc[0]
    code = str(rmc["region_code"])
    key = str(run_sql("indicators")["indicator_key"].iloc[0])
    year = str(queries.build_info()["last_school_year"])
    part = profile_view.members(code, key, year)
    assert profile_view.members(code, key, year) is part
    members = run_sql("profile_members", rmc_code=code, indicator_key=key, school_year=year)
    assert len(part.table) == len(members)
    assert part.alt_text.startswith("Kaart van ")
    assert part.figure.data, "the map has its regions"
