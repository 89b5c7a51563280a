"""The uitvraag subcommands behind `etl.uitvraag.cli`: each takes the parsed arguments, prints
what happened in Dutch and returns the exit code (0 done, 2 refused; a `BuildError` means the
store refused the action and becomes 3 in `cli.run`)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from etl import settings
from etl.errors import InputError
from etl.paths import uitvraag_store_path, warehouse_path
from etl.uitvraag import bureau, rounds
from etl.uitvraag.export import export_round
from etl.uitvraag.organisations import read_organisations
from etl.uitvraag.store import connect
from etl.uitvraag.submit import Outcome, Refused, submit_file

EXIT_REFUSED = 2
#: Shortest password `bureau-hash` accepts (a generated one has 22 characters).
MIN_PASSWORD_LENGTH = 12


def _store(args: argparse.Namespace) -> Path:
    return Path(args.store).resolve() if args.store else uitvraag_store_path()


def cmd_open(args: argparse.Namespace) -> int:
    year = args.school_year.strip()
    start, _, end = year.partition("-")
    if not (start.isdigit() and end.isdigit() and int(end) == int(start) + 1):
        print(f"FOUT: schooljaar '{year}': verwacht een schooljaar als 2024-2025", file=sys.stderr)
        return EXIT_REFUSED
    if not Path(args.organisations).is_file():
        print(f"FOUT: {args.organisations}: bestand niet gevonden", file=sys.stderr)
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
        print(
            f"Vragen over {len(outcome.flags)} opvallende cijfer(s), vergeleken met vorig jaar "
            "of met vergelijkbare gemeenten:"
        )
        for flag in outcome.flags:
            print(f"- {flag.message()}")


def cmd_submit(args: argparse.Namespace) -> int:
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
                sys.stdin.readline().strip() if args.token == "-" else args.token,
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


def cmd_revoke(args: argparse.Namespace) -> int:
    with connect(_store(args)) as con:
        count = rounds.revoke(con, args.organisation)
    print(f"Link(s) van organisatie '{args.organisation}' ingetrokken: {count}.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with connect(_store(args)) as con:
        sys.stdout.write(bureau.status_csv(con))
    return 0


def cmd_close(args: argparse.Namespace) -> int:
    with connect(_store(args)) as con:
        closed = rounds.close(con, args.vintage)
    print(
        f"Uitvraag {closed.school_year} gesloten als versie '{closed.vintage}'; de cijfers "
        "liggen vast en de links zijn verlopen."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
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


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Export a closed round's submissions in force into the raw dir and build from it."""
    from etl.pipeline import build
    from etl.run_checks import format_report

    raw_dir = Path(args.raw_dir)
    if not raw_dir.is_dir():
        print(f"FOUT: raw-map {raw_dir} niet gevonden", file=sys.stderr)
        return EXIT_REFUSED
    with connect(_store(args)) as con:
        written = export_round(con, raw_dir, args.vintage)
    print(f"{len(written)} opgave(n) van versie '{args.vintage}' in {raw_dir} gezet.")
    db = Path(args.db) if args.db else warehouse_path()
    result = build(raw_dir, db, progress=lambda step: print(step, file=sys.stderr, flush=True))
    print(format_report(result.checks))
    print(f"Magazijn gebouwd uit versie '{args.vintage}': {result.db_path}.")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Nieuw wachtwoord voor /bureau: ")
        if getpass.getpass("Nog een keer: ") != first:
            return ""
        return first
    return sys.stdin.readline().rstrip("\r\n")


def cmd_bureau_hash(args: argparse.Namespace) -> int:
    """Print the `[bureau]` block for .streamlit/secrets.toml; the password never goes there."""
    if args.generate:
        password = bureau.new_password()
        print(
            f"Nieuw wachtwoord voor /bureau (wordt nergens bewaard, noteer het nu): {password}",
            file=sys.stderr,
        )
    else:
        password = _read_password()
        if len(password) < MIN_PASSWORD_LENGTH:
            print(
                f"FOUT: geef een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens (twee "
                "keer hetzelfde), of laat er een maken met --generate",
                file=sys.stderr,
            )
            return EXIT_REFUSED
    print(f'[bureau]\npassword_hash = "{bureau.hash_password(password)}"')
    print(
        "Zet deze twee regels in .streamlit/secrets.toml (alleen leesbaar voor de server) en "
        "herstart Kompas.",
        file=sys.stderr,
    )
    return 0
