"""Command line: `python -m reports --region CODE --out FILE.pdf` or
`python -m reports --level rmc|provincie|gemeente --out DIR` (one PDF per region of the level).

A level is written by `--jobs` worker processes (default: 2, or 1 on a one-core machine),
forked after the imports and before the first warehouse connection, so each worker opens its
own connection and typst compiler once and keeps its query caches across its reports.

The warehouse is `--db`, else KOMPAS_DB, else data/kompas.duckdb. A missing warehouse or an
unknown region code prints a Dutch message and exits 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from etl.paths import warehouse_path

EXIT_INPUT = 2
LEVEL_CHOICES = ("rmc", "provincie", "gemeente")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reports", description="Regiorapport (PDF) per regio"
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--region", help="regiocode, bijvoorbeeld GM0014, MC01 of PV20")
    which.add_argument(
        "--level", choices=LEVEL_CHOICES, help="een rapport per regio van dit niveau"
    )
    parser.add_argument("--out", required=True, help="PDF-bestand (--region) of map (--level)")
    parser.add_argument("--db", help="magazijn (standaard data/kompas.duckdb of KOMPAS_DB)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="processen voor --level (standaard 2)",
    )
    return parser


def _render(code: str) -> bytes:
    from reports.regiorapport import report_pdf

    return report_pdf(code)


def _level_pdfs(level: str, jobs: int) -> Iterator[tuple[str, bytes]]:
    """(code, PDF) for every region of the level, in the order of `queries.regions`."""
    from dashboard import queries

    if jobs <= 1:
        for code in queries.regions(level)["region_code"]:
            yield str(code), _render(str(code))
        return
    # fork before this process opens the warehouse: a DuckDB connection must not cross a fork
    pool = multiprocessing.get_context("fork").Pool(jobs)
    try:
        codes = [str(code) for code in queries.regions(level)["region_code"]]
        yield from zip(codes, pool.imap(_render, codes), strict=True)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _fail(message: str) -> int:
    print(f"FOUT: {message}", file=sys.stderr)
    return EXIT_INPUT


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = _parser().parse_args(argv)
    db = Path(args.db) if args.db else warehouse_path()
    if not db.is_file():
        return _fail(
            f"geen magazijn gevonden op {db}; bouw het eerst met `python -m etl build` "
            "(of geef het juiste bestand met --db)."
        )
    os.environ["KOMPAS_DB"] = str(db.resolve())
    from dashboard.db import quiet_outside_server

    quiet_outside_server()
    from reports.content import UnknownRegion
    from reports.regiorapport import report_file_name, report_pdf

    out = Path(args.out)
    if args.region:
        try:
            pdf = report_pdf(args.region)
        except UnknownRegion:
            return _fail(
                f"onbekende regiocode '{args.region}': geen gemeente, RMC-regio of provincie "
                f"met die code in {db}."
            )
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
        print(f"Regiorapport geschreven: {out}")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for code, pdf in _level_pdfs(args.level, max(1, args.jobs)):
        (out / report_file_name(code)).write_bytes(pdf)
        written += 1
    print(f"{written} regiorapporten geschreven in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
