"""`python -m benchmarks [--json PATH] [--quick]`: ETL, page, browser, load, report and uitvraag
benchmarks, one run.

Each part checks its prerequisite first (the ETL, the reference dir, app.py) and, when it is
missing, records "skipped" with the reason instead of a figure. A full run rewrites
BENCHMARKS.md; a --quick run (fewer repetitions, shorter load) only does so with --md.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.children import REPO_ROOT
from benchmarks.machine import describe_machine, load_average
from benchmarks.report import kept_history, render_markdown


def _guard(name: str, part: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run one benchmark part; a failure becomes a recorded reason, not a number."""
    print(f"== {name}", flush=True)
    try:
        result = part()
    except Exception as exc:  # noqa: BLE001 - report any failure of a part and go on
        traceback.print_exc()
        return {"status": "failed", "reason": f"{type(exc).__name__}: {str(exc)[:500]}"}
    print(f"   {result.get('status')}: {result.get('reason', '')}", flush=True)
    return result


def _skip(reason: str) -> dict[str, Any]:
    return {"status": "skipped", "reason": reason}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write the JSON summary and BENCHMARKS.md."""
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--json", type=Path, help="write the JSON summary here")
    p.add_argument("--quick", action="store_true", help="fewer repetitions, short load runs")
    p.add_argument("--md", type=Path, help="markdown output (default BENCHMARKS.md on full runs)")
    p.add_argument("--app", type=Path, default=REPO_ROOT / "app.py", help="entry script")
    p.add_argument(
        "--only",
        choices=["etl", "pages", "browser", "load", "reports", "uitvraag"],
        action="append",
        help="run parts",
    )
    p.add_argument(
        "--workshop",
        action="store_true",
        help="load: the users play a workshop (trainer and participants) instead of browsing",
    )
    args = p.parse_args(argv)
    parts = set(args.only or ["etl", "pages", "browser", "load", "reports", "uitvraag"])
    quick = args.quick
    md_path = args.md or (None if quick else REPO_ROOT / "BENCHMARKS.md")

    from benchmarks.browser_bench import browser_missing, run_browser_benchmark
    from benchmarks.etl_bench import (
        build_warehouse,
        etl_missing,
        make_full_demo_raw,
        run_etl_benchmark,
    )
    from benchmarks.load_bench import WORKSHOP_SIZES, run_load_benchmark
    from benchmarks.pages_bench import run_pages_benchmark
    from benchmarks.reports_bench import run_reports_benchmark
    from benchmarks.uitvraag_bench import run_uitvraag_benchmark

    summary: dict[str, Any] = {
        "command": "python -m benchmarks " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "quick": quick,
        "machine": describe_machine(),
    }
    with tempfile.TemporaryDirectory(prefix="kompas-bench-") as tmp:
        work = Path(tmp)
        etl_reason = etl_missing()
        app_reason = None if args.app.is_file() else f"{args.app} does not exist yet"
        raw = make_full_demo_raw(work) if etl_reason is None else None
        db = work / "kompas-full-demo.duckdb"

        if "etl" not in parts:
            summary["etl"] = _skip("not selected")
        elif raw is None:
            summary["etl"] = _skip(str(etl_reason))
        else:
            runs = 2 if quick else 5
            summary["etl"] = _guard("ETL", lambda: run_etl_benchmark(raw, work, runs=runs))

        app_parts = parts & {"pages", "browser", "load", "reports"}
        reason = etl_reason or app_reason
        if raw is not None and (reason is None and app_parts or "uitvraag" in parts):
            build_warehouse(raw, db, work / "etl-build-warehouse.log")

        browser_reason = reason or browser_missing()
        for name, why in (
            ("pages", reason),
            ("browser", browser_reason),
            ("load", reason),
            ("reports", reason),
        ):
            if name not in parts:
                summary[name] = _skip("not selected")
            elif why is not None:
                summary[name] = _skip(why)
        if "pages" in parts and reason is None:
            reps = 5 if quick else 20
            summary["pages"] = _guard(
                "pages", lambda: run_pages_benchmark(args.app, db, work, reps=reps)
            )
        if "browser" in parts and browser_reason is None:
            reps = 3 if quick else 10
            summary["browser"] = _guard(
                "browser", lambda: run_browser_benchmark(args.app, db, work, reps=reps)
            )
        if "load" in parts and reason is None:
            summary["load"] = _guard(
                "load",
                lambda: run_load_benchmark(
                    args.app,
                    db,
                    work,
                    duration_s=20 if quick else 60,
                    alone_duration_s=20 if quick else 60,
                    sizes=(10,) if quick else WORKSHOP_SIZES,
                    workshop=args.workshop,
                ),
            )

        if "reports" in parts and reason is None:
            summary["reports"] = _guard(
                "reports",
                lambda: run_reports_benchmark(
                    db, work, runs=1 if quick else 3, singles=4 if quick else 10
                ),
            )

        if "uitvraag" not in parts:
            summary["uitvraag"] = _skip("not selected")
        elif etl_reason is not None:
            summary["uitvraag"] = _skip(etl_reason)
        else:
            summary["uitvraag"] = _guard("uitvraag", lambda: run_uitvraag_benchmark(db, work))

    summary["machine"]["loadavg_at_end"] = load_average()
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if md_path:
        md_path.write_text(render_markdown(summary) + kept_history(md_path), encoding="utf-8")
        print(f"wrote {md_path}")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
