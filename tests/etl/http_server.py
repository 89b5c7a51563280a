"""A real HTTP server on 127.0.0.1 (free port, own thread) with scripted answers for fetch tests.

Routes are keyed by the request target: first the exact `path?query`, then the path alone.
Every request is logged so tests can count attempts, and every answer the bytes of its body
that reached the socket (`sent`), so tests can tell that a client stopped reading.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Reply:
    """One scripted answer.

    Args:
        status: HTTP status.
        body: bytes to send (ignored when `file` is set).
        file: serve this file in place, streamed from disk.
        content_type: Content-Type header.
        stall: wait (up to 10 s, or until the server stops) before answering, to force a time-out.
        declared_length: Content-Length to announce instead of the real one (truncated body).
        headers: extra headers, e.g. Location.
        repeat: send the body this many times (a large body without holding it in memory).
        send_length: False: no Content-Length; the body ends when the connection closes.
    """

    status: int = 200
    body: bytes = b""
    file: Path | None = None
    content_type: str = "application/octet-stream"
    stall: bool = False
    declared_length: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    repeat: int = 1
    send_length: bool = True


@dataclass
class LocalServer:
    """Scripted HTTP server; use as a context manager."""

    routes: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    answered: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, target: str) -> str:
        """Absolute URL on this server for `/path?query`."""
        return self.base_url + target

    def add(self, target: str, *replies: Reply) -> None:
        """Answer `target` with `replies` in turn; the last one repeats."""
        self.routes[target] = list(replies)

    def count(self, path: str) -> int:
        """Requests received whose path (query ignored) equals `path`."""
        with self._lock:
            return sum(1 for target in self.requests if target.split("?", 1)[0] == path)

    def _next_reply(self, target: str) -> Reply | None:
        with self._lock:
            self.requests.append(target)
            replies = self.routes.get(target) or self.routes.get(target.split("?", 1)[0])
            if not replies:
                return None
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def __enter__(self) -> LocalServer:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server naming)
                reply = owner._next_reply(self.path) or Reply(404, b"not found")
                if reply.stall:
                    owner._stop.wait(10)
                    return
                body = reply.file.read_bytes() if reply.file else reply.body
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                length = reply.declared_length
                if length is None:
                    length = len(body) * reply.repeat
                if reply.send_length:
                    self.send_header("Content-Length", str(length))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                sent = 0
                try:
                    for _ in range(reply.repeat):
                        self.wfile.write(body)
                        sent += len(body)
                except OSError:  # the client hung up
                    self.close_connection = True
                finally:
                    with owner._lock:
                        owner.sent.append(sent)
                    owner.answered.set()
                if reply.declared_length is not None or not reply.send_length:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Keep test output quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


def serve() -> Iterator[LocalServer]:
    """Generator for a pytest fixture: a started server, stopped afterwards."""
    with LocalServer() as server:
        yield server
