"""Nested unknown paths are redirected to the Dutch page; Streamlit's own routes never are."""

from __future__ import annotations

from typing import Any

import pytest

from dashboard import nested_paths
from tests.conftest_helpers import run_in_own_loop


@pytest.mark.parametrize(
    ("path", "base", "target"),
    [
        ("/overzicht/iets", "", "/pagina-niet-gevonden"),
        ("/foo/bar/baz", "", "/pagina-niet-gevonden"),
        ("/kompas/foo/bar", "kompas", "/kompas/pagina-niet-gevonden"),
        ("/", "", None),
        ("/vergelijken", "", None),
        ("/onbekend", "", None),  # one segment: the app answers it in Dutch itself
        ("/foo/_stcore/health", "", None),
        ("/_stcore/stream", "", None),
        ("/static/js/index.js", "", None),
        ("/app/static/topojson/world_110m.json", "", None),
        ("/media/abc.png", "", None),
        ("/foo/favicon.png", "", None),
        ("/kompas/vergelijken", "kompas", None),
        ("/elders/foo/bar", "kompas", None),
    ],
)
def test_redirect_target(path: str, base: str, target: str | None) -> None:
    assert nested_paths.redirect_target(path, base) == target


def _call(scope: dict[str, Any]) -> list[dict[str, Any]]:
    """Run the middleware around an app that answers 200, and collect what it sends."""
    sent: list[dict[str, Any]] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        sent.append(dict(message))

    run_in_own_loop(nested_paths.NestedUnknownPaths(inner)(scope, receive, send))
    return sent


def test_middleware_redirects_only_browser_requests_for_nested_unknown_paths() -> None:
    nested = _call({"type": "http", "method": "GET", "path": "/overzicht/iets"})
    assert nested[0]["status"] == 302
    assert (b"location", b"/pagina-niet-gevonden") in nested[0]["headers"]
    assert _call({"type": "http", "method": "GET", "path": "/vergelijken"})[0]["status"] == 200
    assert _call({"type": "http", "method": "POST", "path": "/a/b"})[0]["status"] == 200
    assert _call({"type": "websocket", "path": "/a/b"})[0]["status"] == 200
