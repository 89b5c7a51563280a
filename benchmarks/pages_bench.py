"""Page benchmark: each page's first script run and widget-change reruns vs an empty page.

Measured with the websocket client (loadtest.client): the time from sending `rerun_script`
to receiving `script_finished` over loopback, with no browser. That is the server's work plus
serialising the messages; rendering is not included. One server at a time, one session at a
time, so the figures are not disturbed by other load.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

from loadtest.client import AppPage, StreamlitSession
from loadtest.run import other_value
from loadtest.server import StreamlitServer, start_server
from loadtest.stats import summarize

EMPTY_APP = Path(__file__).with_name("empty_app.py")
TARGET_FIRST_RUN_S = 0.250
TARGET_FIRST_RUN_RATIO = 3.0
TARGET_RERUN_S = 0.100
# Pause between measured runs, like a user's think time, so one run's tail (Streamlit's
# post-script garbage collection) is never counted in the next run.
PAUSE_S = 0.2


async def _first_runs(base_url: str, url_path: str, reps: int) -> tuple[list[float], list[str]]:
    """`reps` fresh sessions, each opening the page once (its first script run)."""
    times: list[float] = []
    errors: list[str] = []
    for _ in range(reps):
        async with StreamlitSession(base_url) as session:
            result = await session.open(url_path)
        await asyncio.sleep(PAUSE_S)
        if result.ok:
            times.append(result.seconds)
        else:
            errors.append(f"{result.status}: {result.exceptions}")
    return times, errors


async def _widget_reruns(
    base_url: str, url_path: str, reps: int, rng: random.Random
) -> tuple[list[float], list[str], list[str]]:
    """In one session: change the page's controls `reps` times (cycling through them)."""
    times: list[float] = []
    errors: list[str] = []
    labels: list[str] = []
    async with StreamlitSession(base_url) as session:
        opened = await session.open(url_path)
        if not opened.ok:
            return [], [f"open: {opened.status} {opened.exceptions}"], []
        for i in range(reps):
            widgets = sorted(session.changeable_widgets(), key=lambda w: w.id)
            if not widgets:
                break
            widget = widgets[i % len(widgets)]
            labels.append(widget.label)
            result = await session.change_widget(widget, other_value(widget, rng))
            await asyncio.sleep(PAUSE_S)
            if result.ok:
                times.append(result.seconds)
            else:
                errors.append(f"{widget.label}: {result.status} {result.exceptions}")
    return times, errors, sorted(set(labels))


async def _pages(base_url: str) -> list[AppPage]:
    async with StreamlitSession(base_url) as session:
        await session.open()
        return list(session.pages)


def _start(app: Path, log: Path, env: dict[str, str], cwd: Path) -> StreamlitServer:
    return start_server(app, log, env=env, cwd=cwd)


def run_pages_benchmark(
    app: Path, db: Path, work: Path, reps: int, seed: int = 1
) -> dict[str, Any]:
    """Measure the empty page, then every page of `app` on warehouse `db`, in this run."""
    rng = random.Random(seed)
    env = {"KOMPAS_DB": str(db)}

    # Same working directory as the app, so the empty page runs with the app's
    # .streamlit/config.toml (for example runner settings) and the comparison is fair.
    empty_server = _start(EMPTY_APP, work / "server-empty.log", env, cwd=app.parent)
    try:
        asyncio.run(_first_runs(empty_server.base_url, "", 1))  # warm-up, not counted
        empty_times, empty_errors = asyncio.run(_first_runs(empty_server.base_url, "", reps))
    finally:
        empty_server.stop()
    empty = summarize(empty_times)

    server = _start(app, work / "server-pages.log", env, cwd=app.parent)
    pages: dict[str, Any] = {}
    try:
        for page in asyncio.run(_pages(server.base_url)):
            name = page.url_pathname or "(standaard)"
            cold, cold_errors = asyncio.run(_first_runs(server.base_url, page.url_pathname, 1))
            first, first_errors = asyncio.run(_first_runs(server.base_url, page.url_pathname, reps))
            reruns, rerun_errors, controls = asyncio.run(
                _widget_reruns(server.base_url, page.url_pathname, reps, rng)
            )
            first_s, rerun_s = summarize(first), summarize(reruns)
            entry: dict[str, Any] = {
                "title": page.title,
                "first_run_unwarmed_s": cold[0] if cold else None,
                "first_run_s": first_s,
                "rerun_s": rerun_s,
                "controls_changed": controls,
                "errors": cold_errors + first_errors + rerun_errors,
            }
            if first_s and empty:
                entry["ratio_first_run_to_empty"] = first_s["median"] / empty["median"]
                entry["met"] = {
                    "first_run_s": first_s["median"] <= TARGET_FIRST_RUN_S,
                    "ratio_first_run_to_empty": entry["ratio_first_run_to_empty"]
                    <= TARGET_FIRST_RUN_RATIO,
                }
                if rerun_s:
                    entry["met"]["rerun_s"] = rerun_s["median"] <= TARGET_RERUN_S
            pages[name] = entry
    finally:
        server.stop()
    return {
        "status": "measured",
        "method": "websocket client, rerun_script sent -> script_finished received (loopback)",
        "reps": reps,
        "empty_page_first_run_s": empty,
        "empty_page_errors": empty_errors,
        "pages": pages,
        "targets": {
            "first_run_s": TARGET_FIRST_RUN_S,
            "ratio_first_run_to_empty": TARGET_FIRST_RUN_RATIO,
            "rerun_s": TARGET_RERUN_S,
        },
    }
