"""Which requests `dashboard.preload` touches, and the tag it places: chart pages only."""

from __future__ import annotations

import pytest

from dashboard import preload


@pytest.mark.parametrize(
    "path", ["/vergelijken", "/insluiten", "/kompas/patronen", "/regioprofiel"]
)
def test_a_chart_page_address_is_touched(path: str) -> None:
    assert preload.is_chart_page_request({"type": "http", "method": "GET", "path": path})


@pytest.mark.parametrize(
    "scope",
    [
        {"type": "http", "method": "GET", "path": "/"},
        {"type": "http", "method": "GET", "path": "/tabellen-en-export"},
        {"type": "http", "method": "GET", "path": "/static/js/index.js"},
        {"type": "http", "method": "GET", "path": "/static/vergelijken"},
        {"type": "http", "method": "GET", "path": "/_stcore/health"},
        {"type": "http", "method": "GET", "path": "/favicon.png"},
        {"type": "http", "method": "GET", "path": "/media/abc.png"},
        {"type": "http", "method": "POST", "path": "/vergelijken"},
        {"type": "websocket", "path": "/_stcore/stream"},
    ],
)
def test_other_pages_streamlit_routes_files_and_other_methods_are_left_alone(scope: dict) -> None:
    assert not preload.is_chart_page_request(scope)


def test_the_installed_streamlit_has_the_module_and_the_tag_points_at_it() -> None:
    module = preload.chart_module()
    assert module is not None and (preload.STATIC_JS / module).is_file()
    tag = preload.preload_tag("PlotlyChart.abc123.js")
    assert tag == b'<link rel="modulepreload" href="./static/js/PlotlyChart.abc123.js" />'
