"""`python -m etl uitvraag {open,submit,revoke,status,close,export}`: a collection round
without a browser.

Exit codes: 0 done; 2 refused (bad input file, wrong secret, invalid upload), with the reasons
on stderr; 3 the store refuses the action (no open round, a round already open, a used vintage
name). The store is `--store`, else `KOMPAS_UITVRAAG`, else `data/uitvraag.sqlite`.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from etl import settings
from etl.errors import BuildError, InputError
from etl.paths import uitvraag_store_path, warehouse_path
from etl.uitvraag import rounds
from etl.uitvraag.organisations import read_organisations
from etl.uitvraag.store import connect
from etl.uitvraag.submit import Outcome, Refused, submit_file

EXIT_REFUSED, EXIT_STORE = 2, 3


def _store(args: argparse.Namespace) -> Path:
    return Path(args.store).resolve() if args.store else uitvraag_store_path()


def _cmd_open(args: argparse.Namespace) -> int:
    year = args.school_year.strip()
    start, _, end = year.partition("-")
    if not (start.isdigit() and end.isdigit() and int(end) == int(start) + 1):
        print(f"FOUT: schooljaar '{year}': verwacht een schooljaar als 2024-2025", file=sys.stderr)
        return EXIT_REFUSED
    try:
        organisations = read_organisations(Path(args.organisations), settings.max_file_bytes())
    except InputError as error:
        for problem in error.problems:
            print(f"FOUT: {problem.describe()}", file=sys.stderr)
        print("Er is niets opgeslagen.", file=sys.stderr)
        return EXIT_REFUSED
    with connect(_store(args)) as con:
        opened = rounds.open_round(
            con, year, organisations, Path(args.links_out), args.public_url or settings.public_url()
        )
    print(
        f"Uitvraag {opened.school_year} geopend voor {len(organisations)} organisaties; "
        f"persoonlijke links in {args.links_out} (bewaar en verstuur dit bestand vertrouwelijk)."
    )
    return 0


def _print_outcome(outcome: Outcome) -> None:
    if not outcome.is_accepted:
        for message in outcome.messages:
            print(message, file=sys.stderr)
        print(
            f"Opgave {outcome.submission_id} is niet aanvaard; verbeter het bestand en lever het "
            "opnieuw in.",
            file=sys.stderr,
        )
        return
    print(
        f"Opgave {outcome.submission_id} ontvangen en aanvaard: {outcome.gemeenten} gemeente(n), "
        f"controlegetal (sha256) {outcome.sha256}."
    )
    if outcome.flags:
        print(f"{len(outcome.flags)} opvallende verandering(en) ten opzichte van vorig jaar:")
        for flag in outcome.flags:
            print(f"- {flag.message()}")


def _cmd_submit(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"FOUT: {path}: bestand niet gevonden", file=sys.stderr)
        return EXIT_REFUSED
    client = args.client or os.environ.get("KOMPAS_UITVRAAG_CLIENT") or f"cli:{getpass.getuser()}"
    warehouse = Path(args.db) if args.db else warehouse_path()
    try:
        with connect(_store(args)) as con:
            outcome = submit_file(
                con,
                args.token,
                path,
                client,
                settings.upload_max_bytes(),
                warehouse,
                explanation=(args.confirm or "").strip() or None,
            )
    except Refused as refusal:
        print(str(refusal), file=sys.stderr)
        return EXIT_REFUSED
    _print_outcome(outcome)
    if not outcome.is_accepted:
        return EXIT_REFUSED
    if outcome.flags and args.confirm:
        print(f"Uw toelichting is bij deze opgave opgeslagen: {args.confirm.strip()}")
    elif outcome.flags:
        print(
            'Klopt het? Lever hetzelfde bestand opnieuw in met --confirm "uw toelichting", of '
            "verbeter het bestand. Niets wordt geweigerd omdat het opvalt."
        )
    return 0


def _cmd_revoke(args: argparse.Namespace) -> int:
    with connect(_store(args)) as con:
        count = rounds.revoke(con, args.organisation)
    print(f"Link(s) van organisatie '{args.organisation}' ingetrokken: {count}.")
    return 0


def _cmd_status(args: argparse.Namespace) -> int:
    with connect(_store(args)) as con:
        sys.stdout.write(rounds.status_csv(con))
    return 0


def _cmd_close(args: argparse.Namespace) -> int:
    with connect(_store(args)) as con:
        closed = rounds.close(con, args.vintage)
    print(
        f"Uitvraag {closed.school_year} gesloten als versie '{closed.vintage}'; de cijfers "
        "liggen vast en de links zijn verlopen."
    )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from etl.uitvraag.export import export_round

    with connect(_store(args)) as con:
        written = export_round(con, Path(args.raw_dir), args.vintage)
    print(
        f"{len(written)} opgave(n) in de raw-map gezet; `python -m etl build --raw-dir "
        f"{args.raw_dir}` neemt ze op in plaats van het sjabloon voor dezelfde gemeente en "
        "hetzelfde schooljaar."
    )
    for path in written:
        print(f"- {path}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one uitvraag subcommand; store refusals become exit code 3."""
    try:
        return int(args.uitvraag_func(args))
    except BuildError as error:
        print(f"FOUT: {error}", file=sys.stderr)
        return EXIT_STORE


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `uitvraag` and its subcommands on the ETL's parser."""
    parser = sub.add_parser("uitvraag", help="de jaarlijkse uitvraag van cijfers bij de leden")
    parser.set_defaults(func=run)
    commands = parser.add_subparsers(dest="uitvraag_command", required=True)

    def command(name: str, help_text: str, func: object) -> argparse.ArgumentParser:
        found = commands.add_parser(name, help=help_text)
        found.add_argument(
            "--store", help="uitvraagbestand (standaard KOMPAS_UITVRAAG of data/uitvraag.sqlite)"
        )
        found.set_defaults(uitvraag_func=func)
        return found

    opening = command("open", "open een uitvraag en maak de persoonlijke links", _cmd_open)
    opening.add_argument("--school-year", required=True, help="bijvoorbeeld 2024-2025")
    opening.add_argument("--organisations", required=True, help="CSV met de organisaties")
    opening.add_argument("--links-out", required=True, help="CSV voor de persoonlijke links")
    opening.add_argument("--public-url", help="adres van Kompas (standaard KOMPAS_PUBLIC_URL)")

    submitting = command("submit", "lever een ingevuld sjabloon in", _cmd_submit)
    submitting.add_argument("--token", required=True, help="het geheim uit de persoonlijke link")
    submitting.add_argument("file", help="ingevuld verzuimsjabloon (.xlsx of .csv)")
    submitting.add_argument("--confirm", help="toelichting bij opvallende veranderingen")
    submitting.add_argument("--client", help="wie inlevert, voor het vertragen van foute links")
    submitting.add_argument("--db", help="magazijn met vorig jaar (standaard KOMPAS_DB)")

    revoking = command("revoke", "trek de link van een organisatie in", _cmd_revoke)
    revoking.add_argument("--organisation", required=True, help="organisation_id")

    command("status", "responstabel van de uitvraag (CSV)", _cmd_status)

    closing = command("close", "sluit de uitvraag en leg de cijfers vast", _cmd_close)
    closing.add_argument("--vintage", required=True, help="naam van de versie")

    exporting = command("export", "zet de geldende opgaven in een raw-map voor build", _cmd_export)
    exporting.add_argument("--raw-dir", required=True, help="raw-map die build leest")
    exporting.add_argument("--vintage", help="gesloten uitvraag (standaard de huidige)")
