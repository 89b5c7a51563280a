"""Run a child process and measure its wall time and its own peak RSS (os.wait4 rusage)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class ChildRun:
    """Wall time, peak resident memory and exit code of one child process."""

    wall_s: float
    peak_rss_mb: float
    returncode: int
    output: str


def run_measured(args: list[str], log: Path, env: dict[str, str] | None = None) -> ChildRun:
    """Run `python ARGS` from the repository root; wall clock and ru_maxrss of that child only.

    Args:
        args: arguments after the interpreter (for example ["-m", "etl", "build", ...]).
        log: file that receives the child's stdout and stderr.
        env: extra environment variables.

    Returns:
        The measurement; `output` holds the log text.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=REPO_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # Linux reports ru_maxrss in KiB.
    return ChildRun(wall, usage.ru_maxrss / 1024, proc.returncode, log.read_text(errors="replace"))
