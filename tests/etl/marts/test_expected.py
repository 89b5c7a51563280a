"""Tests for etl/marts/expected.py: the model recovers the demo's known structural effect, and
the expected-value marts never say anything about a hidden count.

The known effect is the generator's constant (etl.demo.cbs_kerncijfers.BIJSTAND_EFFECT, per
bijstand-ontvanger per 1.000 inhabitants); the standard deviation that turns the mart's
per-SD coefficient into an effect per unit is recomputed here from the harmonised layer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import numpy as np
import pytest
import statsmodels.api as sm

from etl.demo.cbs_kerncijfers import BIJSTAND_EFFECT, VERZUIM_BIJSTAND_EFFECT
from etl.pipeline import build


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


def _bijstand_sd(con: duckdb.DuckDBPyConnection) -> float:
    """Population SD over gemeenten of bijstand per 1.000 in the characteristics year."""
    (sd,) = con.execute(
        "select stddev_pop(1000.0 * c.bijstand_count / c.population_count) "
        "from harmonised.municipality_characteristics c "
        "join marts.regions r "
        "on r.region_level = 'gemeente' and r.region_code = c.municipality_code "
        "where c.year = (select max(characteristics_year) from marts.expected_models)"
    ).fetchone()
    return float(sd)


def _per_unit_intervals(con: duckdb.DuckDBPyConnection, indicator: str) -> list[tuple]:
    return con.execute(
        "select school_year, ci_lower, ci_upper from marts.expected_coefficients "
        "where indicator_key = ? and term = 'bijstand_per_1000' order by school_year",
        [indicator],
    ).fetchall()


@pytest.mark.realdata
@pytest.mark.slow
def test_the_model_recovers_the_known_bijstand_effect(real_structure_warehouse: Path) -> None:
    con = _connect(real_structure_warehouse)
    try:
        sd = _bijstand_sd(con)
        vsv = _per_unit_intervals(con, "vsv_pct")
        relatief = _per_unit_intervals(con, "relatief_verzuim_per_1000")
    finally:
        con.close()
    # one model per indicator: its newest school year (the year every view compares with)
    assert len(vsv) == 1 and len(relatief) == 1
    school_year, lower, upper = vsv[0]
    assert lower / sd <= BIJSTAND_EFFECT <= upper / sd, school_year
    # and the effect is clearly there: the interval excludes no effect at all
    assert lower > 0
    school_year, lower, upper = relatief[0]
    assert lower / sd <= VERZUIM_BIJSTAND_EFFECT <= upper / sd, school_year


def test_expected_values_exist_exactly_for_the_shown_gemeente_counts(
    fixture_warehouse: Path,
) -> None:
    con = _connect(fixture_warehouse)
    try:
        hidden_with_value = con.execute(
            "select count(*) from marts.expected_values e join marts.published_values p "
            "using (indicator_key, region_level, region_code, school_year) where p.flag <> ''"
        ).fetchone()
        shown_without_value = con.execute(
            "select count(*) from marts.published_values p "
            "join marts.expected_models m using (indicator_key, school_year) "
            "where p.region_level = 'gemeente' and p.flag = '' and p.denominator > 0 "
            "and not exists (select 1 from marts.expected_values e where "
            "e.indicator_key = p.indicator_key and e.region_code = p.region_code "
            "and e.school_year = p.school_year)"
        ).fetchone()
        mismatched = con.execute(
            "select count(*) from marts.expected_values e join marts.published_values p "
            "using (indicator_key, region_level, region_code, school_year) "
            "where e.observed <> p.numerator or abs(e.ratio * e.expected - p.numerator) > 1e-6"
        ).fetchone()
        counts = con.execute(
            "select m.gemeenten_used, m.gemeenten_hidden, "
            "(select count(*) from marts.published_values p where p.region_level = 'gemeente' "
            "and p.indicator_key = m.indicator_key and p.school_year = m.school_year and "
            "p.flag <> '') from marts.expected_models m"
        ).fetchall()
    finally:
        con.close()
    assert hidden_with_value == (0,)
    assert shown_without_value == (0,)
    assert mismatched == (0,)
    assert counts and all(hidden == flagged for _, hidden, flagged in counts)


def test_without_kerncijfers_the_build_has_empty_structure_marts(
    demo_raw_dir: Path, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(demo_raw_dir, raw)
    shutil.rmtree(raw / "kerncijfers")
    result = build(raw, tmp_path / "kompas.duckdb")
    assert all(check.passed for check in result.checks)
    con = _connect(result.db_path)
    try:
        for table in (
            "region_characteristics",
            "peer_groups",
            "expected_values",
            "expected_models",
            "expected_coefficients",
        ):
            assert con.execute(f"select count(*) from marts.{table}").fetchone() == (0,), table
    finally:
        con.close()


def test_the_model_follows_from_published_figures_alone(fixture_warehouse: Path) -> None:
    """Refit a Poisson model here from the shown counts and the public characteristics: the
    warehouse's coefficients come out, so they carry nothing about hidden counts."""
    con = _connect(fixture_warehouse)
    try:
        key, year = con.execute(
            "select indicator_key, school_year from marts.expected_models "
            "where family = 'poisson' order by all limit 1"
        ).fetchone()
        cells = con.execute(
            "select p.region_code, p.numerator, p.denominator from marts.published_values p "
            "where p.region_level = 'gemeente' and p.indicator_key = ? and p.school_year = ? "
            "and p.flag = '' order by p.region_code",
            [key, year],
        ).df()
        z = con.execute(
            "pivot (select region_code, characteristic_key, z from marts.region_characteristics "
            "where region_level = 'gemeente') on characteristic_key using first(z) "
            "order by region_code"
        ).df()
        stored = con.execute(
            "select term, coefficient from marts.expected_coefficients "
            "where indicator_key = ? and school_year = ?",
            [key, year],
        ).fetchall()
    finally:
        con.close()
    data = cells.merge(z, on="region_code", validate="1:1")
    terms = ["inwoners", "bevolkingsdichtheid", "aandeel_15_24", "bijstand_per_1000"]
    design = sm.add_constant(data[terms].to_numpy(dtype=float))
    model = sm.GLM(
        data["numerator"].to_numpy(dtype=float),
        design,
        family=sm.families.Poisson(),
        offset=np.log(data["denominator"].to_numpy(dtype=float)),
    ).fit()
    refit = dict(zip(["intercept", *terms], model.params, strict=True))
    for term, coefficient in stored:
        assert coefficient == pytest.approx(refit[term], abs=1e-8), term
