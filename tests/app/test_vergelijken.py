"""Vergelijken: the controls change the ranking, table, map and sentences; deep links work."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import queries
from dashboard.texts import vergelijken as text
from tests.app.conftest import open_page, readable, texts
from tests.app.explore_helpers import SVG, inline_charts, titles

PAGE = "vergelijken"


def _table(at):  # the main table is the last dataframe on the page
    return at.dataframe[-1].value


def _chart(at, alt_start: str):
    """The chart drawn in the page whose text alternative starts with `alt_start`."""
    (svg,) = [svg for alt, svg in inline_charts(at) if alt.startswith(alt_start)]
    return svg


def _ranking_first(at) -> str:
    """Name of the highest region in the ranking chart (its first bar's tooltip)."""
    return titles(_chart(at, "Rangorde"))[0].split("\n")[0]


def test_another_indicator_changes_the_ranking_and_the_table() -> None:
    at = open_page(PAGE)
    assert not at.exception
    first = _table(at)
    first_top = _ranking_first(at)
    keys = list(queries.indicator_specs())
    at.selectbox(key="vergelijken__indicator").set_value(keys[2]).run()
    second = _table(at)
    assert list(second.columns) != list(first.columns) or not second.equals(first)
    assert _ranking_first(at) != first_top
    expected = queries.level_values(
        keys[2], "gemeente", str(queries.school_years(keys[2])["school_year"].iloc[-1])
    )
    top = expected.sort_values("value", ascending=False).iloc[0]
    assert second.iloc[0]["Regio"] == top["region_name"] == _ranking_first(at)


def test_level_changes_the_map_and_the_table_to_that_level() -> None:
    at = open_page(PAGE, niveau="provincie")
    on_map = {tip.split("\n")[0] for tip in titles(_chart(at, "Kaart van"))}
    assert on_map == set(queries.regions("provincie")["region_name"])
    assert len(_table(at)) == len(queries.regions("provincie"))


def test_deep_link_restores_the_view_and_focus_gets_a_sentence() -> None:
    keys = list(queries.indicator_specs())
    years = list(queries.school_years(keys[1])["school_year"])
    rmc = queries.regions("rmc").iloc[1]
    at = open_page(
        PAGE,
        niveau="rmc",
        indicator=keys[1],
        jaar=years[2],
        focus=str(rmc["region_code"]),
    )
    assert at.radio(key="vergelijken__niveau").value == "rmc"
    assert at.selectbox(key="vergelijken__indicator").value == keys[1]
    assert at.selectbox(key="vergelijken__jaar").value == years[2]
    assert at.multiselect(key="vergelijken__focus_rmc").value == [str(rmc["region_code"])]
    body = texts(at)
    assert f"{rmc['region_name']} ligt met" in body or f"Voor {rmc['region_name']}" in body
    table = _table(at)
    assert table.loc[table["Regio"] == rmc["region_name"], "Focus"].item() is True or bool(
        table.loc[table["Regio"] == rmc["region_name"], "Focus"].item()
    )


def test_same_province_limits_the_table_to_that_province() -> None:
    gemeente = queries.regions("gemeente").iloc[0]
    at = open_page(PAGE, focus=str(gemeente["region_code"]), vergelijk="provincie")
    members = queries.regions("gemeente")
    expected = members[members["provincie_code"] == gemeente["provincie_code"]]
    assert sorted(_table(at)["Regio"]) == sorted(expected["region_name"])


def test_unknown_year_and_region_give_a_notice_and_defaults() -> None:
    at = open_page(PAGE, jaar="1999-2000", focus="GM9999")
    assert not at.exception
    body = texts(at)
    assert "1999-2000" in body and "GM9999" in body
    newest = str(queries.school_years(list(queries.indicator_specs())[0])["school_year"].iloc[-1])
    assert at.selectbox(key="vergelijken__jaar").value == newest


def test_similar_gemeenten_limit_the_table_to_the_focus_and_its_peer_group() -> None:
    gemeente = queries.regions("gemeente").iloc[3]
    code = str(gemeente["region_code"])
    at = open_page(PAGE, focus=code, vergelijk=queries.COMPARE_PEERS)
    assert not at.exception
    assert at.radio(key="vergelijken__vergelijk_gemeente").value == queries.COMPARE_PEERS
    members = queries.regions("gemeente").set_index("region_code")["region_name"]
    peers = queries.peer_groups("gemeente", code)
    expected = [members[code], *(members[p] for p in peers["peer_code"])]
    assert sorted(_table(at)["Regio"]) == sorted(expected)
    reasons = at.dataframe[0].value  # the "Waarom vergelijkbaar?" table comes first
    assert list(reasons["Regio"]) == list(peers["peer_name"])
    assert reasons["Waarom"].str.startswith("Lijkt vooral in ").all()
    assert "vergelijkbare gemeenten" in texts(at)


def test_the_funnel_widening_is_said_once() -> None:
    """The widening sentence is part of the funnel's text alternative (shown as its caption);
    a second caption repeated it word for word."""
    at = open_page(PAGE, niveau="rmc")
    captions = [c.value for c in at.caption]
    said = [c for c in captions if "verbreed" in c]
    assert len(said) == 1, said


def _map_caption(at) -> str:
    (caption,) = [c.value for c in at.caption if c.value.startswith("Kaart van")]
    return readable(caption)


def _written_names(at) -> list[str]:
    """The names written on the map (its texts with a white halo; tooltips are not text)."""
    svg = _chart(at, "Kaart van")
    return [t.text or "" for t in svg.iter(f"{SVG}text") if t.get("paint-order") == "stroke"]


def test_the_map_names_every_rmc_regio_of_the_small_demo_and_says_nothing_more() -> None:
    """The demo's 6 RMC-regio's all fit on the map, so its caption does not say names are
    left off."""
    at = open_page(PAGE, niveau="rmc")
    assert sorted(_written_names(at)) == sorted(queries.regions("rmc")["region_name"])
    assert text.MAP_NAMES_NOTE.strip() not in _map_caption(at)


def test_the_map_caption_says_where_the_names_left_off_are(
    real_structure_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Of the 40 real RMC-regio's only the names that fit are written; the caption says the
    others are in the table and on hover. The 12 provincies all fit: no such sentence."""
    monkeypatch.setenv("KOMPAS_DB", str(real_structure_warehouse))
    at = open_page(PAGE, niveau="rmc")
    assert not at.exception
    assert 0 < len(_written_names(at)) < 40
    assert _map_caption(at).endswith(text.MAP_NAMES_NOTE.strip())
    at = open_page(PAGE, niveau="provincie")
    assert len(_written_names(at)) == 12
    assert text.MAP_NAMES_NOTE.strip() not in _map_caption(at)
