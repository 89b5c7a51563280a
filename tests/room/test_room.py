"""A room: HAProxy in front of two real `streamlit run` processes, sticky by cookie.

The balanced setup runs here at a small scale (four simulated participants); the 30/60/100
figures come from the benchmark. HAProxy is Debian's package (installed by CI).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from loadtest.client import StreamlitSession
from loadtest.server import free_port
from room.balancer import COOKIE, SERVED_BY_HEADER, Backend, haproxy_config
from room.run import Room, start_room
from tests.conftest_helpers import missing_prerequisite, run_in_own_loop

ROOT = Path(__file__).resolve().parents[2]


def test_config_names_every_backend_in_the_cookie() -> None:
    config = haproxy_config(
        [Backend("kompas1", "127.0.0.1", 8601), Backend("kompas2", "10.0.0.7", 8501)],
        "0.0.0.0",
        8080,
    )
    assert "bind 0.0.0.0:8080" in config
    assert f"cookie {COOKIE} insert indirect nocache httponly" in config
    assert "server kompas1 127.0.0.1:8601 cookie kompas1" in config
    assert "server kompas2 10.0.0.7:8501 cookie kompas2" in config
    assert "timeout tunnel 8h" in config
    assert f"http-response set-header {SERVED_BY_HEADER} %s" in config


def test_a_room_needs_a_process() -> None:
    with pytest.raises(ValueError, match="minstens|at least"):
        haproxy_config([], "127.0.0.1", 8080)


@pytest.fixture(scope="module")
def room(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Room]:
    if shutil.which("haproxy") is None:
        missing_prerequisite("HAProxy is not installed (apt-get install haproxy)")
    started = start_room(
        ROOT / "serve.py",
        2,
        free_port(),
        tmp_path_factory.mktemp("room"),
        env={"KOMPAS_DB": str(fixture_warehouse)},
    )
    yield started
    started.stop()


def _backend_of(cookie: str) -> str:
    pairs = dict(pair.split("=", 1) for pair in cookie.split("; ") if "=" in pair)
    return pairs[COOKIE]


def test_participants_are_spread_and_stay_on_their_process(room: Room) -> None:
    async def scenario() -> list[tuple[str, str, bool]]:
        sessions = [StreamlitSession(room.base_url) for _ in range(4)]
        for session in sessions:
            await session.connect()
        try:
            runs = [(await s.open(""), await s.open("vergelijken")) for s in sessions]
            return [
                (
                    _backend_of(s.cookie),
                    s.handshake_headers.get(SERVED_BY_HEADER.lower(), ""),
                    a.ok and b.ok,
                )
                for s, (a, b) in zip(sessions, runs, strict=True)
            ]
        finally:
            for session in sessions:
                await session.close()

    outcome = run_in_own_loop(scenario())
    assert all(ok for _, _, ok in outcome)
    assert {cookie for cookie, _, _ in outcome} == {"kompas1", "kompas2"}  # round robin
    # the websocket of every participant reached the process its cookie names
    assert [served for _, served, _ in outcome] == [cookie for cookie, _, _ in outcome]


def test_room_without_warehouse_says_so(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "room", "--db", str(tmp_path / "geen.duckdb"), "--port", "0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert "geen magazijn" in run.stderr
