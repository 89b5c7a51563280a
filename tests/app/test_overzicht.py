"""Overzicht: national figures with change and trend; the region picker carries the region."""

from __future__ import annotations

import math
import os
import urllib.parse
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pandas as pd
from scipy.stats import binomtest, chi2

from dashboard import queries
from dashboard.charts import BLUE, VERMILLION
from tests.app.conftest import new_app, open_page, texts
from tests.app.explore_helpers import SVG, chart_images, markers


def _dutch(value: float, decimals: int) -> str:
    """3.25 -> '3,3' (half up, decimal comma, thousands dot), written here independently."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return f"{exact:,}".replace(",", "_").replace(".", ",").replace("_", ".")


def test_metrics_show_the_newest_national_value_of_every_indicator() -> None:
    at = open_page("overzicht")
    assert not at.exception
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        newest = con.execute(
            "select v.indicator_key, v.value, i.decimals from marts.published_values v "
            "join marts.indicators i using (indicator_key) where v.region_level = 'nederland' "
            "qualify row_number() over (partition by v.indicator_key "
            "order by v.school_year_start desc) = 1 order by i.sort_order"
        ).fetchall()
    nederland = [m for m in at.metric if m.label == "Nederland"]
    assert len(nederland) == len(newest)
    for metric, (key, value, decimals) in zip(nederland, newest, strict=True):
        assert metric.value.startswith(_dutch(float(value), int(decimals))), key
    assert "2024-2025*" in texts(at) or any("*" in c.value for c in at.caption)


def test_choosing_a_region_adds_its_values_and_carries_it() -> None:
    at = open_page("overzicht")
    rmc = queries.regions("rmc").iloc[0]
    at.selectbox(key="overzicht__regio").set_value(str(rmc["region_code"])).run()
    names = [m.label for m in at.metric]
    assert str(rmc["region_name"]) in names
    assert at.session_state["kompas_region"] == f"rmc:{rmc['region_code']}"
    assert at.query_params["regio"] == [str(rmc["region_code"])] or at.query_params["regio"] == str(
        rmc["region_code"]
    )
    # the carried region becomes the focus on Vergelijken (translated to the level)
    at.switch_page("app_pages/vergelijken.py").run()
    assert at.multiselect(key="vergelijken__focus_gemeente").value == []
    at.radio(key="vergelijken__niveau").set_value("rmc").run()
    assert at.multiselect(key="vergelijken__focus_rmc").value == [str(rmc["region_code"])]


def test_deep_link_restores_the_region_and_unknown_region_gives_a_notice() -> None:
    gemeente = queries.regions("gemeente").iloc[3]
    at = new_app(regio=str(gemeente["region_code"])).run()
    assert at.selectbox(key="overzicht__regio").value == str(gemeente["region_code"])
    assert str(gemeente["region_name"]) in [m.label for m in at.metric]
    bad = new_app(regio="GM9999").run()
    assert not bad.exception
    assert "GM9999" in texts(bad) and "komt niet voor" in texts(bad)
    assert bad.selectbox(key="overzicht__regio").value == ""


def _bounds(count: float, n: float, model: str) -> tuple[float, float]:
    """95% interval of a share (Wilson, scipy) or a rate (Garwood, chi-square), as fractions."""
    if model == "binomial":
        ci = binomtest(int(count), int(n)).proportion_ci(method="wilson")
        return ci.low, ci.high
    low = chi2.ppf(0.025, 2 * count) / 2 if count > 0 else 0.0
    return low / n, chi2.ppf(0.975, 2 * count + 2) / 2 / n


def _real_change(series: pd.DataFrame, model: str) -> tuple[float, bool]:
    """Newest minus previous year and whether its 95% interval leaves out 0, computed here
    with scipy: Newcombe's hybrid score interval (1998, method 10) built from the two years'
    own intervals."""
    rows = series.sort_values("school_year_start").tail(2).to_dict("records")
    old, new = rows
    p1, p0 = new["numerator"] / new["denominator"], old["numerator"] / old["denominator"]
    l1, u1 = _bounds(new["numerator"], new["denominator"], model)
    l0, u0 = _bounds(old["numerator"], old["denominator"], model)
    lower = p1 - p0 - math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2)
    upper = p1 - p0 + math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2)
    return p1 - p0, lower > 0 or upper < 0


def test_change_badge_colour_follows_the_verdict_and_uses_the_indicator_decimals() -> None:
    """Red/green only when the sentence says "meer dan toeval"; grey otherwise. The change has
    as many decimals as the value (was 1,41 next to +0,060)."""
    red, green, grey = 0, 1, 2  # MetricProto.MetricColor
    at = open_page("overzicht")
    specs = list(queries.indicator_specs().values())
    nederland = [m for m in at.metric if m.label == "Nederland"]
    for metric, spec in zip(nederland, specs, strict=True):
        diff, real = _real_change(queries.national_series(spec.key), spec.model)
        expected = (red if diff > 0 else green) if real and spec.higher_is_worse else grey
        assert metric.proto.color == expected, spec.key
        number = metric.delta.split(" ")[0]
        assert len(number.split(",")[1]) == spec.decimals, (spec.key, metric.delta)
        assert len(metric.value.rstrip("%").split(",")[1]) == spec.decimals


def test_the_chosen_region_card_has_interval_change_and_verdict() -> None:
    at = open_page("overzicht")
    rmc = queries.regions("rmc").iloc[0]
    at.selectbox(key="overzicht__regio").set_value(str(rmc["region_code"])).run()
    assert not at.exception
    mine = [m for m in at.metric if m.label == str(rmc["region_name"])]
    specs = list(queries.indicator_specs())
    assert len(mine) == len(specs)
    # a change is shown exactly where the build published both of the last two school years
    import duckdb

    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        shown = dict(
            con.execute(
                "select indicator_key, bool_and(flag = '') from ("
                "  select indicator_key, flag, row_number() over ("
                "    partition by indicator_key order by school_year_start desc) as k"
                "  from marts.published_values where region_code = ?) where k <= 2 "
                "group by indicator_key",
                [str(rmc["region_code"])],
            ).fetchall()
        )
    assert [bool(m.delta) for m in mine] == [shown[key] for key in specs]
    newest_shown = sum(1 for m in mine if not str(m.value).startswith("<") and str(m.value) != "x")
    captions = [c.value for c in at.caption]
    with_interval = [c for c in captions if c.startswith("95%-interval ")]
    assert len(with_interval) == newest_shown
    assert all("t.o.v. Nederland: " in c for c in with_interval)


def _gemeenten_of(rmc_code: str) -> list[str]:
    """The gemeenten of an RMC-regio, straight from the warehouse."""
    import duckdb

    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        rows = con.execute(
            "select region_code from marts.regions where region_level = 'gemeente' "
            "and rmc_code = ? order by region_code",
            [rmc_code],
        ).fetchall()
    return [r[0] for r in rows]


def test_a_chosen_rmc_drives_vergelijken_and_patronen_at_gemeente_level() -> None:
    """ "Uw regio" = an RMC-regio: Vergelijken (gemeente level) shows the gemeenten in that
    RMC-regio, Patronen narrows its heatmap to it, and Overzicht links there in one click."""
    at = open_page("overzicht")
    rmc = queries.regions("rmc").iloc[1]
    code, name = str(rmc["region_code"]), str(rmc["region_name"])
    at.selectbox(key="overzicht__regio").set_value(code).run()
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["Vergelijk de gemeenten in mijn RMC-regio"]
    query = urllib.parse.parse_qs(links[0].proto.query_string)
    assert links[0].proto.page == "vergelijken"
    assert query["niveau"] == ["gemeente"] and query["vergelijk"] == ["selectie"]
    assert sorted(query["selectie"][0].split("~")) == _gemeenten_of(code)

    at.switch_page("app_pages/vergelijken.py").run()
    assert not at.exception
    assert at.radio(key="vergelijken__niveau").value == "gemeente"
    assert at.radio(key="vergelijken__vergelijk_gemeente").value == "selectie"
    assert sorted(at.multiselect(key="vergelijken__selectie_gemeente").value) == _gemeenten_of(code)
    assert f"de gemeenten in RMC-regio {name}" in texts(at)

    at.switch_page("app_pages/patronen.py").run()
    assert not at.exception
    assert at.selectbox(key="patronen__parent").value == code


def test_each_card_draws_its_trend_as_an_image_with_one_marker_per_shown_year() -> None:
    gemeente = queries.regions("gemeente").iloc[5]
    code, name = str(gemeente["region_code"]), str(gemeente["region_name"])
    at = new_app(regio=code).run()
    assert not at.exception
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        shown = con.execute(
            "select i.indicator_key, "
            "count(v.value) filter (where v.region_level = 'nederland'), "
            "count(v.value) filter (where v.region_code = $code) "
            "from marts.indicators i join marts.published_values v using (indicator_key) "
            "where v.region_level = 'nederland' or v.region_code = $code "
            "group by i.indicator_key, i.sort_order order by i.sort_order",
            {"code": code},
        ).fetchall()
    images = chart_images(at)
    assert len(images) == len(shown)
    for (alt, svg), (key, national, regional) in zip(images, shown, strict=True):
        assert alt.startswith("Grafiek ") and "Nederland" in alt and name in alt, key
        assert len(markers(svg, BLUE)) == national, key
        assert len(markers(svg, VERMILLION)) == regional, key
        assert len(list(svg.iter(f"{SVG}polyline"))) >= (2 if regional else 1), key
