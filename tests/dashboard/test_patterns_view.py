"""dashboard.patterns_view: the Patronen charts built once per selection and shared."""

from __future__ import annotations

import os

import pytest

from dashboard import patterns_view
from dashboard.db import current_handle


@pytest.fixture(autouse=True)
def _need_warehouse() -> None:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: no warehouse to query (tests/conftest.py sets it)")


def _one(query: str) -> list[tuple]:
    cursor = current_handle().con.cursor()
    try:
        return cursor.execute(query).fetchall()
    finally:
        cursor.close()


def test_a_selection_is_built_once_and_holds_a_row_per_region() -> None:
    ((key,),) = _one("select indicator_key from db.marts.indicators order by sort_order limit 1")
    ((provincies,),) = _one(
        "select count(*) from db.marts.regions where region_level = 'provincie'"
    )
    first = patterns_view.heatmap("provincie", key, "")
    assert patterns_view.heatmap("provincie", key, "") is first
    assert len(first.table) == provincies
    assert first.alt_text.startswith("Heatmap van ")


def test_the_heatmap_is_drawn_as_tall_as_its_rows() -> None:
    ((key,),) = _one("select indicator_key from db.marts.indicators order by sort_order limit 1")
    ((gemeenten,),) = _one("select count(*) from db.marts.regions where region_level = 'gemeente'")
    chart = patterns_view.heatmap("gemeente", key, "")
    # charts_patterns.heatmap: 24 px a row and 110 px for the years, margins and bar
    assert chart.size == (patterns_view.CHART_WIDTH, 24 * gemeenten + 110)
