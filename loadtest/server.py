"""Start a real `streamlit run` server on a free loopback port, wait until healthy, stop it.

Shared by the browser tests (tests/browser/conftest.py), the load script and the benchmarks, so
there is one way to start the app under test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
_START_TIMEOUT_S = 60.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def streamlit_command(app: Path, port: int) -> list[str]:
    """The `streamlit run` command line used everywhere: headless, loopback only, no usage
    statistics and no file watcher (a watcher would rerun sessions while tests write files)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.headless=true",
        f"--server.address={HOST}",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]


@dataclass
class StreamlitServer:
    """A running `streamlit run` child process.

    Attributes:
        app: the entry script.
        port: the loopback port it listens on.
        process: the child process.
        log_path: file receiving the server's stdout and stderr.
    """

    app: Path
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    _log_file: object = field(repr=False, default=None)

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT (no trailing slash)."""
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int:
        """Process id of the server (for RSS sampling)."""
        return self.process.pid

    def log_tail(self, n_chars: int = 4000) -> str:
        """The last characters of the server log, for error messages."""
        try:
            return self.log_path.read_text(errors="replace")[-n_chars:]
        except OSError:
            return ""

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 10 s) and close the log."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log_file is not None:
            self._log_file.close()  # type: ignore[attr-defined]
            self._log_file = None


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def start_server(
    app: Path,
    log_path: Path,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout_s: float = _START_TIMEOUT_S,
) -> StreamlitServer:
    """Start `streamlit run APP` on a free port and poll /_stcore/health until it answers ok.

    Args:
        app: entry script (app.py).
        log_path: where the server's output goes.
        env: extra environment variables (for example KOMPAS_DB).
        cwd: working directory; defaults to the app's folder.
        timeout_s: how long to wait for health before giving up.

    Returns:
        The running server; call `stop()` when done.

    Raises:
        RuntimeError: the server exited or did not become healthy in time (log tail included).
    """
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_file = log_path.open("wb")
    child_env = {**os.environ, **(env or {})}
    process = subprocess.Popen(
        streamlit_command(app, port),
        cwd=str(cwd or app.parent),
        env=child_env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    server = StreamlitServer(app, port, process, log_path, log_file)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            raise RuntimeError(
                f"streamlit exited with code {process.returncode}:\n{server.log_tail()}"
            )
        if _healthy(server.base_url):
            return server
        time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"streamlit not healthy after {timeout_s:.0f} s:\n{server.log_tail()}")
