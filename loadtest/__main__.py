"""`python -m loadtest`: a workshop's load (default 30 users, 120 s) against one local server.

Starts `streamlit run app.py` on a free loopback port (or uses --url with --server-pid), plays
the users, prints a report and optionally writes it as JSON. With --workshop the users play a
workshop instead of browsing (loadtest.workshop_play): a trainer starts a session on the
Trainer page and leads the group, the users join it on the Workshop page and answer --steps
steps; a server started here gets a fresh workshop store of its own (--workshop-db).
Exit code 0 when the run completed (targets met or not; the report says which), 2 when a
prerequisite is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from loadtest.run import LoadConfig, LoadReport, run_load
from loadtest.server import free_port, start_server
from loadtest.workshop_play import WorkshopConfig, run_workshop
from room.run import start_room

REPO_ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"errors": 0, "p95_s": 2.0, "rss_peak_mb": 1024.0}


def targets_met(
    summary: dict[str, Any], targets: dict[str, float] | None = None
) -> dict[str, bool]:
    """Which `targets` a load summary meets (default: one server's: 0 errors, p95 at most 2 s,
    server RSS at most 1 GB)."""
    t = TARGETS if targets is None else targets
    latency = summary["latency_s"]
    return {
        "errors": summary["errors"] <= t["errors"],
        "p95_s": bool(latency) and latency["p95"] <= t["p95_s"],
        "rss_peak_mb": 0 < summary["server_rss_mb"]["peak"] <= t["rss_peak_mb"],
    }


def format_report(report: LoadReport) -> str:
    """Human-readable lines for the terminal."""
    s = report.summary()
    lines = [
        f"{s['config']['users']} users, {s['wall_s']:.0f} s, {s['interactions']} interactions "
        f"({s['throughput_per_s']:.1f}/s), {s['errors']} errors",
    ]
    for kind, lat in [("all", s["latency_s"]), *s["latency_by_kind_s"].items()]:
        if lat:
            lines.append(
                f"  {kind:>7}: n={lat['n']:<4} p50={lat['median'] * 1000:7.0f} ms  "
                f"p95={lat['p95'] * 1000:7.0f} ms  max={lat['max'] * 1000:7.0f} ms"
            )
    rss = s["server_rss_mb"]
    lines.append(f"  server RSS: start {rss['start']:.0f} MB, peak {rss['peak']:.0f} MB")
    cpu = s["cpu_s"]
    lines.append(f"  CPU seconds: server {cpu['server']:.0f}, load client {cpu['client']:.0f}")
    lines.extend(f"  error: {e}" for e in s["error_examples"])
    met = targets_met(s)
    lines.append(
        "  targets: " + ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in met.items())
    )
    return "\n".join(lines)


def fresh_store(path: Path) -> None:
    """Remove a workshop store left by an earlier run (with its WAL files), so a run starts
    empty; the server creates it anew."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the load, print and save the report."""
    p = argparse.ArgumentParser(prog="python -m loadtest", description=__doc__)
    p.add_argument("--users", type=int, default=30)
    p.add_argument("--duration", type=float, default=120.0, help="seconds (default 120)")
    p.add_argument("--think-min", type=float, default=2.0)
    p.add_argument("--think-max", type=float, default=5.0)
    p.add_argument("--ramp", type=float, default=5.0, help="users arrive over this many s")
    p.add_argument("--max-interactions", type=int, default=100, help="per user")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--app", type=Path, default=REPO_ROOT / "app.py")
    p.add_argument("--db", type=Path, help="warehouse for the server (default: KOMPAS_DB)")
    p.add_argument("--url", help="use a running server on loopback instead of starting one")
    p.add_argument("--server-pid", type=int, help="pid of that server, for memory sampling")
    p.add_argument(
        "--processes",
        type=int,
        default=0,
        help="start a room (python -m room) with this many processes behind HAProxy instead "
        "of one server",
    )
    p.add_argument("--workshop", action="store_true", help="play a workshop (see above)")
    p.add_argument("--steps", type=int, default=3, help="workshop steps per participant")
    p.add_argument(
        "--step-time",
        type=float,
        default=90.0,
        help="the trainer moves the group on after this many s at the latest (default 90)",
    )
    p.add_argument(
        "--workshop-db",
        type=Path,
        default=REPO_ROOT / "test-output" / "loadtest-workshop.sqlite",
        help="workshop store of a server started here (removed first)",
    )
    p.add_argument("--json", type=Path, help="write the summary here")
    args = p.parse_args(argv)

    def play(base_url: str, pids: list[int]) -> LoadReport:
        common: dict[str, Any] = {
            "users": args.users,
            "duration_s": args.duration,
            "think_min_s": args.think_min,
            "think_max_s": args.think_max,
            "ramp_s": args.ramp,
            "seed": args.seed,
        }
        if args.workshop:
            workshop = WorkshopConfig(**common, steps=args.steps, step_s=args.step_time)
            return run_workshop(base_url, workshop, pids)
        cfg = LoadConfig(**common, max_interactions=args.max_interactions)
        return run_load(base_url, cfg, pids)

    if args.url:
        report = play(args.url, [args.server_pid] if args.server_pid else [])
    else:
        if not args.app.is_file():
            sys.stderr.write(f"app not found: {args.app}\n")
            return 2
        env = {"KOMPAS_DB": str(args.db.resolve())} if args.db else {}
        if not env and not os.environ.get("KOMPAS_DB"):
            sys.stderr.write("note: no --db and no KOMPAS_DB; the app uses its default warehouse\n")
        if args.workshop:
            fresh_store(args.workshop_db)
            env["KOMPAS_WORKSHOP_DB"] = str(args.workshop_db.resolve())
        if args.processes:
            room = start_room(
                args.app, args.processes, free_port(), REPO_ROOT / "test-output" / "room", env
            )
            try:
                report = play(room.base_url, room.pids)
            finally:
                room.stop()
        else:
            server = start_server(
                args.app,
                REPO_ROOT / "test-output" / "loadtest-server.log",
                env=env,
                cwd=args.app.parent,
            )
            try:
                report = play(server.base_url, [server.pid])
            finally:
                server.stop()
    sys.stdout.write(format_report(report) + "\n")
    if args.json:
        summary = report.summary()
        summary["targets"] = TARGETS
        summary["targets_met"] = targets_met(summary)
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
