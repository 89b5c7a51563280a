"""Load benchmark: 30, 60 and 100 websocket users against one server and against a room
(several processes behind HAProxy), and one user alone as the baseline.

Each run gets fresh servers, each warmed by one session that opens every page once (not
counted), as a trainer would before the workshop starts. The users do what the load client
does (`loadtest.run`): open the app, switch pages, change controls, with think times; with
`workshop=True` they play a workshop instead (`loadtest.workshop_play`: a trainer and the users
as participants, each run on a fresh workshop store in the work folder).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from loadtest.__main__ import TARGETS, targets_met
from loadtest.client import StreamlitSession
from loadtest.run import LoadConfig, LoadReport, run_load
from loadtest.server import free_port, start_server
from loadtest.workshop_play import WorkshopConfig, run_workshop
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


def _env(db: Path, store: Path) -> dict[str, str]:
    return {"KOMPAS_DB": str(db), "KOMPAS_WORKSHOP_DB": str(store)}


def _play(base_url: str, cfg: LoadConfig | WorkshopConfig, pids: list[int]) -> LoadReport:
    if isinstance(cfg, WorkshopConfig):
        return run_workshop(base_url, cfg, pids)
    return run_load(base_url, cfg, pids)


def _one_process(
    app: Path, db: Path, log: Path, cfg: LoadConfig | WorkshopConfig
) -> dict[str, Any]:
    env = _env(db, log.with_suffix(".workshop.sqlite"))
    server = start_server(app, log, env=env, cwd=app.parent)
    try:
        asyncio.run(_warm_up(server.base_url))
        report = _play(server.base_url, cfg, [server.pid])
    finally:
        server.stop()
    summary = report.summary()
    summary["config"]["processes"] = 1
    summary["targets_met"] = targets_met(summary)
    return summary


def _room(
    app: Path, db: Path, work: Path, cfg: LoadConfig | WorkshopConfig, processes: int
) -> dict[str, Any]:
    env = _env(db, work / "workshop.sqlite")
    room = start_room(app, processes, free_port(), work, env=env)
    try:
        for server in room.servers:
            asyncio.run(_warm_up(server.base_url))
        report = _play(room.base_url, cfg, room.pids)
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
    workshop: bool = False,
) -> dict[str, Any]:
    """For each size in `sizes`: that many users for `duration_s` against one process, then
    against a room of ROOM_PROCESSES; then one user alone for `alone_duration_s`. With
    `workshop` the users play a workshop (three steps) instead of browsing.

    `workshop_<n>` holds the room's summary with the one-process run beside it (`one_process`).
    """

    def config(users: int, seconds: float) -> LoadConfig | WorkshopConfig:
        return (
            WorkshopConfig(users=users, duration_s=seconds)
            if workshop
            else LoadConfig(users=users, duration_s=seconds)
        )

    users_do = (
        "play a workshop (loadtest.workshop_play): a trainer leads, participants join, choose "
        "a region, open views and answer 3 steps, think 3-10 s, pages poll as in a browser"
        if workshop
        else "think 2-5 s, 40% page switches, 60% control changes"
    )
    result: dict[str, Any] = {
        "status": "measured",
        "method": (
            f"websocket users (loadtest), {users_do}; "
            "the room: HAProxy with cookie stickiness in front of "
            f"{ROOM_PROCESSES} Streamlit processes"
        ),
        "scenario": "workshop" if workshop else "browse",
        "targets": TARGETS,
        "room_targets": ROOM_TARGETS,
        "sizes": list(sizes),
    }
    for users in sizes:
        cfg = config(users, duration_s)
        one = _one_process(app, db, work / f"server-load-{users}.log", cfg)
        room = _room(app, db, work / f"room-{users}", cfg, ROOM_PROCESSES)
        result[f"workshop_{users}"] = {**room, "one_process": one}
    result["alone"] = _one_process(app, db, work / "server-alone.log", config(1, alone_duration_s))
    return result
