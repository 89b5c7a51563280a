"""`streamlit run serve.py` in a real browser: a nested unknown address shows the Dutch page
(Streamlit alone leaves it blank), and the app itself is served as by `streamlit run app.py`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from loadtest.server import StreamlitServer
from tests.browser.conftest import REPO_ROOT, serving
from tests.browser.helpers import exception_texts, open_page

SERVE = REPO_ROOT / "serve.py"


@pytest.fixture(scope="module")
def served(browser_warehouse: Path) -> Iterator[StreamlitServer]:
    yield from serving(SERVE, browser_warehouse, "streamlit-serve-tests.log")


@pytest.mark.parametrize("path", ["/overzicht/iets", "/foo/bar", "/vergelijken/x/y"])
def test_nested_unknown_path_says_so_in_dutch(
    page: Page, served: StreamlitServer, path: str
) -> None:
    open_page(page, served.base_url + path)
    expect(page.locator("h1").first).to_have_text("Deze pagina bestaat niet")
    assert "Page not found" not in page.locator("body").inner_text()
    page.get_by_role("link", name="Naar het overzicht").click()
    expect(page.locator("h1").first).to_have_text("Overzicht")


def test_pages_and_maps_are_served_as_before(page: Page, served: StreamlitServer) -> None:
    open_page(page, served.base_url + "/vergelijken?niveau=provincie")
    assert exception_texts(page) == []
    expect(page.locator("h1").first).to_have_text("Vergelijken")
    charts = page.locator('[data-testid="stMain"] svg[role="img"]')
    expect(charts).to_have_count(3)
    expect(charts.first.locator("path title").first).to_be_attached()  # a region's tooltip
