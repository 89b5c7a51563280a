"""`python -m etl uitvraag {open,submit,revoke,status,close,export,rebuild,bureau-hash}`: a
collection round without a browser.

Exit codes: 0 done; 2 refused (bad input file, wrong secret, invalid upload), with the reasons
on stderr; 3 the store refuses the action (no open round, a round already open, a used vintage
name). The store is `--store`, else `KOMPAS_UITVRAAG`, else `data/uitvraag.sqlite`. This module
only builds the parser; the commands (and their heavy imports) load when one runs.
"""

from __future__ import annotations

import argparse
import sys

from etl.errors import BuildError
from etl.paths import DEFAULT_RAW_DIR

EXIT_STORE = 3


def run(args: argparse.Namespace) -> int:
    """Run one uitvraag subcommand; store refusals become exit code 3."""
    from etl.uitvraag import commands

    try:
        return int(getattr(commands, f"cmd_{args.uitvraag_command.replace('-', '_')}")(args))
    except BuildError as error:
        print(f"FOUT: {error}", file=sys.stderr)
        return EXIT_STORE


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `uitvraag` and its subcommands on the ETL's parser."""
    parser = sub.add_parser("uitvraag", help="de jaarlijkse uitvraag van cijfers bij de leden")
    parser.set_defaults(func=run)
    commands = parser.add_subparsers(dest="uitvraag_command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        found = commands.add_parser(name, help=help_text)
        found.add_argument(
            "--store", help="uitvraagbestand (standaard KOMPAS_UITVRAAG of data/uitvraag.sqlite)"
        )
        return found

    opening = command("open", "open een uitvraag en maak de persoonlijke links")
    opening.add_argument("--school-year", required=True, help="bijvoorbeeld 2024-2025")
    opening.add_argument("--organisations", required=True, help="CSV met de organisaties")
    opening.add_argument("--links-out", required=True, help="CSV voor de persoonlijke links")
    opening.add_argument("--public-url", help="adres van Kompas (standaard KOMPAS_PUBLIC_URL)")

    submitting = command("submit", "lever een ingevuld sjabloon in")
    submitting.add_argument(
        "--token",
        required=True,
        help="het geheim uit de persoonlijke link; '-' leest het van stdin (dan staat het niet in "
        "de proceslijst)",
    )
    submitting.add_argument("file", help="ingevuld verzuimsjabloon (.xlsx of .csv)")
    submitting.add_argument("--confirm", help="toelichting bij opvallende cijfers")
    submitting.add_argument("--client", help="wie inlevert, voor het vertragen van foute links")
    submitting.add_argument("--db", help="magazijn met vorig jaar (standaard KOMPAS_DB)")

    revoking = command("revoke", "trek de link van een organisatie in")
    revoking.add_argument("--organisation", required=True, help="organisation_id")

    command("status", "responstabel van de uitvraag (CSV)")

    closing = command("close", "sluit de uitvraag en leg de cijfers vast")
    closing.add_argument("--vintage", required=True, help="naam van de versie")

    exporting = command("export", "zet de geldende opgaven in een raw-map voor build")
    exporting.add_argument("--raw-dir", required=True, help="raw-map die build leest")
    exporting.add_argument("--vintage", help="gesloten uitvraag (standaard de huidige)")

    rebuilding = command("rebuild", "bouw het magazijn opnieuw uit een gesloten uitvraag")
    rebuilding.add_argument("--vintage", required=True, help="naam van de gesloten versie")
    rebuilding.add_argument(
        "--raw-dir", default=str(DEFAULT_RAW_DIR), help="raw-map met de andere bronnen"
    )
    rebuilding.add_argument("--db", help="doelbestand (standaard data/kompas.duckdb of KOMPAS_DB)")

    hashing = commands.add_parser(
        "bureau-hash", help="maak de wachtwoordhash voor de bureaupagina (/bureau)"
    )
    hashing.add_argument(
        "--generate", action="store_true", help="kies zelf een willekeurig wachtwoord"
    )
