"""Command line: `python -m reports --region CODE --out FILE.pdf` or
`python -m reports --level rmc|provincie|gemeente --out DIR` (one PDF per region of the level).

The warehouse is `--db`, else KOMPAS_DB, else data/kompas.duckdb. A missing warehouse or an
unknown region code prints a Dutch message and exits 2; nothing is written then.
"""

from __future__ import annotations

import argparse
import os
import sys
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
    return parser


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
    from dashboard import queries
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
    codes = list(queries.regions(args.level)["region_code"])
    out.mkdir(parents=True, exist_ok=True)
    for code in codes:
        (out / report_file_name(str(code))).write_bytes(report_pdf(str(code)))
    print(f"{len(codes)} regiorapporten geschreven in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
