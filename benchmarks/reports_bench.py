"""Regiorapport benchmark: all RMC-regio reports with `python -m reports --level rmc` (one
whole process, imports included) and single reports as the Regioprofiel button builds them
(`benchmarks.report_child`: warm process, one report per region)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.children import run_measured
from loadtest.stats import summarize

TARGET_ALL_RMC_S = 60.0
TARGET_ONE_S = 2.0


def _codes(db: Path, level: str) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select region_code from marts.regions where region_level = ? order by region_code",
            [level],
        ).fetchall()
    finally:
        con.close()
    return [str(code) for (code,) in rows]


def run_reports_benchmark(db: Path, work: Path, runs: int, singles: int) -> dict[str, Any]:
    """Time `runs` runs of all RMC reports and `singles` single reports in one warm child.

    Args:
        db: The warehouse (the full demo with the real structure: 40 RMC-regio's).
        work: Scratch directory for the PDFs and logs.
        runs: Repetitions of the whole `--level rmc` command.
        singles: Number of single reports timed (gemeenten and RMC-regio's alternating).
    """
    rmc = _codes(db, "rmc")
    alls = []
    for i in range(runs):
        out = work / f"reports-rmc-{i}"
        run = run_measured(
            ["-m", "reports", "--level", "rmc", "--out", str(out), "--db", str(db)],
            work / f"reports-rmc-{i}.log",
        )
        if run.returncode != 0:
            raise RuntimeError(f"`python -m reports --level rmc` failed:\n{run.output[-3000:]}")
        written = len(list(out.glob("*.pdf")))
        if written != len(rmc):
            raise RuntimeError(f"{written} reports written for {len(rmc)} RMC-regio's")
        alls.append(run)
    gemeenten = _codes(db, "gemeente")
    picks = [code for pair in zip(rmc[1:], gemeenten, strict=False) for code in pair][:singles]
    child = run_measured(
        ["-m", "benchmarks.report_child", str(db), rmc[0], *picks], work / "reports-one.log"
    )
    if child.returncode != 0:
        raise RuntimeError(f"single report child failed:\n{child.output[-3000:]}")
    timings = json.loads(child.output.strip().splitlines()[-1])
    all_wall = summarize([r.wall_s for r in alls])
    one = summarize(timings["report_s"])
    return {
        "status": "measured",
        "runs": runs,
        "rmc_regions": len(rmc),
        "all_rmc_wall_s": all_wall,
        "all_rmc_peak_rss_mb": summarize([r.peak_rss_mb for r in alls]),
        "one_report_s": one,
        "one_report_warmup_s": timings["warmup_s"],
        "targets": {"all_rmc_wall_s": TARGET_ALL_RMC_S, "one_report_s": TARGET_ONE_S},
        "met": {
            "all_rmc_wall_s": all_wall["max"] <= TARGET_ALL_RMC_S,
            "one_report_s": one["max"] <= TARGET_ONE_S,
        },
    }
