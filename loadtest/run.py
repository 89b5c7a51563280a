"""Play N simulated users against one Streamlit server and report latency, errors and memory.

Each user is a `StreamlitSession` (websocket, the browser's protocol): it opens the app, then
until the time is up, thinks a few seconds and either switches to another page or changes a
control on the current page. Bounded twice: by wall time and by a maximum number of
interactions per user; every wait has a timeout, so the run always ends by itself.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import urllib.parse
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import psutil
from websockets.exceptions import WebSocketException

from loadtest.client import RunResult, StreamlitSession, Widget
from loadtest.stats import summarize

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
MB = 1024 * 1024


@dataclass(frozen=True)
class LoadConfig:
    """How the simulated workshop behaves.

    Attributes:
        users: simultaneous users.
        duration_s: users start no new interaction after this many seconds.
        think_min_s, think_max_s: pause between interactions (uniform).
        ramp_s: users arrive spread over this many seconds.
        max_interactions: per user, including the first page load.
        request_timeout_s: one interaction slower than this counts as an error.
        seed: random seed for think times and choices.
    """

    users: int = 30
    duration_s: float = 120.0
    think_min_s: float = 2.0
    think_max_s: float = 5.0
    ramp_s: float = 5.0
    max_interactions: int = 100
    request_timeout_s: float = 60.0
    seed: int = 1


@dataclass
class Interaction:
    """One timed interaction of one user."""

    user: int
    kind: str  # "open", "page" or "widget"
    page: str
    seconds: float
    ok: bool
    error: str = ""


@dataclass
class LoadReport:
    """Everything measured in one load run; `config` is the run's settings (a LoadConfig, or
    the workshop scenario's WorkshopConfig)."""

    config: Any
    wall_s: float
    interactions: list[Interaction] = field(default_factory=list)
    rss_start_mb: float = 0.0
    rss_peak_mb: float = 0.0
    rss_end_mb: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0

    @property
    def errors(self) -> list[Interaction]:
        """Interactions that failed."""
        return [i for i in self.interactions if not i.ok]

    def latency(self, kind: str | None = None) -> dict[str, float]:
        """Latency summary of successful interactions (of one kind, or all)."""
        return summarize(
            [i.seconds for i in self.interactions if i.ok and (kind is None or i.kind == kind)]
        )

    def summary(self) -> dict[str, Any]:
        """JSON-ready summary (no per-interaction rows)."""
        errors = self.errors
        return {
            "config": asdict(self.config),
            "wall_s": self.wall_s,
            "interactions": len(self.interactions),
            "throughput_per_s": len(self.interactions) / self.wall_s if self.wall_s else 0.0,
            "latency_s": self.latency(),
            "latency_by_kind_s": {
                kind: self.latency(kind)
                for kind in sorted({i.kind for i in self.interactions})
                if self.latency(kind)
            },
            "errors": len(errors),
            "error_examples": sorted({f"{e.kind} {e.page}: {e.error}" for e in errors})[:10],
            "server_rss_mb": {
                "start": self.rss_start_mb,
                "peak": self.rss_peak_mb,
                "end": self.rss_end_mb,
            },
            # CPU seconds used during the run: the server's, and this load client's own (it
            # shares the machine, so a busy client would slow the server it measures).
            "cpu_s": {"server": self.server_cpu_s, "client": self.client_cpu_s},
        }


class RssSampler:
    """Samples the resident memory of server processes (and their children) in a background
    thread: one process, or all processes of a room together."""

    def __init__(self, pids: Sequence[int], interval_s: float = 0.25) -> None:
        """Watch `pids` every `interval_s` seconds once started."""
        self.processes = [psutil.Process(pid) for pid in pids]
        self.interval_s = interval_s
        self.last_mb = 0.0
        self.start_mb = self.peak_mb = self.last_mb = self._sample()
        self.cpu_start_s = self.cpu_s()
        self.cpu_used_s = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> float:
        try:
            procs = [q for p in self.processes for q in (p, *p.children(recursive=True))]
            return sum(p.memory_info().rss for p in procs) / MB
        except psutil.Error:
            return self.last_mb

    def cpu_s(self) -> float:
        """User plus system CPU seconds the processes have used so far."""
        try:
            return float(sum(t.user + t.system for t in (p.cpu_times() for p in self.processes)))
        except psutil.Error:
            return 0.0

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            self.last_mb = self._sample()
            self.peak_mb = max(self.peak_mb, self.last_mb)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.last_mb = self._sample()
        self.peak_mb = max(self.peak_mb, self.last_mb)
        self.cpu_used_s = self.cpu_s() - self.cpu_start_s


def require_loopback(base_url: str) -> None:
    """Refuse to load anything but this machine."""
    host = urllib.parse.urlsplit(base_url).hostname or ""
    if host not in LOOPBACK:
        raise ValueError(f"load runs only against loopback, not {host!r}")


def other_value(widget: Widget, rng: random.Random) -> Any:
    """A random value for `widget` that differs from its current one (when possible)."""
    if widget.kind == "checkbox":
        return not widget.value
    current = widget.value if isinstance(widget.value, list) else [widget.value]
    choices = [o for o in widget.options if o not in current] or widget.options
    pick = rng.choice(choices)
    return [pick] if widget.kind in {"multiselect", "button_group", "select_slider"} else pick


async def timed(
    out: list[Interaction], user: int, kind: str, page: str, coro: Any
) -> RunResult | None:
    """Await one interaction and record it; None when it broke the connection (timeout,
    socket or protocol error), else its result (also a run that showed an exception)."""
    start = time.perf_counter()
    try:
        result: RunResult = await coro
    except (TimeoutError, OSError, RuntimeError, WebSocketException) as exc:
        seconds = time.perf_counter() - start
        out.append(Interaction(user, kind, page, seconds, False, f"{type(exc).__name__}: {exc}"))
        return None
    error = ""
    if not result.ok:
        error = "; ".join(result.exceptions) or (
            "page not found" if result.page_not_found else result.status
        )
    out.append(Interaction(user, kind, page, result.seconds, result.ok, error))
    return result


async def _user(
    user: int, base_url: str, cfg: LoadConfig, deadline: float, out: list[Interaction]
) -> None:
    rng = random.Random(cfg.seed * 1000 + user)
    await asyncio.sleep(rng.uniform(0, cfg.ramp_s))
    session = StreamlitSession(base_url, timeout_s=cfg.request_timeout_s)
    page_name = "(default)"

    async def timed_run(kind: str, coro: Any) -> bool:
        return await timed(out, user, kind, page_name, coro) is not None

    async def reconnect() -> bool:
        # After a failed interaction the socket may still carry that run: start afresh,
        # as a user pressing reload would.
        await session.close()
        try:
            await session.connect()
        except (TimeoutError, OSError, WebSocketException) as exc:
            out.append(Interaction(user, "open", page_name, 0.0, False, f"connect: {exc}"))
            return False
        return await timed_run("open", session.open())

    try:
        await session.connect()
    except (TimeoutError, OSError, WebSocketException) as exc:
        out.append(Interaction(user, "open", "", 0.0, False, f"connect: {exc}"))
        return
    try:
        healthy = await timed_run("open", session.open())
        for _ in range(cfg.max_interactions - 1):
            await asyncio.sleep(rng.uniform(cfg.think_min_s, cfg.think_max_s))
            if time.monotonic() >= deadline:
                break
            if not healthy:
                healthy = await reconnect()
                continue
            widgets = session.changeable_widgets()
            others = [p for p in session.pages if p.page_script_hash != session.current_page_hash]
            if others and (not widgets or rng.random() < 0.4):
                target = rng.choice(others)
                page_name = target.url_pathname or "(default)"
                healthy = await timed_run("page", session.switch_page(target))
            elif widgets:
                widget = rng.choice(widgets)
                value = other_value(widget, rng)
                healthy = await timed_run("widget", session.change_widget(widget, value))
            else:
                healthy = await timed_run("open", session.open())
    finally:
        await session.close()


async def run_load_async(
    base_url: str, cfg: LoadConfig, server_pids: Sequence[int] = ()
) -> LoadReport:
    """Run the simulated users; sample the servers' memory while they work."""

    def players(deadline: float, out: list[Interaction]) -> list[Coroutine[Any, Any, None]]:
        return [_user(u, base_url, cfg, deadline, out) for u in range(cfg.users)]

    hard_limit = cfg.duration_s + cfg.ramp_s + cfg.think_max_s + 2 * cfg.request_timeout_s
    return await measure(base_url, cfg, players, hard_limit, server_pids)


async def measure(
    base_url: str,
    cfg: Any,
    players: Callable[[float, list[Interaction]], list[Coroutine[Any, Any, None]]],
    hard_limit_s: float,
    server_pids: Sequence[int] = (),
) -> LoadReport:
    """Play `players(deadline, out)` (coroutines appending to `out`) until all are done, at
    most `hard_limit_s`; sample the servers' memory and CPU meanwhile. `cfg` (a dataclass with
    `duration_s`) sets the deadline and goes into the report."""
    require_loopback(base_url)
    out: list[Interaction] = []
    client_cpu_start = time.process_time()
    start = time.monotonic()
    deadline = start + cfg.duration_s
    sampler = RssSampler(server_pids) if server_pids else None
    if sampler:
        sampler.__enter__()
    try:
        await asyncio.wait_for(asyncio.gather(*players(deadline, out)), timeout=hard_limit_s)
    finally:
        if sampler:
            sampler.__exit__()
    report = LoadReport(cfg, time.monotonic() - start, out)
    report.client_cpu_s = time.process_time() - client_cpu_start
    if sampler:
        report.rss_start_mb, report.rss_peak_mb = sampler.start_mb, sampler.peak_mb
        report.rss_end_mb = sampler.last_mb
        report.server_cpu_s = sampler.cpu_used_s
    return report


def run_load(base_url: str, cfg: LoadConfig, server_pids: Sequence[int] = ()) -> LoadReport:
    """Blocking wrapper around `run_load_async`."""
    return asyncio.run(run_load_async(base_url, cfg, server_pids))
