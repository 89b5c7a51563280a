"""Command line: `python -m etl {fetch,demo,build,check,publish,tables,template,pack,mirror,
uitvraag}`.

Errors in input files are printed as `FOUT: file, regel N, kolom 'x', waarde 'y': ...` and give
exit code 2; failed checks or builds exit 3; an unreachable source in fetch exits 4.
Set KOMPAS_DEBUG=1 for a Python traceback on unexpected errors.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from etl.errors import BuildError, InputError
from etl.paths import DEFAULT_RAW_DIR, warehouse_path

EXIT_INPUT, EXIT_BUILD, EXIT_FETCH, EXIT_UNEXPECTED = 2, 3, 4, 1


def _progress() -> Callable[[str], None]:
    started = time.perf_counter()

    def report(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    return report


def _cmd_fetch(args: argparse.Namespace) -> int:
    from etl.fetch import fetch_sources, format_report
    from etl.sources import SOURCES

    unknown = [n for n in args.source if n not in SOURCES]
    if unknown:
        print(
            f"FOUT: onbekende bron(nen): {', '.join(unknown)}; kies uit {', '.join(SOURCES)}",
            file=sys.stderr,
        )
        return EXIT_INPUT
    chosen = [SOURCES[n] for n in (args.source or SOURCES)]
    report = fetch_sources(
        Path(args.raw_dir), chosen, mirror=args.mirror, timeout=args.timeout, progress=_progress()
    )
    print(format_report(report))
    return EXIT_FETCH if report.failures else 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from etl.demo.generator import write_demo

    structure = Path(args.structure_from) if args.structure_from else None
    summary = write_demo(
        Path(args.raw_dir), seed=args.seed, structure_from=structure, progress=_progress()
    )
    print(summary)
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from etl.pipeline import build
    from etl.run_checks import format_report

    db = Path(args.db) if args.db else warehouse_path()
    result = build(Path(args.raw_dir), db, boundary_year=args.boundary_year, progress=_progress())
    print(format_report(result.checks))
    kind = "DEMO-gegevens" if result.is_demo else "gegevens van de uitgevers"
    print(f"Magazijn gebouwd: {result.db_path} ({kind}, indeling {result.boundary_year}).")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from etl.pipeline import check
    from etl.run_checks import format_report

    results = check(Path(args.db) if args.db else warehouse_path())
    print(format_report(results))
    return 0 if all(r.passed for r in results) else EXIT_BUILD


def _cmd_publish(args: argparse.Namespace) -> int:
    from etl.publish import format_report, format_submissions, publish, submissions_used

    db = Path(args.db) if args.db else warehouse_path()
    if not db.is_file():
        print(
            f"FOUT: geen magazijn gevonden op {db}; bouw het eerst met `python -m etl build` "
            "of geef het bestand met --db.",
            file=sys.stderr,
        )
        return EXIT_INPUT
    path, audit, threshold = publish(db, Path(args.out))
    print(f"Publicatie geschreven: {path}")
    print(format_submissions(submissions_used(db)))
    print(format_report(audit, threshold))
    return 0 if audit["passed"].astype(bool).all() else EXIT_BUILD


def _cmd_tables(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else warehouse_path()
    if not db.is_file():
        raise BuildError(
            f"geen magazijn gevonden op {db}; bouw het eerst met `python -m etl build` "
            "(of geef het juiste bestand met --db)"
        )
    os.environ["KOMPAS_DB"] = str(db.resolve())
    from dashboard.db import quiet_outside_server

    quiet_outside_server()
    from ocw.workbook import write_set

    written = write_set(Path(args.out))
    print(f"Tabellenset voor OCW geschreven ({len(written)} bestanden):")
    for path in written:
        print(f"- {path}")
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    from etl.sources.verzuim import write_template

    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        print("FOUT: kies een bestandsnaam op .csv of .xlsx", file=sys.stderr)
        return EXIT_INPUT
    write_template(out)
    print(f"Leeg verzuimsjabloon geschreven: {out}")
    return 0


def _cmd_pack(args: argparse.Namespace) -> int:
    from etl.pack import write_pack

    db = Path(args.db) if args.db else warehouse_path()
    raw_dir = Path(args.raw_dir) if args.raw_dir else None
    print(write_pack(db, Path(args.out), raw_dir).describe())
    return 0


def _cmd_mirror(args: argparse.Namespace) -> int:
    from etl.mirror import mirror_server

    server, index = mirror_server(
        Path(args.raw_dir), args.bind, args.port, log=lambda line: print(line, flush=True)
    )
    host, port = server.server_address[:2]
    print(
        f"Mirror met {len(index.files)} bestanden op http://{host!s}:{port} "
        f"(deelnemers: python -m etl fetch --mirror http://ADRES:{port}); stoppen met Ctrl+C.",
        flush=True,
    )
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Kompas ETL")
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch", help="download de bestanden van de uitgevers")
    fetch.add_argument("--raw-dir", default=str(DEFAULT_RAW_DIR))
    fetch.add_argument("--source", action="append", default=[], help="alleen deze bron")
    fetch.add_argument("--mirror", help="haal alles op van deze server (bijv. lokaal)")
    fetch.add_argument("--timeout", type=float, default=30.0)
    fetch.set_defaults(func=_cmd_fetch)

    demo = sub.add_parser("demo", help="schrijf synthetische demogegevens")
    demo.add_argument("--raw-dir", required=True)
    demo.add_argument(
        "--structure-from", help="raw-map met de echte indeling (bijvoorbeeld KOMPAS_REFERENCE_DIR)"
    )
    demo.add_argument("--seed", type=int, default=2026)
    demo.set_defaults(func=_cmd_demo)

    build = sub.add_parser("build", help="bouw het magazijn uit een raw-map")
    build.add_argument("--raw-dir", default=str(DEFAULT_RAW_DIR))
    build.add_argument("--db", help="doelbestand (standaard data/kompas.duckdb of KOMPAS_DB)")
    build.add_argument("--boundary-year", type=int, help="gemeentelijke indeling (jaar)")
    build.set_defaults(func=_cmd_build)

    check = sub.add_parser("check", help="draai de controles opnieuw")
    check.add_argument("--db")
    check.set_defaults(func=_cmd_check)

    publish = sub.add_parser("publish", help="schrijf publicatie.csv en controleer terugrekenen")
    publish.add_argument("--out", required=True, help="map voor publicatie.csv")
    publish.add_argument("--db", help="magazijn (standaard data/kompas.duckdb of KOMPAS_DB)")
    publish.set_defaults(func=_cmd_publish)

    tables = sub.add_parser(
        "tables", help="schrijf de tabellenset voor OCW (XLSX, CSV en verantwoording als PDF)"
    )
    tables.add_argument("--out", required=True, help="map voor de bestanden")
    tables.add_argument("--db", help="magazijn (standaard data/kompas.duckdb of KOMPAS_DB)")
    tables.set_defaults(func=_cmd_tables)

    pack = sub.add_parser("pack", help="schrijf een workshoppakket (magazijn, bronbestanden)")
    pack.add_argument("--out", required=True, help="nieuwe map voor het pakket")
    pack.add_argument("--db", help="magazijn (standaard data/kompas.duckdb of KOMPAS_DB)")
    pack.add_argument("--raw-dir", help="raw-map (standaard: die waaruit het magazijn gebouwd is)")
    pack.set_defaults(func=_cmd_pack)

    mirror = sub.add_parser("mirror", help="deel een raw-map als mirror voor etl fetch --mirror")
    mirror.add_argument("--raw-dir", required=True)
    mirror.add_argument("--bind", default="127.0.0.1", help="0.0.0.0: bereikbaar in het netwerk")
    mirror.add_argument("--port", type=int, default=8765)
    mirror.set_defaults(func=_cmd_mirror)

    template = sub.add_parser("template", help="schrijf een leeg verzuimsjabloon")
    template.add_argument("--out", default="verzuim_sjabloon.xlsx")
    template.set_defaults(func=_cmd_template)

    from etl.uitvraag.cli import add_parser as add_uitvraag

    add_uitvraag(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as error:
        for problem in error.problems:
            print(f"FOUT: {problem.describe()}", file=sys.stderr)
        print("Het bestaande magazijn is niet gewijzigd.", file=sys.stderr)
        return EXIT_INPUT
    except BuildError as error:
        print(f"FOUT: {error}", file=sys.stderr)
        return EXIT_BUILD
    except KeyboardInterrupt:
        print("Afgebroken; het bestaande magazijn is niet gewijzigd.", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - last resort: a message instead of a traceback
        if os.environ.get("KOMPAS_DEBUG"):
            traceback.print_exc()
        print(f"FOUT (onverwacht): {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
