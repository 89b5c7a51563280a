"""Trainer page: start a session, see the code, follow answers per step, move the group, show a
step full-screen, end the session; a wrong secret is refused (AppTest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.paths import REPO_ROOT
from tests.app.conftest import readable
from tests.app.explore_helpers import no_exception, page
from workshop import resources
from workshop.store import Store

PAGE = "trainer"
WORKSHOP = "je-eigen-regio-duiden"


def _all_text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in [*at.success, *at.warning, *at.info, *at.error]]
    parts += [t.value for t in [*at.title, *at.header, *at.subheader]]
    parts += [e.label for e in at.expander]
    return readable("\n".join(str(p) for p in parts))


def _trainer(store: Store) -> tuple[str, str]:
    return store.create_session(WORKSHOP)


def test_starting_a_session_shows_the_code_large(store: Store) -> None:
    at = page(PAGE)
    no_exception(at)
    at.selectbox(key=f"{PAGE}__workshop").select(WORKSHOP)
    at.button[0].click().run()
    no_exception(at)
    code, secret = str(at.query_params["sessie"]), str(at.query_params["sleutel"])
    assert store.is_trainer(code, secret)
    assert store.session(code).workshop_key == WORKSHOP  # type: ignore[union-attr]
    assert f"# {code[:3]} {code[3:]}" in [m.value for m in at.markdown]


def test_a_wrong_secret_is_refused_generically(store: Store) -> None:
    code, _ = _trainer(store)
    at = page(PAGE, sessie=code, sleutel="geraden")
    no_exception(at)
    assert "Deze sessie kan niet worden geopend" in _all_text(at)
    assert code not in _all_text(at)


def test_answers_per_step_are_counted_and_spread(store: Store) -> None:
    code, secret = _trainer(store)
    people = [store.join(code) for _ in range(3)]
    assert all(people)
    for person, choice in zip(
        people, ["Boven de grenzen", "Binnen de grenzen", "Binnen de grenzen"], strict=True
    ):
        store.save_answer(person, 4, choice, None)  # type: ignore[arg-type]
    store.save_answer(people[0], 6, "[klik](https://elders.nl) *vet*", None)  # type: ignore[arg-type]
    at = page(PAGE, sessie=code, sleutel=secret)
    no_exception(at)
    text = _all_text(at)
    assert "**Deelnemers:** 3" in text
    assert "Stap 4: Het trechterdiagram · 3 antwoorden" in text
    assert "Stap 1: Het cijfer van je regio · 0 antwoorden" in text
    bars = list(at.get("plotly_chart"))
    assert bars, "no distribution chart"
    spec = json.loads(bars[0].proto.spec)
    assert spec["data"][0]["x"] == [1, 2, 0]
    assert spec["data"][0]["y"] == ["Boven de grenzen", "Binnen de grenzen", "Onder de grenzen"]
    open_answers = [m.value for m in at.markdown if "klik" in m.value]
    assert open_answers and all("](" not in m for m in open_answers)


def test_the_trainer_moves_the_group_and_back_to_own_pace(store: Store) -> None:
    code, secret = _trainer(store)
    person = store.join(code)
    at = page(PAGE, sessie=code, sleutel=secret)
    at.selectbox(key=f"{PAGE}__groep").select(5).run()
    no_exception(at)
    assert store.session(code).group_step == 5  # type: ignore[union-attr]
    assert store.participant(code, person).step == 5  # type: ignore[arg-type, union-attr]
    at.selectbox(key=f"{PAGE}__groep").select(0).run()
    assert store.session(code).group_step is None  # type: ignore[union-attr]


def test_a_step_is_shown_full_screen_and_back(store: Store) -> None:
    code, secret = _trainer(store)
    at = page(PAGE, sessie=code, sleutel=secret)
    at.button(key=f"{PAGE}__groot_4").click().run()
    no_exception(at)
    assert store.session(code).shown_step == 4  # type: ignore[union-attr]
    assert [t.value for t in at.title] == ["Trainer", "Stap 4: Het trechterdiagram"]
    at.button(key=f"{PAGE}__terug").click().run()
    assert store.session(code).shown_step is None  # type: ignore[union-attr]
    assert "Stap 4: Het trechterdiagram · 0 antwoorden" in _all_text(at)


def test_ending_the_session(store: Store) -> None:
    code, secret = _trainer(store)
    at = page(PAGE, sessie=code, sleutel=secret)
    at.button(key=f"{PAGE}__einde").click().run()
    no_exception(at)
    assert store.session(code).is_ended  # type: ignore[union-attr]
    assert "Deze sessie is beëindigd" in _all_text(at)
    assert store.join(code) is None


def test_coming_back_without_the_query_string_reopens_the_session(store: Store) -> None:
    code, secret = _trainer(store)
    at = page(PAGE, sessie=code, sleutel=secret)
    at.query_params.clear()  # what the sidebar's link to this page does
    at.run()
    no_exception(at)
    assert f"# {code[:3]} {code[3:]}" in [m.value for m in at.markdown]


def test_a_malformed_workshop_file_is_named_and_the_others_stay(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "workshops"
    folder.mkdir()
    good = REPO_ROOT / "workshops" / f"{WORKSHOP}.md"
    (folder / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "kapot.md").write_text("---\ntitel: Kapot\n---\n", encoding="utf-8")
    monkeypatch.setattr(resources, "WORKSHOP_DIR", folder)
    resources.catalogue.clear()
    try:
        at = page(PAGE)
        no_exception(at)
        assert [readable(e.value) for e in at.error] == [
            "Workshopbestand niet te lezen: kapot.md, regel 3, veld 'doel': ontbreekt in de kop"
        ]
        assert at.selectbox(key=f"{PAGE}__workshop").options == [
            "Je eigen regio duiden (leerplichtambtenaren en RMC-medewerkers)"
        ]
    finally:
        resources.catalogue.clear()
