"""Nested unknown addresses (`/overzicht/iets`, `/foo/bar`) -> the Dutch "page not found" page.

Streamlit answers every unknown path with its index.html, whose scripts are linked relative to
the address (`./static/js/...`). Under a nested path they resolve to `/foo/static/js/...`,
which again gets index.html instead of a script: the page stays blank. Streamlit has no setting
for this, so `serve.py` adds this ASGI middleware: a browser request for a nested path that is
none of Streamlit's own routes and no file is redirected to one unknown page path, which the
app answers in Dutch (`dashboard.frame.not_found_page`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import streamlit as st

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NOT_FOUND_PATH = "pagina-niet-gevonden"
# path segments of Streamlit's own routes (health, websocket, media, components, static files)
STREAMLIT_SEGMENTS = frozenset({"_stcore", "static", "media", "component", "app"})


def redirect_target(path: str, base: str = "") -> str | None:
    """Where a request for `path` goes instead, or None to serve it as Streamlit would.

    Args:
        path: The request path (`/foo/bar`).
        base: The server's base path (`server.baseUrlPath`), '' at the root.
    """
    base = base.strip("/")
    parts = [part for part in path.split("/") if part]
    if base:
        if parts[: len(base.split("/"))] != base.split("/"):
            return None
        parts = parts[len(base.split("/")) :]
    if len(parts) < 2 or STREAMLIT_SEGMENTS & set(parts) or "." in parts[-1]:
        return None
    return "/" + "/".join([*([base] if base else []), NOT_FOUND_PATH])


class NestedUnknownPaths:
    """ASGI middleware: GET and HEAD of a nested unknown path get a 302 to the Dutch page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in ("GET", "HEAD"):
            base = str(st.get_option("server.baseUrlPath") or "")
            target = redirect_target(str(scope.get("path", "")), base)
            if target is not None:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 302,
                        "headers": [(b"location", target.encode()), (b"content-length", b"0")],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)
