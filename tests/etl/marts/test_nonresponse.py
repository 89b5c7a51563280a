"""Non-response: a build by the real pipeline from the demo raw dir with gemeenten removed.

2022-2023: Brakveen (GM9101) and Velderwijk (GM9102) of RMC-regio MC51 sent nothing;
2021-2022: none of the six gemeenten of MC55 did. Expected values are computed here by hand
from the raw template and the published denominators (inhabitants 5-17), following
docs/nonresponse.md: estimate = observed count x inhabitants of all gemeenten / inhabitants of
the responding gemeenten, per RMC-regio; provincie and Nederland are sums of those.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from tests.conftest_helpers import duo_regions, run_etl
from tests.etl.disclosure.attacker import attack, too_narrow
from tests.etl.disclosure.test_publish import COLUMNS, IDENTITIES

TEMPLATE = "verzuim/kompas_verzuim_2016-2017_tm_2022-2023.csv"


@pytest.fixture
def missing_raw(nonresponse_raw: Path) -> Path:
    return nonresponse_raw


@pytest.fixture
def warehouse(nonresponse_warehouse: Path) -> Path:
    return nonresponse_warehouse


KEY = "absoluut_verzuim_per_1000"


def _rows(db: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def _by_hand(missing_raw: Path, warehouse: Path, year: str) -> pd.DataFrame:
    """Per gemeente of the indeling: RMC-regio, count (NaN when missing) and inhabitants 5-17
    (the published denominator of its row). 2022-2023 takes the counts from the template
    (no herindeling after it); earlier years from the harmonised gemeente rows."""
    if year == "2022-2023":
        template = pd.read_csv(missing_raw / TEMPLATE, sep=";", encoding="utf-8-sig", dtype=str)
        template = template[template["schooljaar"] == year]
        counts = template.set_index("gemeentecode")["absoluut_verzuim"].astype(float)
    else:
        counts = (
            _rows(
                warehouse,
                "select region_code, numerator from marts.indicator_values "
                f"where indicator_key = '{KEY}' and region_level = 'gemeente' "
                f"and school_year = '{year}'",
            )
            .set_index("region_code")["numerator"]
            .astype(float)
        )
    gemeenten = _rows(
        warehouse,
        "select region_code, denominator from marts.published_values "
        f"where indicator_key = '{KEY}' and region_level = 'gemeente' and school_year = '{year}'",
    ).set_index("region_code")["denominator"]
    regions = duo_regions(missing_raw).set_index("gemeente")
    frame = regions.loc[gemeenten.index].assign(population=gemeenten.astype(float))
    frame["count"] = counts.reindex(frame.index)
    return frame


def _truth(warehouse: Path, year: str) -> pd.DataFrame:
    return _rows(
        warehouse,
        f"select * from marts.indicator_values where indicator_key = '{KEY}' "
        f"and school_year = '{year}'",
    ).set_index("region_code")


def test_rmc_and_nederland_totals_are_ratio_estimates(missing_raw: Path, warehouse: Path) -> None:
    hand = _by_hand(missing_raw, warehouse, "2022-2023")
    truth = _truth(warehouse, "2022-2023")
    mc51 = hand[hand["rmc_code"] == "MC51"]
    answered = mc51[mc51["count"].notna()]
    expected_51 = answered["count"].sum() * mc51["population"].sum() / answered["population"].sum()
    others = hand[hand["rmc_code"] != "MC51"]
    assert others["count"].notna().all()
    expected_nl = expected_51 + others["count"].sum()

    assert truth.loc["MC51", "estimated_count"] == pytest.approx(expected_51, rel=1e-12)
    assert truth.loc["MC51", "numerator"] == round(expected_51)
    assert truth.loc["NL01", "estimated_count"] == pytest.approx(expected_nl, rel=1e-12)
    assert truth.loc["NL01", "numerator"] == round(expected_nl)
    assert truth.loc["MC51", "denominator"] == mc51["population"].sum()
    assert truth.loc["MC51", "value"] == pytest.approx(
        round(expected_51) / mc51["population"].sum() * 1000
    )
    assert bool(truth.loc["MC51", "is_estimate"]) and bool(truth.loc["NL01", "is_estimate"])
    assert pd.isna(truth.loc["MC51", "ci_lower"])
    assert (truth.loc["MC51", "gemeenten_responding"], truth.loc["MC51", "gemeenten_total"]) == (
        4,
        6,
    )
    assert truth.loc["MC51", "response_rate"] == pytest.approx(4 / 6)
    assert truth.loc["MC51", "response_denominator_share"] == pytest.approx(
        answered["population"].sum() / mc51["population"].sum()
    )
    assert truth.loc["NL01", "response_rate"] == pytest.approx(40 / 42)
    # an RMC-regio of another provincie with every gemeente: the plain sum, no estimate
    mc53 = hand[hand["rmc_code"] == "MC53"]
    assert truth.loc["MC53", "numerator"] == mc53["count"].sum()
    assert not bool(truth.loc["MC53", "is_estimate"])


def test_an_rmc_without_any_opgave_has_no_value_and_its_provincie_borrows(
    missing_raw: Path, warehouse: Path
) -> None:
    hand = _by_hand(missing_raw, warehouse, "2021-2022")
    truth = _truth(warehouse, "2021-2022")
    assert pd.isna(truth.loc["MC55", "numerator"])
    assert truth.loc["MC55", "gemeenten_responding"] == 0
    (provincie,) = set(hand[hand["rmc_code"] == "MC55"]["provincie"])
    mine = hand[hand["provincie"] == provincie]
    answered = mine[mine["count"].notna()]
    assert set(answered["rmc_code"]) == {"MC56"}
    # the stratum MC55 borrows the ratio of the responding gemeenten of its provincie (MC56)
    expected = answered["count"].sum() * mine["population"].sum() / answered["population"].sum()
    code = truth[truth["region_level"] == "provincie"].index
    estimate = truth.loc[code[truth.loc[code, "is_estimate"].to_numpy(dtype=bool)]]
    assert len(estimate) == 1
    assert estimate["estimated_count"].iloc[0] == pytest.approx(expected, rel=1e-12)
    published = _rows(
        warehouse,
        "select region_code, flag from marts.published_values "
        f"where indicator_key = '{KEY}' and school_year = '2021-2022' and region_code = 'MC55'",
    )
    assert published["flag"].tolist() == ["no_submission"]


def test_a_gemeente_without_opgave_has_no_count(warehouse: Path) -> None:
    rows = _rows(
        warehouse,
        "select indicator_key, numerator, value, flag, gemeenten_responding "
        "from marts.published_values where region_code = 'GM9101' and school_year = '2022-2023' "
        "and source_key = 'verzuim'",
    )
    assert len(rows) == 7
    assert rows["numerator"].isna().all() and rows["value"].isna().all()
    assert set(rows["flag"]) == {"no_submission"}
    assert set(rows["gemeenten_responding"]) == {0}


def test_publication_keeps_its_columns_and_says_geschat_and_geen_opgave_beside_it(
    warehouse: Path, tmp_path: Path
) -> None:
    result = run_etl("publish", "--db", str(warehouse), "--out", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    frame = pd.read_csv(tmp_path / "publicatie.csv", keep_default_na=False, dtype=str)
    assert list(frame.columns) == COLUMNS
    assert "no_submission" not in set(frame["flag"])
    response = pd.read_csv(tmp_path / "respons.csv", keep_default_na=False, dtype=str)
    note = response.set_index(["indicator_key", "region_code", "school_year"])["toelichting"]
    assert note[(KEY, "GM9101", "2022-2023")] == "geen opgave"
    assert note[(KEY, "MC51", "2022-2023")] == "geschat; respons 4 van 6 gemeenten (67 %)"
    assert note[(KEY, "NL01", "2022-2023")] == "geschat; respons 40 van 42 gemeenten (95 %)"
    assert note[(KEY, "MC51", "2021-2022")] == ""


def test_an_attacker_with_the_publication_learns_nothing_beyond_the_labels(
    warehouse: Path, tmp_path: Path
) -> None:
    run_etl("publish", "--db", str(warehouse), "--out", str(tmp_path))
    frame = pd.read_csv(tmp_path / "publicatie.csv", keep_default_na=False)
    frame["numerator"] = pd.to_numeric(frame["numerator"], errors="coerce")
    response = pd.read_csv(tmp_path / "respons.csv", keep_default_na=False, dtype=str)
    weights = pd.read_csv(tmp_path / "schattingsgewichten.csv")
    flagged = response[response["is_estimate"].str.lower() == "true"]
    estimates = set(
        zip(flagged["indicator_key"], flagged["region_code"], flagged["school_year"], strict=True)
    )
    assert (KEY, "NL01", "2022-2023") in estimates
    keys = [*IDENTITIES, *IDENTITIES["thuiszitters_per_1000"]]
    group = frame[frame["indicator_key"].isin(keys)]
    years = {"2021-2022", "2022-2023"}
    group = group[group["school_year"].isin(years)]
    mine = weights[weights["indicator_key"].isin(keys) & weights["school_year"].isin(years)]
    ranges = attack(group, 5, IDENTITIES, None, False, estimates, mine)
    forced = attack(group, 5, IDENTITIES, None, True, estimates, mine)
    assert (ranges["region_code"].str.startswith("GM")).any()
    assert too_narrow(ranges, forced).empty
