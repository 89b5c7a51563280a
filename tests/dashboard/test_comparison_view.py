"""dashboard.comparison_view: a Vergelijken selection built once, with its sentences, text
alternatives and table, read from the fixture warehouse."""

from __future__ import annotations

import os

import pytest

from dashboard import comparison_view, markup, queries
from dashboard.db import current_handle
from dashboard.texts import vergelijken as text


@pytest.fixture(autouse=True)
def _need_warehouse() -> None:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: no warehouse to query (tests/conftest.py sets it)")


def _rows(query: str) -> list[tuple]:
    cursor = current_handle().con.cursor()
    try:
        return cursor.execute(query).fetchall()
    finally:
        cursor.close()


def _selection() -> tuple[str, str]:
    """The first indicator and the newest school year it has for gemeenten."""
    ((key, year),) = _rows(
        "select indicator_key, max(school_year) from db.marts.published_values "
        "where region_code like 'GM%' group by indicator_key order by indicator_key limit 1"
    )
    return key, year


def _gemeenten(n: int) -> list[tuple[str, str]]:
    return _rows(
        "select region_code, region_name from db.marts.regions "
        f"where region_level = 'gemeente' order by region_code limit {n}"
    )


def test_a_selection_is_built_once_with_a_row_per_region_of_the_set() -> None:
    key, year = _selection()
    ((gemeenten,),) = _rows("select count(*) from db.marts.regions where region_level = 'gemeente'")
    first = comparison_view.comparison_view(key, "gemeente", year, False, "alle", (), ())
    again = comparison_view.comparison_view(key, "gemeente", year, False, "alle", [], [])
    assert again is first
    assert len(first.table) == gemeenten
    assert first.set_text == "alle gemeenten"
    # without a focus region: only the set's sentence, and the hint to choose one
    assert len(first.sentences) == 1 and "gemeenten" in first.sentences[0]
    assert markup.escape(text.CHOOSE_FOCUS) in first.notes
    assert first.map_alt.startswith("Kaart van alle gemeenten")
    assert first.ranking_alt.endswith(text.RANKING_TABLE_NOTE)
    assert first.funnel_alt.endswith(text.FUNNEL_TABLE_NOTE)


def test_each_focus_region_gets_its_sentence_and_is_named_on_the_map() -> None:
    key, year = _selection()
    (code_a, name_a), (code_b, name_b) = _gemeenten(2)
    view = comparison_view.comparison_view(
        key, "gemeente", year, False, "alle", [code_a, code_b], []
    )
    assert len(view.sentences) == 3
    # the sentences are escaped Markdown, in the order of the focus regions
    assert markup.escape(name_a) in view.sentences[0]
    assert markup.escape(name_b) in view.sentences[1]
    assert markup.escape(text.CHOOSE_FOCUS) not in view.notes
    assert f"Dik omlijnd: {name_a} en {name_b}." in view.map_alt


def test_the_carried_area_names_only_a_chosen_set() -> None:
    key, year = _selection()
    members = [code for code, _ in _gemeenten(3)]
    area = "de gemeenten in RMC-regio Proefland"
    chosen = comparison_view.comparison_view(
        key, "gemeente", year, False, queries.COMPARE_CHOSEN, (), members, area_text=area
    )
    assert chosen.set_text == area and len(chosen.table) == 3
    everything = comparison_view.comparison_view(
        key, "gemeente", year, False, queries.COMPARE_ALL, (), (), area_text=area
    )
    assert everything.set_text == "alle gemeenten"


def test_a_voorlopig_year_says_so_under_the_summary() -> None:
    key, year = _selection()
    view = comparison_view.comparison_view(key, "gemeente", year, True, "alle", (), ())
    assert any("voorlopig" in note for note in view.notes)
