"""Patronen: level and indicator pickers drive scatter, heatmap and slope chart (AppTest)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dashboard.db import current_handle
from tests.app.conftest import readable
from tests.app.explore_helpers import (
    SVG,
    inline_charts,
    no_exception,
    notices,
    page,
    sql,
    titles,
    via_app,
)

PAGE = "patronen"


@pytest.fixture(scope="module")
def keys() -> list[str]:
    return sql("select indicator_key from marts.indicators order by sort_order")[
        "indicator_key"
    ].tolist()


@pytest.fixture(scope="module")
def newest() -> str:
    return str(sql("select last_school_year from meta.build")["last_school_year"].iloc[0])


def charts(at: object) -> list[ET.Element]:
    """The page's charts (SVG in the page): scatter, heatmap and, with a proper pair of
    years, the slope chart."""
    return [svg for _, svg in inline_charts(at)]  # type: ignore[arg-type]


def labelled(svg: ET.Element, kind: str) -> list[str]:
    """The texts of class `kind` of a chart: `xtick` (columns, years) or `ytick` (rows)."""
    return [t.text or "" for t in svg.iter(f"{SVG}text") if t.get("class") == kind]


def scatter_points(svg: ET.Element) -> dict[str, list[str]]:
    """Region name -> the lines under it in its point's tooltip (x and y with unit, noemer)."""
    return {name: lines for name, *lines in (tip.split("\n") for tip in titles(svg))}


def dutch(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def hover_value(key: str, value: float) -> str:
    """`short label: value unit` as the scatter's hover writes an axis (by the registry)."""
    row = sql(
        "select short_label, unit, decimals from marts.indicators where indicator_key = ?", [key]
    ).iloc[0]
    unit = "%" if row["unit"] == "%" else f" {row['unit']}"
    return f"{row['short_label']}: {dutch(value, int(row['decimals']))}{unit}"


def assert_scatter_shows(svg: ET.Element, expected: dict[str, tuple], x_key: str, y_key: str):
    points = scatter_points(svg)
    assert set(points) == set(expected)
    for name, (x, y) in expected.items():
        assert points[name][:2] == [hover_value(x_key, x), hover_value(y_key, y)]


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
    scatter, heat, slope = charts(at)
    expected = expected_pairs("gemeente", newest, keys[0], keys[1])
    assert_scatter_shows(scatter, expected, keys[0], keys[1])
    legend = next(g for g in scatter.iter(f"{SVG}g") if g.get("class") == "legend")
    legend_texts = [t.text for t in legend.iter(f"{SVG}text")]
    assert (
        legend_texts[0] == "provincie" and legend_texts[-1] == "lijn (gewogen kleinste kwadraten)"
    )
    sentence = readable(at.markdown[0].value)
    assert "Pearson r = " in sentence and f"n = {len(expected)}" in sentence
    gemeenten = sql("select count(*) as n from marts.regions where region_level = 'gemeente'")
    assert len(labelled(heat, "ytick")) == gemeenten["n"].iloc[0]
    assert labelled(slope, "xtick")[-1].startswith(newest)


def test_level_and_indicators_change_the_scatter(keys: list[str], newest: str) -> None:
    at = page(PAGE)
    at.radio(key=f"{PAGE}__level").set_value("rmc").run()
    at.selectbox(key=f"{PAGE}__x").select(keys[2]).run()
    no_exception(at)
    scatter, heat, _ = charts(at)
    expected = expected_pairs("rmc", newest, keys[2], keys[1])
    assert_scatter_shows(scatter, expected, keys[2], keys[1])
    rmcs = sql("select region_name from marts.regions where region_level = 'rmc'")
    assert set(labelled(heat, "ytick")) == set(rmcs["region_name"])


def test_heatmap_narrows_to_one_provincie(keys: list[str]) -> None:
    provincie = sql(
        "select region_code, region_name from marts.regions where region_level = 'provincie' "
        "order by region_name limit 1"
    ).iloc[0]
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__parent").select(provincie["region_code"]).run()
    no_exception(at)
    heat = charts(at)[1]
    inside = sql(
        "select region_name from marts.regions where region_level = 'gemeente' "
        "and provincie_code = ?",
        [provincie["region_code"]],
    )
    assert sorted(labelled(heat, "ytick")) == sorted(inside["region_name"])


def test_years_and_count_change_the_slope_chart(keys: list[str]) -> None:
    years = sql("select distinct school_year from marts.indicator_values order by 1")[
        "school_year"
    ].tolist()
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__from").select(years[-3]).run()
    at.selectbox(key=f"{PAGE}__to").select(years[-2]).run()
    at.selectbox(key=f"{PAGE}__top").select(5).run()
    no_exception(at)
    slope = charts(at)[2]
    assert labelled(slope, "xtick") == [years[-3], years[-2]]
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
    assert len(charts(at)) == 2


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
    assert labelled(charts(at)[2], "xtick")[0] == years[1]


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
    assert charts(at) or at.dataframe
