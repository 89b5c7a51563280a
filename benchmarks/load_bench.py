"""Load benchmark: a workshop (30 websocket users) against one server vs one user alone.

Each run gets a fresh server, warmed by one session that opens every page once (not counted),
as a trainer would before the workshop starts.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from loadtest.__main__ import TARGETS, targets_met
from loadtest.client import StreamlitSession
from loadtest.run import LoadConfig, run_load
from loadtest.server import start_server


async def _warm_up(base_url: str) -> None:
    async with StreamlitSession(base_url) as session:
        await session.open()
        for page in list(session.pages):
            await session.switch_page(page)


def _one_run(app: Path, db: Path, log: Path, cfg: LoadConfig) -> dict[str, Any]:
    server = start_server(app, log, env={"KOMPAS_DB": str(db)}, cwd=app.parent)
    try:
        asyncio.run(_warm_up(server.base_url))
        report = run_load(server.base_url, cfg, [server.pid])
    finally:
        server.stop()
    summary = report.summary()
    summary["targets_met"] = targets_met(summary)
    return summary


def run_load_benchmark(
    app: Path, db: Path, work: Path, users: int, duration_s: float, alone_duration_s: float
) -> dict[str, Any]:
    """`users` users for `duration_s`, then one user alone for `alone_duration_s`."""
    crowd = _one_run(
        app, db, work / "server-load.log", LoadConfig(users=users, duration_s=duration_s)
    )
    alone = _one_run(
        app, db, work / "server-alone.log", LoadConfig(users=1, duration_s=alone_duration_s)
    )
    result: dict[str, Any] = {
        "status": "measured",
        "method": "websocket users (loadtest), think 2-5 s, 40% page switches, 60% control changes",
        "crowd": crowd,
        "alone": alone,
        "targets": TARGETS,
    }
    if crowd["latency_s"] and alone["latency_s"]:
        result["ratio_p50_crowd_to_alone"] = (
            crowd["latency_s"]["median"] / alone["latency_s"]["median"]
        )
        result["ratio_p95_crowd_to_alone"] = crowd["latency_s"]["p95"] / alone["latency_s"]["p95"]
    return result
