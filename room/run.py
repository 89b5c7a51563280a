"""Start a room: N `streamlit run` processes on loopback and HAProxy in front of them.

`start_room` is what `python -m room`, the tests and the benchmarks use. The processes are the
same as everywhere (`loadtest.server.start_server`: headless, file watcher off, loopback only);
only HAProxy listens where participants can reach it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from loadtest.server import StreamlitServer, start_server
from room.balancer import Backend, haproxy_config

HAPROXY = "haproxy"
START_TIMEOUT_S = 30.0


class RoomError(RuntimeError):
    """The room could not start (message in Dutch, for the trainer)."""


@dataclass
class Room:
    """A running room: the balancer, its processes and the address participants type."""

    balancer: subprocess.Popen[bytes]
    servers: list[StreamlitServer]
    bind: str
    port: int
    config_path: Path
    log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def base_url(self) -> str:
        """The balancer's address on this machine (loopback)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pids(self) -> list[int]:
        """Process ids of the Streamlit processes (for memory sampling)."""
        return [server.pid for server in self.servers]

    def stop(self) -> None:
        """Stop the balancer, then every process."""
        if self.balancer.poll() is None:
            self.balancer.terminate()
            try:
                self.balancer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.balancer.kill()
        for server in self.servers:
            server.stop()
        if self.log is not None:
            self.log.close()
            self.log = None


def haproxy_missing() -> str | None:
    """Why a room cannot start here, or None."""
    if shutil.which(HAPROXY) is None:
        return "HAProxy ontbreekt: installeer het Debian-pakket haproxy (apt-get install haproxy)"
    return None


def room_address(bind: str, port: int) -> str:
    """The address participants type: this machine's network address when listening on all
    interfaces (found without sending anything), else the bind address."""
    host = bind
    if bind in ("0.0.0.0", ""):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect(("192.0.2.1", 9))  # TEST-NET-1: no packet is sent by connect
                host = probe.getsockname()[0]
            except OSError:
                host = socket.gethostname()
    return f"http://{host}:{port}"


def _wait_healthy(url: str, balancer: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if balancer.poll() is not None:
            raise RoomError(f"HAProxy stopte direct:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RoomError(f"de zaal antwoordde niet binnen {START_TIMEOUT_S:.0f} s op {url}")


def start_room(
    app: Path,
    processes: int,
    port: int,
    work_dir: Path,
    env: Mapping[str, str] | None = None,
    bind: str = "127.0.0.1",
) -> Room:
    """Start `processes` Streamlit processes and HAProxy on `bind:port`.

    Raises:
        RoomError: HAProxy is missing, a process or the balancer did not start.
    """
    missing = haproxy_missing()
    if missing:
        raise RoomError(missing)
    if processes < 1:
        raise RoomError("kies minstens 1 proces")
    work_dir.mkdir(parents=True, exist_ok=True)
    servers: list[StreamlitServer] = []
    try:
        for number in range(1, processes + 1):
            servers.append(
                start_server(app, work_dir / f"streamlit-{number}.log", env=env, cwd=app.parent)
            )
        backends = [
            Backend(f"kompas{number}", "127.0.0.1", int(server.base_url.rsplit(":", 1)[1]))
            for number, server in enumerate(servers, start=1)
        ]
        config_path = work_dir / "haproxy.cfg"
        config_path.write_text(haproxy_config(backends, bind, port), encoding="utf-8")
        log_path = work_dir / "haproxy.log"
        log = log_path.open("wb")
        balancer = subprocess.Popen(
            [HAPROXY, "-f", str(config_path), "-db"], stdout=log, stderr=subprocess.STDOUT
        )
        room = Room(balancer, servers, bind, port, config_path, log)
        try:
            _wait_healthy(room.base_url, balancer, log_path)
        except RoomError:
            room.stop()
            raise
        return room
    except Exception:
        for server in servers:
            server.stop()
        raise
