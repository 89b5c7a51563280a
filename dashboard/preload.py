"""A page request -> Streamlit's index.html with its chart code preloaded.

Streamlit loads the code that draws plotly charts (one module of about 4.7 MB) only when the
first chart arrives over the websocket, after the app has started and the page's script has run:
a cold load then waits for that download and its compilation in series. A
`<link rel="modulepreload">` in the page's head lets the browser fetch and compile it while the
rest of the app starts. Streamlit has no setting for this, so `serve.py` adds this ASGI
middleware. Only requests for the pages that draw plotly charts (`CHART_PAGES`) are touched:
on the others the extra download would compete with the app's own start for nothing (measured:
Overzicht, whose charts are static images, loaded slower with it). Their HTML is asked for
uncompressed (it is a few kilobytes), so the tag can be placed. When Streamlit's files hold no
plotly module (another Streamlit build), pages are served unchanged.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.nested_paths import STREAMLIT_SEGMENTS, ASGIApp, Message, Receive, Scope, Send

STATIC_JS = Path(st.__file__).resolve().parent / "static" / "static" / "js"
#: The url paths of the pages that draw plotly charts at their first view (Insluiten: its map and
#: trend views); tests/app/test_smoke.py checks the list against what the pages draw.
CHART_PAGES = frozenset({"vergelijken", "regioprofiel", "patronen", "insluiten"})


def chart_module() -> str | None:
    """The file name of Streamlit's plotly module (`PlotlyChart.<hash>.js`), None if absent."""
    found = sorted(STATIC_JS.glob("PlotlyChart.*.js"))
    return found[0].name if found else None


def preload_tag(module: str) -> bytes:
    """The head element that preloads `module`, relative like Streamlit's own script links."""
    return f'<link rel="modulepreload" href="./static/js/{module}" />'.encode()


def is_chart_page_request(scope: Scope) -> bool:
    """A GET of one of the `CHART_PAGES` (`/vergelijken`, also under a base path), not of a
    Streamlit route or a file."""
    if scope["type"] != "http" or scope.get("method") != "GET":
        return False
    parts = [part for part in str(scope.get("path", "")).split("/") if part]
    return bool(parts) and parts[-1] in CHART_PAGES and not STREAMLIT_SEGMENTS & set(parts)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


class PreloadChartModule:
    """ASGI middleware: a chart page's HTML gets the `preload_tag` of the plotly module in its
    head."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        module = chart_module()
        self.tag = preload_tag(module) if module else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.tag is None or not is_chart_page_request(scope):
            await self.app(scope, receive, send)
            return
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
        held: list[Message] = []
        body = bytearray()
        tag = self.tag

        async def send_with_tag(message: Message) -> None:
            if message["type"] == "http.response.start":
                kind = _header(list(message.get("headers", [])), b"content-type") or b""
                if kind.startswith(b"text/html"):
                    held.append(message)
                    return
            elif held and message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if message.get("more_body"):
                    return
                page = bytes(body).replace(b"<head>", b"<head>" + tag, 1)
                start = held.pop()
                kept = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                length = (b"content-length", str(len(page)).encode())
                await send({**start, "headers": [*kept, length]})
                await send({"type": "http.response.body", "body": page})
                return
            await send(message)

        await self.app({**scope, "headers": headers}, receive, send_with_tag)
