"""The marts built by the real pipeline from the seeded fictional demo equal the reviewed golden
files in tests/fixtures/expected/marts (regenerate with `pytest --update-golden`, then review
the diff). Geometry is compared by shape count and ring orientation, not byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

EXPECTED = Path(__file__).resolve().parents[2] / "fixtures" / "expected" / "marts"

QUERIES = {
    "indicators": "select * exclude (trend_breaks, sum_of), array_to_string(trend_breaks, '|') "
    "as trend_breaks, array_to_string(sum_of, '|') as sum_of from marts.indicators "
    "order by sort_order",
    "regions": "select * exclude (geometry_geojson, is_demo) from marts.regions "
    "order by region_level, region_code",
    "indicator_values_aggregates": (
        "select indicator_key, region_level, region_code, school_year, numerator, denominator, "
        "round(value, 6) as value, round(ci_lower, 6) as ci_lower, "
        "round(ci_upper, 6) as ci_upper, status, is_suppressed from marts.indicator_values "
        "where region_level <> 'gemeente' "
        "order by indicator_key, region_level, region_code, school_year"
    ),
    "indicator_values_gemeente_counts": (
        "select indicator_key, school_year, count(*) as regions, sum(numerator) as numerator, "
        "sum(denominator) as denominator, count(*) filter (where is_suppressed) as suppressed "
        "from marts.indicator_values where region_level = 'gemeente' "
        "group by all order by all"
    ),
    "peer_groups": (
        "select region_level, region_code, peer_rank, peer_code, round(distance, 6) as distance, "
        "most_similar_key, most_different_key, reason from marts.peer_groups "
        "where peer_rank <= 3 order by region_level, region_code, peer_rank"
    ),
    "expected_models": (
        "select m.indicator_key, m.school_year, m.family, m.gemeenten_used, m.gemeenten_hidden, "
        "round(m.deviance, 4) as deviance, round(m.pearson_dispersion, 4) as dispersion, "
        "round(c.coefficient, 4) as bijstand_coefficient, round(sum(e.expected), 3) as expected, "
        "sum(e.observed) as observed from marts.expected_models m "
        "join marts.expected_coefficients c using (indicator_key, school_year) "
        "join marts.expected_values e using (indicator_key, school_year) "
        "where c.term = 'bijstand_per_1000' group by all order by all"
    ),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_mart_matches_golden(
    name: str, fixture_warehouse: Path, request: pytest.FixtureRequest
) -> None:
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    actual = con.execute(QUERIES[name]).df()
    con.close()
    path = EXPECTED / f"{name}.csv"
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        actual.to_csv(path, index=False)
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    got = pd.read_csv(
        pd.io.common.StringIO(actual.to_csv(index=False)), dtype=str, keep_default_na=False
    )
    pd.testing.assert_frame_equal(got, expected)


def test_every_shape_is_a_clockwise_polygon(fixture_warehouse: Path) -> None:
    from shapely.geometry import shape

    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    rows = con.execute(
        "select region_code, geometry_geojson from marts.regions where region_level <> 'nederland'"
    ).fetchall()
    con.close()
    assert rows
    for code, text in rows:
        geometry = shape(json.loads(text))
        polygons = getattr(geometry, "geoms", [geometry])
        for polygon in polygons:
            assert not polygon.exterior.is_ccw, f"{code}: exterior ring is counter-clockwise"
