"""ETL benchmark: `python -m etl build` on the full demo raw dir vs merely reading and parsing it.

Both are measured as whole child processes (interpreter start and imports included on both
sides), each run's peak RSS from os.wait4; the floor child also reports its in-process parse time.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from benchmarks.children import REPO_ROOT, run_measured
from etl.paths import REFERENCE_DIR_SETTING, reference_dir
from loadtest.stats import summarize

#: The benchmarks' default for the publishers' reference files when KOMPAS_REFERENCE_DIR is
#: unset (shared/data/raw beside the checkout); the product itself has no default.
BENCH_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "data" / "raw"


def bench_reference_dir() -> Path:
    """KOMPAS_REFERENCE_DIR when set, else the benchmarks' default."""
    return reference_dir() or BENCH_REFERENCE_DIR


TARGET_WALL_S = 10.0
TARGET_RSS_MB = 500.0


def etl_missing() -> str | None:
    """Why the ETL benchmark cannot run, or None when it can."""
    if not (REPO_ROOT / "etl" / "__main__.py").is_file():
        return "the ETL CLI (etl/__main__.py) does not exist yet"
    if not (REPO_ROOT / "etl" / "raw" / "load.py").is_file():
        return "etl/raw/load.py (load_raw, needed for the floor) does not exist yet"
    if not bench_reference_dir().is_dir():
        return (
            f"the publishers' reference files are missing at {bench_reference_dir()} "
            f"(set {REFERENCE_DIR_SETTING})"
        )
    return None


def make_full_demo_raw(work: Path) -> Path:
    """Write the full demo raw dir with the real structure (`etl demo --structure-from`).

    Raises:
        RuntimeError: the demo command failed (its output included).
    """
    raw = work / "raw-full"
    if raw.exists():
        shutil.rmtree(raw)
    run = run_measured(
        [
            "-m",
            "etl",
            "demo",
            "--raw-dir",
            str(raw),
            "--structure-from",
            str(bench_reference_dir()),
        ],
        work / "etl-demo.log",
    )
    if run.returncode != 0:
        raise RuntimeError(f"`python -m etl demo` failed:\n{run.output[-3000:]}")
    return raw


def build_warehouse(raw: Path, db: Path, log: Path) -> Any:
    """One measured `python -m etl build` (returns the ChildRun)."""
    run = run_measured(["-m", "etl", "build", "--raw-dir", str(raw), "--db", str(db)], log)
    if run.returncode != 0:
        raise RuntimeError(f"`python -m etl build` failed:\n{run.output[-3000:]}")
    return run


def run_etl_benchmark(raw: Path, work: Path, runs: int) -> dict[str, Any]:
    """Time `runs` builds and `runs` read-and-parse floors on the same raw dir, interleaved."""
    builds, floors, parse_s = [], [], []
    floor_info: dict[str, Any] = {}
    for i in range(runs):
        db = work / f"bench-{i}.duckdb"
        builds.append(build_warehouse(raw, db, work / f"etl-build-{i}.log"))
        db.unlink(missing_ok=True)
        floor = run_measured(["-m", "benchmarks.floor_child", str(raw)], work / f"floor-{i}.log")
        if floor.returncode != 0:
            raise RuntimeError(f"read-and-parse floor failed:\n{floor.output[-3000:]}")
        floor_info = json.loads(floor.output.strip().splitlines()[-1])
        floors.append(floor)
        parse_s.append(floor_info["parse_s"])
    build_wall = summarize([b.wall_s for b in builds])
    build_rss = summarize([b.peak_rss_mb for b in builds])
    floor_wall = summarize([f.wall_s for f in floors])
    return {
        "status": "measured",
        "runs": runs,
        "raw_dir_files": sum(1 for p in raw.rglob("*") if p.is_file()),
        "raw_dir_mb": sum(p.stat().st_size for p in raw.rglob("*") if p.is_file()) / 1024**2,
        "raw_rows_parsed": floor_info.get("rows"),
        "build_wall_s": build_wall,
        "build_peak_rss_mb": build_rss,
        "floor_wall_s": floor_wall,
        "floor_peak_rss_mb": summarize([f.peak_rss_mb for f in floors]),
        "floor_parse_only_s": summarize(parse_s),
        "ratio_build_to_floor": build_wall["median"] / floor_wall["median"],
        "targets": {"build_wall_s": TARGET_WALL_S, "build_peak_rss_mb": TARGET_RSS_MB},
        "met": {
            "build_wall_s": build_wall["median"] <= TARGET_WALL_S,
            "build_peak_rss_mb": build_rss["max"] <= TARGET_RSS_MB,
        },
    }
