"""The workshop in a real browser: one trainer and three participants, each in a browser context
of their own, against a real `streamlit run` server.

They join with the code the trainer's page shows, choose their region and answer; the trainer's
per-step count and distribution update without a reload; the trainer moves the group and the
participants follow without a reload; a participant reloads and continues at the same step with
their answer. Feedback is checked against the value this test reads from the warehouse itself,
and the live trainer and participant views pass the axe-core WCAG 2.1 A/AA check.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.axe import describe, serious_violations
from tests.browser.helpers import (
    open_page,
    select_option,
    selectbox,
    wait_for_script_finished,
)

WORKSHOP_TITLE = "Cijfers voor de gemeenteraad"
LIVE_TIMEOUT_MS = 30_000  # the pages poll every 2 to 3 seconds; a busy machine is slower


@pytest.fixture(scope="module")
def gemeenten(browser_warehouse: Path) -> list[dict]:
    """Three gemeenten with a published vsv value in the newest year, with that value."""
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        frame = con.execute(
            """
            with newest as (
                select max(school_year) as school_year from marts.published_values
                where indicator_key = 'vsv_pct' and region_level = 'nederland'
            )
            select r.region_code, r.region_name, r.value
            from marts.published_values as r join newest using (school_year)
            where r.indicator_key = 'vsv_pct' and r.region_level = 'gemeente' and r.flag = ''
            order by r.region_name limit 3
            """
        ).df()
    return frame.to_dict("records")


def _dutch(number: float, decimals: int = 2) -> str:
    return f"{number:.{decimals}f}".replace(".", ",")


def _main(page: Page) -> object:
    return page.locator('[data-testid="stMain"]')


def _join(page: Page, code: str, region: dict) -> None:
    open_page(page, f"/workshop?code={code}")
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_text("Kies je eigen regio")).to_be_visible()
    wait_for_script_finished(page)
    box = selectbox(page, "Je regio")
    box.click()
    box.fill(str(region["region_name"]))  # a long list: type to find, as a participant does
    page.get_by_role("option", name=f"{region['region_name']} (gemeente)", exact=True).click()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Stap 1 van 4")).to_be_visible()
    wait_for_script_finished(page)


def _answer_number(page: Page, text: str) -> None:
    box = page.get_by_label(re.compile("Hoeveel procent voortijdig schoolverlaters"))
    box.fill(text)
    page.get_by_role("button", name="Antwoord geven").click()
    expect(page.get_by_text("Uitleg", exact=True)).to_be_visible()
    wait_for_script_finished(page)


def test_a_trainer_and_three_participants(
    new_context: Callable[..., BrowserContext],
    gemeenten: list[dict],
    screenshot: Callable[[Page], Path],
    axe_source: str,
) -> None:
    trainer = new_context().new_page()
    open_page(trainer, "/trainer")
    select_option(trainer, "Workshop", f"{WORKSHOP_TITLE} (gemeenteraadsleden)")
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("typen deze code")).to_be_visible()
    wait_for_script_finished(trainer)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(trainer.url).query)
    code = query["sessie"][0]
    assert re.fullmatch(r"[A-Z]{6}", code)
    expect(trainer.get_by_role("heading", name=f"{code[:3]} {code[3:]}")).to_be_visible()

    participants = [new_context().new_page() for _ in gemeenten]
    for page, region in zip(participants, gemeenten, strict=True):
        _join(page, code.lower(), region)
    expect(trainer.get_by_text("Deelnemers: 3")).to_be_visible(timeout=LIVE_TIMEOUT_MS)

    # two answer step 1: the first right, the second wrong; the trainer sees both arrive
    first, second, third = participants
    _answer_number(first, _dutch(gemeenten[0]["value"]))
    expect(first.locator('[data-testid="stAlertContentSuccess"]')).to_have_text("Goed.")
    expected = _dutch(gemeenten[0]["value"], 1)
    expect(first.get_by_text(f"{gemeenten[0]['region_name']} {expected}%")).to_be_visible()
    _answer_number(second, _dutch(gemeenten[1]["value"] + 2))
    expect(
        second.get_by_text(f"het goede antwoord is {_dutch(gemeenten[1]['value'], 1)}")
    ).to_be_visible()
    expect(trainer.get_by_text(re.compile(r"Stap 1: .* · 2 antwoorden"))).to_be_visible(
        timeout=LIVE_TIMEOUT_MS
    )
    trainer.get_by_text(re.compile(r"Stap 1: .* · 2 antwoorden")).click()
    expect(trainer.get_by_text("Goed: 1 · niet goed: 1")).to_be_visible(timeout=LIVE_TIMEOUT_MS)

    # the trainer moves the group to step 2: every participant follows without a reload
    select_option(trainer, "Waar is de groep?", "Stap 2: Meer dan toeval?")
    for page in participants:
        expect(page.get_by_text("Stap 2 van 4")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
        expect(page.get_by_text("De trainer bepaalt de stap")).to_be_visible()
    wait_for_script_finished(third)
    third.get_by_text("Binnen de grenzen", exact=True).click()
    third.get_by_role("button", name="Antwoord geven").click()
    expect(third.get_by_text("Je antwoord: Binnen de grenzen")).to_be_visible()
    expect(trainer.get_by_text(re.compile(r"Stap 2: .* · 1 antwoord\b"))).to_be_visible(
        timeout=LIVE_TIMEOUT_MS
    )

    # a participant who reloads continues at the same step with their answer
    url = third.url
    third.reload()
    wait_for_script_finished(third)
    assert third.url == url
    expect(third.get_by_text("Stap 2 van 4")).to_be_visible()
    expect(third.get_by_text("Je antwoord: Binnen de grenzen")).to_be_visible()

    # the live views pass the same WCAG 2.1 A/AA check as every page
    for page in (trainer, third):
        violations = serious_violations(page, axe_source)
        assert not violations, describe(violations)
    screenshot(trainer)
