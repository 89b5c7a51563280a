"""Load benchmark: 30, 60 and 100 websocket users against one server and against a room
(several processes behind HAProxy), and one user alone as the baseline.

Each run gets fresh servers, each warmed by one session that opens every page once (not
counted), as a trainer would before the workshop starts. The users do what the load client
does (`loadtest.run`): open the app, switch pages, change controls, with think times.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from loadtest.__main__ import TARGETS, targets_met
from loadtest.client import StreamlitSession
from loadtest.run import LoadConfig, run_load
from loadtest.server import free_port, start_server
from room.run import start_room

#: Participants in the measured rooms; `load.workshop_<n>` in the JSON summary.
WORKSHOP_SIZES = (30, 60, 100)
#: Streamlit processes behind the balancer (two cores: one process per core).
ROOM_PROCESSES = 2
#: The room's targets (issue 10): every process together at most 2 GB.
ROOM_TARGETS = {"errors": 0, "p95_s": 2.0, "rss_peak_mb": 2048.0}


async def _warm_up(base_url: str) -> None:
    async with StreamlitSession(base_url) as session:
        await session.open()
        for page in list(session.pages):
            await session.switch_page(page)


def _one_process(app: Path, db: Path, log: Path, cfg: LoadConfig) -> dict[str, Any]:
    server = start_server(app, log, env={"KOMPAS_DB": str(db)}, cwd=app.parent)
    try:
        asyncio.run(_warm_up(server.base_url))
        report = run_load(server.base_url, cfg, [server.pid])
    finally:
        server.stop()
    summary = report.summary()
    summary["config"]["processes"] = 1
    summary["targets_met"] = targets_met(summary)
    return summary


def _room(app: Path, db: Path, work: Path, cfg: LoadConfig, processes: int) -> dict[str, Any]:
    room = start_room(app, processes, free_port(), work, env={"KOMPAS_DB": str(db)})
    try:
        for server in room.servers:
            asyncio.run(_warm_up(server.base_url))
        report = run_load(room.base_url, cfg, room.pids)
    finally:
        room.stop()
    summary = report.summary()
    summary["config"]["processes"] = processes
    summary["targets_met"] = targets_met(summary, ROOM_TARGETS)
    return summary


def run_load_benchmark(
    app: Path,
    db: Path,
    work: Path,
    duration_s: float,
    alone_duration_s: float,
    sizes: tuple[int, ...],
) -> dict[str, Any]:
    """For each size in `sizes`: that many users for `duration_s` against one process, then
    against a room of ROOM_PROCESSES; then one user alone for `alone_duration_s`.

    `workshop_<n>` holds the room's summary with the one-process run beside it (`one_process`).
    """
    result: dict[str, Any] = {
        "status": "measured",
        "method": (
            "websocket users (loadtest), think 2-5 s, 40% page switches, 60% control changes; "
            "the room: HAProxy with cookie stickiness in front of "
            f"{ROOM_PROCESSES} Streamlit processes"
        ),
        "targets": TARGETS,
        "room_targets": ROOM_TARGETS,
        "sizes": list(sizes),
    }
    for users in sizes:
        cfg = LoadConfig(users=users, duration_s=duration_s)
        one = _one_process(app, db, work / f"server-load-{users}.log", cfg)
        room = _room(app, db, work / f"room-{users}", cfg, ROOM_PROCESSES)
        result[f"workshop_{users}"] = {**room, "one_process": one}
    result["alone"] = _one_process(
        app, db, work / "server-alone.log", LoadConfig(users=1, duration_s=alone_duration_s)
    )
    return result
