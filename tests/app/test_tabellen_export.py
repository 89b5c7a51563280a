"""Tabellen en export: the selection drives the table; links restore it; downloads offered."""

from __future__ import annotations

import pytest

from tests.app.explore_helpers import no_exception, notices, page, sql, via_app

PAGE = "tabellen_export"


@pytest.fixture(scope="module")
def years() -> list[str]:
    return sql("select distinct school_year from marts.indicator_values order by 1")[
        "school_year"
    ].tolist()


@pytest.fixture(scope="module")
def keys() -> list[str]:
    return sql("select indicator_key from marts.indicators order by sort_order")[
        "indicator_key"
    ].tolist()


def table(at):
    return at.dataframe[0].value


def test_default_is_first_indicator_for_every_rmc_in_the_last_two_years(
    keys: list[str], years: list[str]
) -> None:
    at = page(PAGE)
    no_exception(at)
    shown = table(at)
    rmcs = sql("select count(*) as n from marts.regions where region_level = 'rmc'")["n"].iloc[0]
    # every RMC-regio and the Nederland row, for each of the two school years
    assert len(shown) == (rmcs + 1) * 2
    assert list(shown["Regiocode"]).count("NL01") == 2
    assert set(shown["Indicatorcode"]) == {keys[0]}
    assert {y.rstrip("*") for y in shown["Schooljaar"]} == set(years[-2:])
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == [
        "Download als CSV (Excel, puntkomma)",
        "Download als Excel-bestand (XLSX)",
        "Download tabellenset OCW (XLSX)",
        "Download verantwoording tabellenset OCW (PDF)",
    ]


def test_level_regions_indicators_and_years_change_the_table(
    keys: list[str], years: list[str]
) -> None:
    small = sql(
        "select region_code, region_name, indicator_key, school_year, numerator "
        "from marts.published_values where region_level = 'gemeente' and flag = 'primary' "
        "order by region_code limit 1"
    ).iloc[0]
    # the oracle reads the build's stored decision: a gemeente shown for the same cell
    other = sql(
        "select region_code from marts.published_values where region_level = 'gemeente' "
        "and flag = '' and indicator_key = ? and school_year = ? order by region_code limit 1",
        [small["indicator_key"], small["school_year"]],
    )["region_code"].iloc[0]
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__level").select("gemeente").run()
    at.multiselect(key=f"{PAGE}__regions").select(small["region_code"]).select(other).run()
    at.multiselect(key=f"{PAGE}__indicators").set_value([small["indicator_key"]]).run()
    at.multiselect(key=f"{PAGE}__years").set_value([small["school_year"]]).run()
    no_exception(at)
    shown = table(at)
    # the two chosen gemeenten and, first, the Nederland row they are compared with
    assert list(shown["Regiocode"])[0] == "NL01"
    assert sorted(shown["Regiocode"][1:]) == sorted([small["region_code"], other])
    hidden = shown[shown["Regiocode"] == small["region_code"]].iloc[0]
    assert hidden["Teller"] == "<5" and hidden["Waarde"] == "–" and hidden["Onderdrukt"] == "ja"
    visible = sql(
        "select value, decimals from marts.indicator_values join marts.indicators "
        "using (indicator_key) where region_code = ? and indicator_key = ? and school_year = ?",
        [other, small["indicator_key"], small["school_year"]],
    ).iloc[0]
    row = shown[shown["Regiocode"] == other].iloc[0]
    expected = f"{round(visible['value'], int(visible['decimals'])):.{int(visible['decimals'])}f}"
    assert row["Waarde"] == expected.replace(".", ",")


def test_empty_selection_asks_for_a_choice() -> None:
    at = page(PAGE)
    at.multiselect(key=f"{PAGE}__indicators").set_value([]).run()
    no_exception(at)
    assert "minstens één indicator" in notices(at)
    assert not at.dataframe
    # only the fixed OCW table set stays on offer: it needs no selection
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == [
        "Download tabellenset OCW (XLSX)",
        "Download verantwoording tabellenset OCW (PDF)",
    ]


def test_deep_link_restores_the_selection(keys: list[str], years: list[str]) -> None:
    provincies = sql(
        "select region_code from marts.regions where region_level = 'provincie' order by 1"
    )["region_code"].tolist()
    at = page(
        PAGE,
        indicatoren=f"{keys[1]}~{keys[2]}",
        niveau="provincie",
        regios=provincies[0],
        jaren=years[0],
    )
    no_exception(at)
    assert at.multiselect(key=f"{PAGE}__indicators").value == [keys[1], keys[2]]
    assert at.selectbox(key=f"{PAGE}__level").value == "provincie"
    assert at.multiselect(key=f"{PAGE}__regions").value == [provincies[0]]
    shown = table(at)
    assert len(shown) == 2 * 2  # two indicators, for the provincie and for Nederland
    assert set(shown["Regiocode"]) == {provincies[0], "NL01"}
    assert set(shown["Schooljaar"]) == {years[0]}


def test_unknown_link_values_are_dropped_with_a_notice(keys: list[str]) -> None:
    at = page(PAGE, indicatoren=f"{keys[0]}~bestaat_niet", niveau="rmc", regios="MC99~GM0001")
    no_exception(at)
    text = notices(at)
    assert "bestaat_niet" in text and "MC99" in text
    assert at.multiselect(key=f"{PAGE}__indicators").value == [keys[0]]
    assert at.multiselect(key=f"{PAGE}__regions").value == []


def test_the_app_routes_to_the_page() -> None:
    at = via_app(PAGE)
    no_exception(at)
    assert at.title[0].value == "Tabellen en export"
    assert len(at.dataframe) == 1
