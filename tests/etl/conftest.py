"""Fixtures for ETL tests: a local stand-in for the publishers' servers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from etl.sources import SOURCES


def _key(url: str) -> str:
    """Path + query without $format, lower-cased path: how the stand-in looks pages up."""
    parts = urlsplit(url)
    query = "&".join(q for q in unquote(parts.query).split("&") if q and q != "$format=json")
    return parts.path.lower() + ("?" + query if query else "")


def _routes(raw_dir: Path) -> dict[str, Path]:
    routes: dict[str, Path] = {}
    for source in SOURCES.values():
        for download in source.downloads:
            if download.kind == "file":
                routes[_key(download.url)] = raw_dir / download.target
                continue
            folder = raw_dir / download.target
            entity = urlsplit(download.url).path.rsplit("/", 1)[-1]
            page, url = folder / f"{entity}.json", download.url
            number = 1
            while page.is_file():
                routes[_key(url)] = page
                url = json.loads(page.read_text(encoding="utf-8")).get("odata.nextLink", "")
                number += 1
                page = folder / f"{entity}.{number}.json"
    return routes


@pytest.fixture
def publisher(demo_raw_dir: Path) -> Iterator[str]:
    """Base URL of an HTTP server on 127.0.0.1 serving the demo at the publishers' paths."""
    routes = _routes(demo_raw_dir)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = routes.get(_key(self.path))
            if path is None:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
