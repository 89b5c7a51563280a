"""Regioprofiel: region picker, deep links, shared region, member table and map (AppTest)."""

from __future__ import annotations

import math

import pytest

from dashboard.charts import VERMILLION
from tests.app.conftest import readable
from tests.app.explore_helpers import (
    SVG,
    chart_images,
    inline_charts,
    markers,
    no_exception,
    notices,
    page,
    sql,
    titles,
    via_app,
)

PAGE = "regioprofiel"


@pytest.fixture(scope="module")
def gemeente() -> dict:
    """A gemeente with its RMC-regio (the first by name, so the choice is stable)."""
    row = sql(
        "select region_code, region_name, rmc_code, rmc_name from marts.regions "
        "where region_level = 'gemeente' order by region_name limit 1"
    )
    return row.iloc[0].to_dict()


def test_default_is_an_rmc_regio_with_all_indicators_and_a_map() -> None:
    at = page(PAGE)
    no_exception(at)
    indicators = sql("select count(*) as n from marts.indicators")["n"].iloc[0]
    trends = chart_images(at)
    assert len(trends) == indicators
    # drawn in the page as SVG, no plotly: one map, each gemeente's name its tooltip
    assert not at.get("plotly_chart")
    ((map_alt, members_map),) = inline_charts(at)
    assert map_alt.startswith("Kaart van ")
    first_rmc = sql(
        "select region_code, region_name from marts.regions where region_level = 'rmc' "
        "order by region_name limit 1"
    ).iloc[0]
    assert at.selectbox(key=f"{PAGE}__region").value == first_rmc["region_code"]
    assert first_rmc["region_name"] in trends[0][0]
    members = sql(
        "select count(*) as n from marts.regions where rmc_code = ?", [first_rmc["region_code"]]
    )["n"].iloc[0]
    assert len(at.dataframe[-1].value) == members
    assert len(titles(members_map)) == members
    assert at.markdown[0].value.startswith("- ")


def test_choosing_a_gemeente_shows_its_own_values_and_no_member_map(gemeente: dict) -> None:
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__region").select(gemeente["region_code"]).run()
    no_exception(at)
    assert not any(alt.startswith("Kaart van ") for alt, _ in inline_charts(at))
    first = sql("select indicator_key from marts.indicators order by sort_order limit 1")
    expected = sql(
        "select school_year_start, value, numerator from marts.indicator_values "
        "where region_code = ? and indicator_key = ? order by school_year_start",
        [gemeente["region_code"], first["indicator_key"].iloc[0]],
    )
    drawn = sum(
        1
        for value, numerator in expected[["value", "numerator"]].itertuples(index=False)
        if not (value is None or math.isnan(value) or numerator < 5)  # suppressed or missing
    )
    alt, svg = chart_images(at)[0]
    assert gemeente["region_name"] in alt
    assert len(markers(svg, VERMILLION)) == drawn
    assert any(f"RMC-regio {gemeente['rmc_name']}" in readable(c.value) for c in at.caption)


def test_deep_link_restores_the_region(gemeente: dict) -> None:
    at = page(PAGE, regio=gemeente["region_code"])
    no_exception(at)
    assert at.selectbox(key=f"{PAGE}__region").value == gemeente["region_code"]
    assert gemeente["region_name"] in chart_images(at)[0][0]
    assert not notices(at)


def test_unknown_region_and_year_give_a_notice_and_defaults() -> None:
    at = page(PAGE, regio="GM9999", jaar="1999-2000")
    no_exception(at)
    text = notices(at)
    assert "GM9999" in text and "1999-2000" in text
    newest = sql("select last_school_year from meta.build")["last_school_year"].iloc[0]
    assert at.selectbox(key=f"{PAGE}__member_year").value == newest


def test_region_carried_from_overzicht_is_the_default(gemeente: dict) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.app.explore_helpers import REPO, TIMEOUT

    at = AppTest.from_file(str(REPO / "app_pages" / f"{PAGE}.py"), default_timeout=TIMEOUT)
    at.session_state["kompas_region"] = f"gemeente:{gemeente['region_code']}"
    at.run()
    no_exception(at)
    assert at.selectbox(key=f"{PAGE}__region").value == gemeente["region_code"]


def test_member_indicator_and_year_change_the_table(gemeente: dict) -> None:
    at = page(PAGE, regio=gemeente["rmc_code"])
    keys = sql("select indicator_key, unit from marts.indicators order by sort_order")
    second = keys["indicator_key"].iloc[1]
    years = sql("select first_school_year from meta.build")["first_school_year"].iloc[0]
    at.selectbox(key=f"{PAGE}__member_indicator").select(second).run()
    at.selectbox(key=f"{PAGE}__member_year").select(years).run()
    no_exception(at)
    table = at.dataframe[-1].value
    # the oracle reads the build's stored decision (marts.published_values), not a rule
    expected = sql(
        "select r.region_name, v.value, v.numerator, coalesce(v.flag, '') as flag "
        "from marts.regions r "
        "left join marts.published_values v on v.region_code = r.region_code "
        "and v.indicator_key = ? and v.school_year = ? "
        "where r.rmc_code = ? order by r.region_name",
        [second, years, gemeente["rmc_code"]],
    )
    assert table["Gemeente"].tolist() == expected["region_name"].tolist()
    shown_rows = expected[(expected["flag"] == "") & expected["value"].notna()]
    row = shown_rows.iloc[0]
    shown = table.loc[table["Gemeente"] == row["region_name"], "Waarde"].iloc[0]
    number = f"{row['value']:.1f}".replace(".", ",")
    assert shown.startswith(number)
    labels = {"primary": "<5", "secondary": "x"}
    for name, flag in zip(expected["region_name"], expected["flag"], strict=True):
        if flag:
            assert table.loc[table["Gemeente"] == name, "Teller"].iloc[0] == labels[flag]
    # the map's tooltip of that gemeente: its name and value (the map's hovertemplate)
    _, members_map = inline_charts(at)[-1]
    tip = next(t for t in titles(members_map) if t.startswith(f"{row['region_name']}\n"))
    assert tip.split("\n")[1].startswith(number)


def test_the_app_routes_to_the_page() -> None:
    at = via_app(PAGE)
    no_exception(at)
    assert at.title[0].value == "Regioprofiel"
    assert inline_charts(at) or at.dataframe


def test_a_gemeente_shows_expected_against_observed_for_its_shown_counts(gemeente: dict) -> None:
    at = page(PAGE, regio=gemeente["region_code"])
    no_exception(at)
    year = str(sql("select last_school_year from meta.build").iloc[0, 0])
    shown = sql(
        "select i.label, p.numerator from marts.published_values p join marts.indicators i "
        "using (indicator_key) join marts.expected_models m using (indicator_key, school_year) "
        "where p.region_code = ? and p.school_year = ? and p.flag = '' order by i.sort_order",
        [gemeente["region_code"], year],
    )
    tables = [d.value for d in at.dataframe if "Oordeel" in d.value.columns]
    assert len(tables) == 1
    table = tables[0]
    assert list(table["Indicator"]) == list(shown["label"])
    assert list(table["Werkelijk"]) == [f"{int(n):,}".replace(",", ".") for n in shown["numerator"]]
    assert set(table["Oordeel"]) <= {
        "meer dan verwacht",
        "minder dan verwacht",
        "binnen de verwachting",
    }
    assert any("geen norm" in readable(m.value) for m in at.markdown)
    ratio_funnels = [
        svg
        for _, svg in inline_charts(at)
        if "werkelijk / verwacht" in [t.text for t in svg.iter(f"{SVG}text")]
    ]
    assert len(ratio_funnels) == 1
    # the focus gemeente is named on the chart, and every point has its name as tooltip
    labels = [t.text for t in ratio_funnels[0].iter(f"{SVG}text") if t.get("font-weight")]
    assert gemeente["region_name"] in labels
    names = {tip.split("\n", 1)[0] for tip in titles(ratio_funnels[0])}
    assert gemeente["region_name"] in names
