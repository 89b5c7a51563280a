"""Workshop page (participant): join with the code, choose the own region, answer, get feedback
computed from the warehouse, follow the trainer, continue after a reload (AppTest)."""

from __future__ import annotations

import pytest

from tests.app.conftest import readable
from tests.app.explore_helpers import no_exception, page, sql
from workshop.store import Store

PAGE = "workshop"
WORKSHOP = "je-eigen-regio-duiden"

NEWEST_VSV = """
with newest as (
    select max(school_year) as school_year from marts.published_values
    where indicator_key = 'vsv_pct' and region_level = 'nederland'
)
select r.region_code, r.region_name, r.flag, r.value, n.value as national
from marts.published_values as r join newest using (school_year)
join marts.published_values as n on n.indicator_key = r.indicator_key
    and n.school_year = r.school_year and n.region_level = 'nederland'
where r.indicator_key = 'vsv_pct' and r.region_level = 'gemeente'
order by r.region_code
"""


@pytest.fixture(scope="module")
def gemeenten() -> list[dict]:
    return sql(NEWEST_VSV).to_dict("records")


def _all_text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in [*at.success, *at.warning, *at.info, *at.error]]
    parts += [s.value for s in at.subheader]
    return readable("\n".join(str(p) for p in parts))


def _joined(store: Store, region: str | None = None) -> tuple[str, str]:
    code, _ = store.create_session(WORKSHOP)
    participant = store.join(code)
    assert participant
    if region:
        store.set_region(participant, "gemeente", region)
    return code, participant


def _press(at, label: str) -> None:  # type: ignore[no-untyped-def]
    next(button for button in at.button if button.label == label).click().run()


def _dutch(number: float, decimals: int = 3) -> str:
    return f"{number:.{decimals}f}".replace(".", ",")


def test_joining_with_the_code_puts_the_participant_in_the_url(store: Store) -> None:
    code, _ = store.create_session(WORKSHOP)
    at = page(PAGE)
    no_exception(at)
    at.text_input(key=f"{PAGE}__code").input(code.lower())
    at.button[0].click().run()
    no_exception(at)
    participant = str(at.query_params["deelnemer"])
    assert at.query_params["code"] == code
    assert store.participant(code, participant) is not None
    assert "Kies je eigen regio" in _all_text(at)


def test_a_wrong_code_is_refused_with_one_generic_message(store: Store) -> None:
    at = page(PAGE)
    at.text_input(key=f"{PAGE}__code").input("ACDEFG")
    at.button[0].click().run()
    no_exception(at)
    assert "Met deze code kun je niet meedoen" in _all_text(at)
    assert "deelnemer" not in at.query_params


def test_choosing_a_region_then_answering_gives_feedback_from_the_warehouse(
    store: Store, gemeenten: list[dict]
) -> None:
    row = next(r for r in gemeenten if r["flag"] == "" and abs(r["value"] - r["national"]) > 0.3)
    code, participant = _joined(store)
    at = page(PAGE, code=code, deelnemer=participant)
    at.selectbox(key=f"{PAGE}__regio_keuze").select(row["region_code"])
    at.button[0].click().run()
    no_exception(at)
    assert store.participant(code, participant).region_code == row["region_code"]  # type: ignore[union-attr]
    assert "Stap 1 van 10" in _all_text(at)
    at.text_input(key=f"{PAGE}__vraag_1_getal").input(_dutch(row["value"]))
    _press(at, "Antwoord geven")
    no_exception(at)
    assert [s.value for s in at.success] == ["Goed."]
    value = _dutch(row["value"], 1)
    assert f"{row['region_name']} {value}% voortijdig schoolverlaters" in _all_text(at)
    assert store.answer_of(participant, 1) == _dutch(row["value"])


def test_a_wrong_number_shows_the_computed_value(store: Store, gemeenten: list[dict]) -> None:
    row = next(r for r in gemeenten if r["flag"] == "" and abs(r["value"] - r["national"]) > 0.3)
    code, participant = _joined(store, row["region_code"])
    store.set_step(participant, 2)
    at = page(PAGE, code=code, deelnemer=participant)
    at.text_input(key=f"{PAGE}__vraag_2_getal").input(_dutch(row["value"] - row["national"] + 1))
    _press(at, "Antwoord geven")
    no_exception(at)
    difference = row["value"] - row["national"]
    assert f"het goede antwoord is **{_dutch(difference, 1)}**." in _all_text(at)
    side = "boven" if difference > 0 else "onder"
    assert f"{_dutch(abs(difference), 1)} procentpunt {side} Nederland" in _all_text(at)


def test_a_hidden_cell_stays_hidden(store: Store, gemeenten: list[dict]) -> None:
    row = next(r for r in gemeenten if r["flag"] != "")
    code, participant = _joined(store, row["region_code"])
    store.set_step(participant, 4)
    at = page(PAGE, code=code, deelnemer=participant)
    at.radio(key=f"{PAGE}__vraag_4_keuze").set_value("Binnen de grenzen")
    _press(at, "Antwoord geven")
    no_exception(at)
    text = _all_text(at)
    assert "niet gepubliceerd" in text
    assert not at.success and not at.warning
    raw = sql(
        "select value from marts.indicator_values where region_code = ? and indicator_key = "
        "'vsv_pct' order by school_year desc limit 1",
        [row["region_code"]],
    )["value"].iloc[0]
    assert _dutch(raw, 1) not in text.replace(_dutch(row["national"], 1), "")


def test_a_reload_continues_at_the_same_step_with_the_answer(store: Store) -> None:
    code, participant = _joined(store, "GM9101")
    store.set_step(participant, 6)
    store.save_answer(participant, 6, "Een *stijging* [klik](https://elders.nl)", None)
    at = page(PAGE, code=code, deelnemer=participant)
    no_exception(at)
    assert "Stap 6 van 10" in _all_text(at)
    shown = [m.value for m in at.markdown if "Je antwoord" in m.value][0]
    assert "](" not in shown and "\\*stijging\\*" in shown
    at.button(key=f"{PAGE}__volgende").click().run()
    assert store.participant(code, participant).step == 7  # type: ignore[union-attr]
    assert "Stap 7 van 10" in _all_text(at)


def test_the_group_step_of_the_trainer_wins(store: Store) -> None:
    code, participant = _joined(store, "GM9101")
    store.move_group(code, 3)
    at = page(PAGE, code=code, deelnemer=participant)
    no_exception(at)
    assert "Stap 3 van 10" in _all_text(at)
    assert "De trainer bepaalt de stap" in _all_text(at)
    assert not [b for b in at.button if b.key == f"{PAGE}__volgende"]
    store.end_session(code)
    at = page(PAGE, code=code, deelnemer=participant)
    assert "De sessie is afgelopen" in _all_text(at)


def test_an_answer_sent_while_the_trainer_moves_on_is_kept_for_its_step(store: Store) -> None:
    code, participant = _joined(store, "GM9101")
    store.move_group(code, 4)
    at = page(PAGE, code=code, deelnemer=participant)
    assert "Stap 4 van 10" in _all_text(at)
    at.radio(key=f"{PAGE}__vraag_4_keuze").set_value("Binnen de grenzen")
    store.move_group(code, 5)  # the trainer moves on before the answer arrives
    _press(at, "Antwoord geven")
    no_exception(at)
    assert store.answer_of(participant, 4) == "Binnen de grenzen"
    assert store.answer_of(participant, 5) is None
    assert "Stap 5 van 10" in _all_text(at)
    assert [t.value for t in at.toast] == ["Je antwoord op stap 4 is bewaard."]


def test_the_link_of_a_step_carries_the_participants_region(store: Store) -> None:
    code, participant = _joined(store, "GM9101")
    store.set_step(participant, 4)
    at = page(PAGE, code=code, deelnemer=participant)
    links = [element.proto.url for element in at.get("link_button")]
    assert links == ["/vergelijken?indicator=vsv_pct&niveau=gemeente&focus=GM9101"]


def test_coming_back_without_the_query_string_continues(store: Store) -> None:
    code, participant = _joined(store, "GM9101")
    store.set_step(participant, 5)
    at = page(PAGE, code=code, deelnemer=participant)
    assert "Stap 5 van 10" in _all_text(at)
    at.query_params.clear()  # what the sidebar's link to this page does
    at.run()
    no_exception(at)
    assert "Stap 5 van 10" in _all_text(at)
    assert at.query_params["deelnemer"] == participant


def test_a_long_or_odd_code_in_the_link_is_only_text(store: Store) -> None:
    at = page(PAGE, code="[klik](https://elders.nl)" * 3)
    no_exception(at)
    assert at.text_input(key=f"{PAGE}__code").value == "[klik](https"
    at.button[0].click().run()
    assert "Met deze code kun je niet meedoen" in _all_text(at)


def test_a_participant_can_choose_another_region(store: Store) -> None:
    code, participant = _joined(store, "GM9101")
    at = page(PAGE, code=code, deelnemer=participant)
    at.button(key=f"{PAGE}__andere_regio").click().run()
    no_exception(at)
    assert store.participant(code, participant).region_code is None  # type: ignore[union-attr]
    assert "Kies je eigen regio" in _all_text(at)
