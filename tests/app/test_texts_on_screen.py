"""What each page shows, read as a reviewer would: no known grammar mistake on screen, and at
gemeente level the funnel texts speak of gemeenten."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import open_page, texts
from tests.dashboard.texts.test_texts import find_mistakes

PAGES = {
    "overzicht": {},
    "vergelijken": {"niveau": "gemeente"},
    "regioprofiel": {},
    "patronen": {"niveau": "gemeente"},
    "tabellen_export": {"niveau": "gemeente"},
    "over_de_cijfers": {},
}


@pytest.mark.parametrize("page", list(PAGES))
def test_no_known_mistake_on_screen(page: str) -> None:
    at = open_page(page, **PAGES[page])
    assert not at.exception
    assert find_mistakes(texts(at)) == []


def test_funnel_texts_at_gemeente_level_name_gemeenten() -> None:
    at = open_page("vergelijken", niveau="gemeente")
    funnel = [t for t in texts(at).split("\n") if "99,8%-grens" in t or "Trechterdiagram" in t]
    assert funnel
    for line in funnel:  # "regio's" alone, not as part of "RMC-regio's" or "focusregio's"
        assert not re.search(r"(?<![-\w])regio's", line), line


def test_level_options_are_written_alike() -> None:
    """Standing alone, level names start with a capital like RMC-regio does."""
    at = open_page("tabellen_export")
    level = [box for box in at.selectbox if box.label == "Niveau"][0]
    assert level.options == ["Gemeente", "RMC-regio", "Provincie", "Nederland"]
