"""Patronen: level and indicator pickers drive scatter, heatmap and slope chart (AppTest)."""

from __future__ import annotations

import pytest

from dashboard.db import current_handle
from tests.app.conftest import readable
from tests.app.explore_helpers import figures, no_exception, notices, page, sql, via_app

PAGE = "patronen"


@pytest.fixture(scope="module")
def keys() -> list[str]:
    return sql("select indicator_key from marts.indicators order by sort_order")[
        "indicator_key"
    ].tolist()


@pytest.fixture(scope="module")
def newest() -> str:
    return str(sql("select last_school_year from meta.build")["last_school_year"].iloc[0])


def scatter_points(fig: dict) -> dict[str, tuple[float, float]]:
    """Region name -> (x, y) over the provincie traces of the scatter."""
    points: dict[str, tuple[float, float]] = {}
    for trace in fig["data"]:
        if trace.get("mode") != "markers":
            continue
        for (name, *_), x, y in zip(trace["customdata"], trace["x"], trace["y"], strict=True):
            points[name] = (x, y)
    return points


def expected_pairs(level: str, year: str, x_key: str, y_key: str) -> dict[str, tuple]:
    # through the suppression view: small counts and the counts that would give them away
    cursor = current_handle().con.cursor()
    try:
        rows = cursor.execute(
            "select x.region_name, x.value as xv, y.value as yv from safe.indicator_values x "
            "join safe.indicator_values y using (region_code, school_year) "
            "where x.region_level = ? and x.school_year = ? and x.indicator_key = ? "
            "and y.indicator_key = ? and not x.is_suppressed and not y.is_suppressed",
            [level, year, x_key, y_key],
        ).df()
    finally:
        cursor.close()
    return {r.region_name: (r.xv, r.yv) for r in rows.itertuples()}


def test_default_shows_gemeenten_scatter_with_line_heatmap_and_slopes(
    keys: list[str], newest: str
) -> None:
    at = page(PAGE)
    no_exception(at)
    scatter, heat, slope = figures(at)
    points = scatter_points(scatter)
    expected = expected_pairs("gemeente", newest, keys[0], keys[1])
    assert set(points) == set(expected)
    for name, (x, y) in expected.items():
        assert points[name] == pytest.approx((x, y))
    assert scatter["data"][-1]["name"] == "lijn (gewogen kleinste kwadraten)"
    sentence = readable(at.markdown[0].value)
    assert "Pearson r = " in sentence and f"n = {len(expected)}" in sentence
    gemeenten = sql("select count(*) as n from marts.regions where region_level = 'gemeente'")
    assert len(heat["data"][0]["y"]) == gemeenten["n"].iloc[0]
    assert slope["layout"]["xaxis"]["ticktext"][-1].startswith(newest)


def test_level_and_indicators_change_the_scatter(keys: list[str], newest: str) -> None:
    at = page(PAGE)
    at.radio(key=f"{PAGE}__level").set_value("rmc").run()
    at.selectbox(key=f"{PAGE}__x").select(keys[2]).run()
    no_exception(at)
    points = scatter_points(figures(at)[0])
    expected = expected_pairs("rmc", newest, keys[2], keys[1])
    assert set(points) == set(expected)
    for name, (x, y) in expected.items():
        assert points[name] == pytest.approx((x, y))
    heat = figures(at)[1]["data"][0]
    rmcs = sql("select region_name from marts.regions where region_level = 'rmc'")
    assert set(heat["y"]) == set(rmcs["region_name"])


def test_heatmap_narrows_to_one_provincie(keys: list[str]) -> None:
    provincie = sql(
        "select region_code, region_name from marts.regions where region_level = 'provincie' "
        "order by region_name limit 1"
    ).iloc[0]
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__parent").select(provincie["region_code"]).run()
    no_exception(at)
    heat = figures(at)[1]["data"][0]
    inside = sql(
        "select region_name from marts.regions where region_level = 'gemeente' "
        "and provincie_code = ?",
        [provincie["region_code"]],
    )
    assert sorted(heat["y"]) == sorted(inside["region_name"])


def test_years_and_count_change_the_slope_chart(keys: list[str]) -> None:
    years = sql("select distinct school_year from marts.indicator_values order by 1")[
        "school_year"
    ].tolist()
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__from").select(years[-3]).run()
    at.selectbox(key=f"{PAGE}__to").select(years[-2]).run()
    at.selectbox(key=f"{PAGE}__top").select(5).run()
    no_exception(at)
    slope = figures(at)[2]
    assert slope["layout"]["xaxis"]["ticktext"] == [years[-3], years[-2]]
    table = at.dataframe[-1].value
    assert len(table) == 5
    changes = sql(
        "select a.region_name, b.value - a.value as change from marts.indicator_values a "
        "join marts.indicator_values b using (region_code, indicator_key) "
        "where a.region_level = 'gemeente' and a.indicator_key = ? and a.school_year = ? "
        "and b.school_year = ? and a.numerator >= 5 and b.numerator >= 5 "
        "and a.value is not null and b.value is not null "
        "order by abs(b.value - a.value) desc, a.region_name limit 5",
        [keys[0], years[-3], years[-2]],
    )
    assert table["Regio"].tolist() == changes["region_name"].tolist()


def test_same_or_reversed_years_ask_for_a_proper_pair() -> None:
    years = sql("select distinct school_year from marts.indicator_values order by 1")[
        "school_year"
    ].tolist()
    at = page(PAGE, van=years[-1], tot=years[-1])
    no_exception(at)
    assert "eerder jaar" in notices(at)
    assert len(figures(at)) == 2


def test_deep_link_restores_every_control(keys: list[str]) -> None:
    years = sql("select distinct school_year from marts.indicator_values order by 1")[
        "school_year"
    ].tolist()
    at = page(
        PAGE,
        niveau="provincie",
        x=keys[3],
        y=keys[0],
        jaar=years[0],
        indicator=keys[2],
        van=years[1],
        tot=years[4],
        aantal="5",
    )
    no_exception(at)
    assert at.radio(key=f"{PAGE}__level").value == "provincie"
    assert at.selectbox(key=f"{PAGE}__x").value == keys[3]
    assert at.selectbox(key=f"{PAGE}__y").value == keys[0]
    assert at.selectbox(key=f"{PAGE}__year").value == years[0]
    assert at.selectbox(key=f"{PAGE}__indicator").value == keys[2]
    assert at.selectbox(key=f"{PAGE}__top").value == 5
    assert figures(at)[2]["layout"]["xaxis"]["ticktext"][0] == years[1]


def test_unknown_parameters_give_a_notice_and_defaults(keys: list[str], newest: str) -> None:
    at = page(PAGE, niveau="wijk", x="onzin", jaar="2099-2100")
    no_exception(at)
    text = notices(at)
    assert "wijk" in text and "onzin" in text and "2099-2100" in text
    # het-words take "dat", de-words "die"
    assert "het niveau 'wijk', maar dat komt niet voor" in text
    assert "het schooljaar '2099-2100', maar dat komt niet voor" in text
    assert "de indicator 'onzin', maar die komt niet voor" in text
    assert at.radio(key=f"{PAGE}__level").value == "gemeente"
    assert at.selectbox(key=f"{PAGE}__x").value == keys[0]
    assert at.selectbox(key=f"{PAGE}__year").value == newest


def test_the_app_routes_to_the_page() -> None:
    at = via_app(PAGE)
    no_exception(at)
    assert at.title[0].value == "Patronen"
    assert figures(at) or at.dataframe
