"""fetch -> build through the CLI against a local stand-in for the publishers' servers.

A real HTTP server on 127.0.0.1 serves a demo raw dir at the publishers' own URL paths (DUO,
cartomap/PDOK, the pinned Tabel 33 copy, CBS OData with paged TypedDataSet); `fetch --mirror`
downloads it, the user's verzuim template is added, and `build` turns it into a warehouse.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from etl.paths import REPO_ROOT
from etl.sources import SOURCES
from tests.conftest_helpers import all_checks_passed_line


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


def _etl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_fetch_from_mirror_then_build(publisher: str, demo_raw_dir: Path, tmp_path: Path) -> None:
    raw, db = tmp_path / "raw", tmp_path / "kompas.duckdb"
    fetched = _etl("fetch", "--raw-dir", str(raw), "--mirror", publisher)
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    assert (raw / "vsv" / "84780NED" / "TypedDataSet.2.json").is_file()
    origin = json.loads((raw / "vsv/84780NED/TypedDataSet.json.origin.json").read_text())
    assert origin["url"].startswith("https://opendata.cbs.nl/") and origin["sha256"]
    shutil.copytree(demo_raw_dir / "verzuim", raw / "verzuim")  # supplied by the user
    built = _etl("build", "--raw-dir", str(raw), "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert all_checks_passed_line() in built.stdout


def test_unreachable_publishers_fail_with_one_line_each(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    raw = tmp_path / "raw"
    result = _etl(
        "fetch",
        "--raw-dir",
        str(raw),
        "--source",
        "duo",
        "--source",
        "cbs_vsv",
        "--mirror",
        f"http://127.0.0.1:{closed_port}",
        "--timeout",
        "1",
    )
    assert result.returncode == 4
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert output.count("niet bereikbaar") >= 2
    leftovers = [p for p in raw.rglob("*") if p.is_file()] if raw.exists() else []
    assert leftovers == []
