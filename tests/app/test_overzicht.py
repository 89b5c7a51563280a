"""Overzicht: national figures with change and trend; the region picker carries the region."""

from __future__ import annotations

from dashboard import queries
from dashboard.formatting import format_compact
from tests.app.conftest import new_app, open_page, texts


def test_metrics_show_the_newest_national_value_of_every_indicator() -> None:
    at = open_page("overzicht")
    assert not at.exception
    specs = queries.indicator_specs()
    nederland = [m for m in at.metric if m.label == "Nederland"]
    assert len(nederland) == len(specs)
    for metric, spec in zip(nederland, specs.values(), strict=True):
        series = queries.national_series(spec.key)
        assert metric.value == format_compact(series["value"].iloc[-1], spec.unit, spec.decimals)
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
