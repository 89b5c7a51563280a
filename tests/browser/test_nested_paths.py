"""`streamlit run serve.py` in a real browser: a nested unknown address shows the Dutch page
(Streamlit alone leaves it blank), the browser fetches the chart code as soon as the page
arrives (before the app even opens its connection), and the app itself is served as by
`streamlit run app.py`."""

from __future__ import annotations

import urllib.request
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
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    expect(page.locator(".js-plotly-plot .choroplethlayer path").first).to_be_attached()


def test_the_chart_code_is_fetched_before_the_app_connects(
    page: Page, served: StreamlitServer
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, served.base_url + "/vergelijken")
    chart = [i for i, url in enumerate(requested) if "/static/js/PlotlyChart." in url]
    health = [i for i, url in enumerate(requested) if url.endswith("/_stcore/health")]
    # fetched once, ahead of the app's first request to the server (without the preload it
    # comes only after the first chart has arrived over the websocket)
    assert len(chart) == 1 and health and chart[0] < health[0]
    assert exception_texts(page) == []


def test_a_page_asked_for_compressed_still_carries_the_preload(served: StreamlitServer) -> None:
    request = urllib.request.Request(
        served.base_url + "/regioprofiel", headers={"Accept-Encoding": "gzip, br"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        html = response.read().decode("utf-8")
        assert response.headers.get("Content-Encoding") is None
    assert '<head><link rel="modulepreload" href="./static/js/PlotlyChart.' in html
