"""Serve a raw dir as a publisher mirror: `python -m etl fetch --mirror URL` on another machine
then receives exactly these files.

`fetch` with a mirror keeps the path and query of every publisher URL and replaces only scheme
and host, and every fetched file's origin record names the URL it came from. So the mirror
answers a request whose path and query equal those of a recorded URL with that file, and
everything else with 404: it never serves a file that has no origin record (demo files, whose
origin is the demo generator, are not mirrored). Read-only, GET and HEAD only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from etl.errors import BuildError
from etl.fetch import SIDECAR_SUFFIX

_CONTENT_TYPES = {
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def request_key(target: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The part of a URL or request target that identifies a file: the decoded path and the
    query's pairs in order (so `%24format` and `$format` are the same request)."""
    parts = urlsplit(target)
    return unquote(parts.path), tuple(parse_qsl(parts.query, keep_blank_values=True))


@dataclass(frozen=True)
class MirrorIndex:
    """Which file answers which request."""

    files: dict[tuple[str, tuple[tuple[str, str], ...]], Path]
    skipped: int  # data files without a publisher URL (demo files)

    @classmethod
    def of(cls, raw_dir: Path) -> MirrorIndex:
        """Index every data file of `raw_dir` by the URL its origin record names.

        Raises:
            BuildError: the folder does not exist or holds no file with a publisher URL.
        """
        if not raw_dir.is_dir():
            raise BuildError(f"map {raw_dir} bestaat niet")
        files: dict[tuple[str, tuple[tuple[str, str], ...]], Path] = {}
        skipped = 0
        for sidecar in sorted(raw_dir.rglob(f"*{SIDECAR_SUFFIX}")):
            data = sidecar.with_name(sidecar.name[: -len(SIDECAR_SUFFIX)])
            url = str(json.loads(sidecar.read_text(encoding="utf-8")).get("url", ""))
            if not data.is_file() or urlsplit(url).scheme not in ("http", "https"):
                skipped += 1
                continue
            files[request_key(url)] = data
        if not files:
            raise BuildError(
                f"{raw_dir} bevat geen bestanden met een adres van een uitgever (alleen demo- of "
                "handmatig geplaatste bestanden); geef deelnemers dan het magazijn zelf"
            )
        return cls(files, skipped)

    def lookup(self, target: str) -> Path | None:
        """The file for a request target (`/path?query`), or None."""
        return self.files.get(request_key(target))


def _handler(index: MirrorIndex, log: Callable[[str], None]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "KompasMirror"
        sys_version = ""

        def _answer(self, with_body: bool) -> None:
            path = index.lookup(self.path)
            if path is None:
                self.send_error(404, "niet in deze mirror")
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header(
                "Content-Type", _CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
            )
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            self._answer(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
            self._answer(with_body=False)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            log(f"{self.address_string()} {format % args}")

    return Handler


def mirror_server(
    raw_dir: Path, bind: str, port: int, log: Callable[[str], None] = lambda _: None
) -> tuple[ThreadingHTTPServer, MirrorIndex]:
    """A server (not yet serving) for `raw_dir` on `bind:port` (0: a free port) and its index."""
    index = MirrorIndex.of(raw_dir)
    server = ThreadingHTTPServer((bind, port), _handler(index, log))
    return server, index
