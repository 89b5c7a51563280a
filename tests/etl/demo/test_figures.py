"""Demo figures read back from the written files: published magnitudes, the merger,
the provisional newest year, CBS rounding, noise and outliers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from etl.demo.generator import DemoSummary
from etl.pipeline import build
from etl.raw.load import RawLoad
from tests.etl.demo.readback import population_frame, verzuim_frame, vsv_frame

MODES = ["fictional_load", "real_load"]


def _load(request: pytest.FixtureRequest, name: str) -> RawLoad:
    return request.getfixturevalue(name)


def _gm(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["region"].str.startswith("GM")]


def _per_thousand(load: RawLoad) -> pd.DataFrame:
    """National verzuim counts per 1.000 inhabitants aged 5-17 on 1 January in the school year."""
    pop = population_frame(load)
    gm = _gm(pop)
    kids = (
        gm[gm["age"].between(5, 17)]
        .groupby(["region", "year"])["value"]
        .sum()
        .rename("kids")
        .reset_index()
    )
    verzuim = verzuim_frame(load)
    verzuim["year"] = verzuim["start"] + 1
    joined = verzuim.merge(kids, left_on=["code", "year"], right_on=["region", "year"])
    assert len(joined) == len(verzuim)
    totals = joined.groupby("start").sum(numeric_only=True)
    return totals.div(totals["kids"], axis=0) * 1000


def test_load_raw_reads_both_modes(request: pytest.FixtureRequest) -> None:
    for name in MODES:
        load = _load(request, name)
        assert not load.ignored
        assert {r.source_key for r in load.files} == {
            "duo",
            "cbs_grenzen",
            "rvig",
            "cbs_bevolking",
            "cbs_vsv",
            "cbs_kerncijfers",
            "verzuim",
        }


def test_national_cbs_vsv_magnitudes_and_trend_break(real_load: RawLoad) -> None:
    vsv = vsv_frame(real_load)
    nl = vsv[vsv["region"] == "NL01"].set_index("start").sort_index()
    assert list(nl.index) == list(range(2016, 2025))
    assert nl["Leerlingen_1"].between(1_280_000, 1_350_000).all()
    pct = nl["VoortijdigSchoolverlatersPercentage_4"]
    assert pct.between(2.15, 2.85).all()
    assert pct[2019] < 0.95 * pct[2018]  # landelijke definitie from 2019-2020


@pytest.mark.parametrize("mode", MODES)
def test_gemeente_vsv_rates_spread_with_noise(mode: str, request: pytest.FixtureRequest) -> None:
    vsv = _gm(vsv_frame(_load(request, mode)))
    pct = vsv["VoortijdigSchoolverlatersPercentage_4"].dropna()
    assert 0.7 <= pct.quantile(0.05) <= 1.8
    assert 3.0 <= pct.quantile(0.95) <= 5.0


def test_population_magnitudes(real_load: RawLoad) -> None:
    pop = population_frame(real_load)
    gm = _gm(pop)
    totals = gm[gm["Leeftijd"].str.strip() == "10000"].dropna(subset=["value"])
    by_year = totals.groupby("year")["value"]
    assert list(by_year.sum().index) == list(range(2016, 2026))
    assert by_year.sum().between(16_800_000, 18_100_000).all()
    assert by_year.sum()[2025] >= 17_500_000
    assert by_year.min().between(800, 1_200).all()
    assert by_year.max().between(800_000, 1_000_000).all()
    ages = set(pop["age"].dropna().astype(int))
    assert set(range(26)) <= ages


@pytest.mark.parametrize("mode", MODES)
def test_national_verzuim_per_thousand(mode: str, request: pytest.FixtureRequest) -> None:
    rates = _per_thousand(_load(request, mode))
    absoluut = rates["absoluut_verzuim"]
    assert absoluut.between(1.2, 5.8).all()
    assert absoluut[2021] > 1.4 * absoluut[2020]  # the 2021-2022 jump
    assert absoluut[2024] > absoluut[2016]
    assert rates["relatief_verzuim_16_uur"].between(18, 32).all()
    assert rates["relatief_verzuim_luxe"].between(2.5, 8.5).all()
    # the Leerplichttelling total: every 16-uur pupil plus part of the luxe pupils, never the sum
    total = rates["relatief_verzuim"]
    assert (total > rates["relatief_verzuim_16_uur"]).all()
    assert (total < rates["relatief_verzuim_16_uur"] + rates["relatief_verzuim_luxe"]).all()
    assert total.between(19, 34).all()
    assert rates["relatief_verzuim_signaal_overig"].between(4, 13).all()
    assert rates["langdurig_relatief_verzuim"].between(1.0, 1.9).all()
    assert rates["vrijstelling_5a"].between(1.8, 3.4).all()


def test_relatief_total_bounds_hold_per_gemeente(real_load: RawLoad) -> None:
    """Per row: 16-uur <= relatief total <= 16-uur + luxe (each pupil counted once)."""
    verzuim = verzuim_frame(real_load)
    total, zestien = verzuim["relatief_verzuim"], verzuim["relatief_verzuim_16_uur"]
    assert (zestien <= total).all()
    assert (total <= zestien + verzuim["relatief_verzuim_luxe"]).all()
    assert (total < zestien + verzuim["relatief_verzuim_luxe"]).mean() > 0.5


def test_small_counts_and_empty_cells_occur(real_load: RawLoad) -> None:
    verzuim = verzuim_frame(real_load)
    absoluut = verzuim["absoluut_verzuim"]
    assert ((absoluut > 0) & (absoluut < 5)).mean() > 0.05
    assert verzuim["vrijstelling_5b"].isna().any()
    assert verzuim["leerplichtigen"].notna().all()


@pytest.mark.parametrize("mode", MODES)
def test_a_few_gemeenten_stand_out_beyond_funnel_limits(
    mode: str, request: pytest.FixtureRequest
) -> None:
    vsv = vsv_frame(_load(request, mode))
    newest = vsv[vsv["start"] == vsv["start"].max()]
    nl = newest[newest["region"] == "NL01"].iloc[0]
    p0 = nl["VoortijdigSchoolverlaters_2"] / nl["Leerlingen_1"]
    gm = _gm(newest).dropna(subset=["VoortijdigSchoolverlaters_2"])
    n = gm["Leerlingen_1"]
    p = gm["VoortijdigSchoolverlaters_2"] / n
    limit = 3.09 * np.sqrt(p0 * (1 - p0) / n)  # 99.8 % funnel
    above = (p - p0 > limit + 5 / n).sum()  # beyond rounding to tens as well
    assert 1 <= above <= 0.35 * len(gm)


@pytest.mark.parametrize("mode", MODES)
def test_newest_year_is_provisional(mode: str, request: pytest.FixtureRequest) -> None:
    load = _load(request, mode)
    periods = load.tables["raw.cbs_vsv__periods"].set_index("Key")["Status"]
    assert periods["2024SJ00"] == "Voorlopig"
    assert (periods.drop("2024SJ00") == "Definitief").all()
    verzuim = verzuim_frame(load)
    status = verzuim.groupby("start")["status"].unique()
    assert list(status[2024]) == ["voorlopig"]
    assert all(list(status[y]) == ["definitief"] for y in range(2016, 2024))


@pytest.mark.parametrize("mode", MODES)
def test_cbs_totals_differ_from_gemeente_sums_only_by_rounding(
    mode: str, request: pytest.FixtureRequest
) -> None:
    load = _load(request, mode)
    vsv = vsv_frame(load)
    counts = ["Leerlingen_1", "VoortijdigSchoolverlaters_2"]
    assert (vsv[counts].stack().dropna() % 10 == 0).all()
    duo = load.tables["raw.duo__school_addresses"]
    rmc_of = dict(zip("GM" + duo["GEMEENTENUMMER"], "MC" + duo["RMC-REGIO CODE"], strict=True))
    differences = 0
    for start, year in vsv.groupby("start"):
        gm = _gm(year)
        groups = {"NL01": gm}
        if set(gm.dropna(subset=["Leerlingen_1"])["region"]) == set(rmc_of):  # boundary indeling
            groups.update(dict(list(gm.groupby(gm["region"].map(rmc_of)))))
        for region, members in groups.items():
            total = year.loc[year["region"] == region, "Leerlingen_1"].iloc[0]
            published = members["Leerlingen_1"].dropna()
            assert abs(published.sum() - total) <= 5 * len(published) + 5, (region, start)
            differences += published.sum() != total
    assert differences > 0


def test_merger_old_codes_before_new_code_after(request: pytest.FixtureRequest) -> None:
    cases = {
        "fictional_load": (("GM9801", "GM9802", "GM9803"), "GM9900", 2021),
        "real_load": (("GM0003", "GM0010", "GM0024"), "GM1979", 2021),
    }
    for mode, (old, new, effective) in cases.items():
        load = _load(request, mode)
        vsv = vsv_frame(load).dropna(subset=["Leerlingen_1"])
        # school year Y/Y+1 follows the indeling of 1 January Y+1
        for code in old:
            assert set(vsv.loc[vsv["region"] == code, "start"]) == set(range(2016, effective - 1))
        assert set(vsv.loc[vsv["region"] == new, "start"]) == set(range(effective - 1, 2025))
        pop = population_frame(load).dropna(subset=["value"])
        for code in old:
            assert set(pop.loc[pop["region"] == code, "year"]) == set(range(2016, effective))
        assert set(pop.loc[pop["region"] == new, "year"]) == set(range(effective, 2026))
        verzuim = verzuim_frame(load)
        for code in old:
            assert set(verzuim.loc[verzuim["code"] == code, "start"]) == set(
                range(2016, effective - 1)
            )
        assert set(verzuim.loc[verzuim["code"] == new, "start"]) == set(range(effective - 1, 2025))


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["fictional", "real"])
def test_pipeline_builds_the_demo_with_all_checks_passing(
    mode: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    summary: DemoSummary = request.getfixturevalue(mode)
    result = build(summary.raw_dir, tmp_path / "kompas.duckdb")
    assert result.is_demo
    assert result.boundary_year == summary.boundary_year
    assert result.checks and all(check.passed for check in result.checks)
