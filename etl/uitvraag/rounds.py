"""The bureau's side of a round: open it (organisations + personal links), revoke a link, see
who answered, close it as a named vintage.

Only one round is open at a time; a closed round is frozen (the store's triggers refuse any
new submission or change to it).
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError
from etl.uitvraag.organisations import Organisation
from etl.uitvraag.store import now, transaction
from etl.uitvraag.tokens import member_url, new_secret, secret_hash

LINK_COLUMNS = ["organisation_id", "token", "url"]
STATUS_COLUMNS = [
    "organisation_id",
    "organisatie",
    "email",
    "gemeenten",
    "status",
    "laatste_opgave",
    "open_vragen",
]
SUBMITTED, NOT_YET = "ingediend", "nog niet"
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Round:
    """One collection round as stored."""

    round_id: int
    school_year: str
    opened_at: str
    closed_at: str | None
    vintage: str | None


def current_round(con: sqlite3.Connection) -> Round | None:
    """The open round, else the most recently opened one; None in an empty store."""
    row = con.execute(
        "select round_id, school_year, opened_at, closed_at, vintage from rounds "
        "order by closed_at is null desc, opened_at desc limit 1"
    ).fetchone()
    return Round(*row) if row else None


def open_round(
    con: sqlite3.Connection,
    school_year: str,
    organisations: list[Organisation],
    links_out: Path,
    public_url: str,
) -> Round:
    """Store a new round with its organisations and one new link each; write the links file.

    The links file (organisation_id, token, url; readable by its owner only) is the only place
    the secrets ever exist. It is written next to its target first and moved there only after
    the store committed, so either both exist or neither.

    Raises:
        BuildError: a round is still open, or the links file cannot be written.
    """
    secrets = {org.organisation_id: new_secret() for org in organisations}
    tmp = links_out.with_name(f".{links_out.name}.{os.getpid()}.tmp")
    try:
        _write_links(tmp, organisations, secrets, public_url)
    except OSError as error:
        raise BuildError(f"kan het linkbestand niet schrijven: {links_out} ({error})") from error
    try:
        with transaction(con):
            running = con.execute(
                "select school_year from rounds where closed_at is null"
            ).fetchone()
            if running:
                raise BuildError(
                    f"er loopt al een uitvraag (schooljaar {running[0]}); sluit die eerst met "
                    "`python -m etl uitvraag close --vintage NAAM`"
                )
            opened = now()
            cursor = con.execute(
                "insert into rounds (school_year, opened_at) values (?, ?)", (school_year, opened)
            )
            round_id = int(cursor.lastrowid or 0)
            for org in organisations:
                key = (round_id, org.organisation_id)
                con.execute(
                    "insert into organisations values (?, ?, ?, ?)", (*key, org.name, org.email)
                )
                con.executemany(
                    "insert into organisation_gemeenten values (?, ?, ?)",
                    [(*key, code) for code in org.gemeentecodes],
                )
                con.execute(
                    "insert into links (token_sha256, round_id, organisation_id, created_at) "
                    "values (?, ?, ?, ?)",
                    (secret_hash(secrets[org.organisation_id]), *key, opened),
                )
        os.replace(tmp, links_out)
    finally:
        tmp.unlink(missing_ok=True)
    return Round(round_id, school_year, opened, None, None)


def _write_links(
    path: Path, organisations: list[Organisation], secrets: dict[str, str], public_url: str
) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(LINK_COLUMNS)
        for org in organisations:
            secret = secrets[org.organisation_id]
            writer.writerow([org.organisation_id, secret, member_url(public_url, secret)])


def _open_round(con: sqlite3.Connection) -> Round:
    found = current_round(con)
    if found is None or found.closed_at is not None:
        raise BuildError("er loopt geen uitvraag; open er een met `python -m etl uitvraag open`")
    return found


def revoke(con: sqlite3.Connection, organisation_id: str) -> int:
    """Revoke the organisation's links in the open round; returns how many were revoked.

    Raises:
        BuildError: no round is open, or the organisation is not in it.
    """
    with transaction(con):
        running = _open_round(con)
        known = con.execute(
            "select 1 from organisations where round_id = ? and organisation_id = ?",
            (running.round_id, organisation_id),
        ).fetchone()
        if not known:
            raise BuildError(f"organisatie '{organisation_id}' doet niet mee aan deze uitvraag")
        cursor = con.execute(
            "update links set revoked_at = ? where round_id = ? and organisation_id = ? "
            "and revoked_at is null",
            (now(), running.round_id, organisation_id),
        )
    return cursor.rowcount


def close(con: sqlite3.Connection, vintage: str) -> Round:
    """Freeze the open round under the name `vintage`.

    Raises:
        BuildError: no round is open, or the name is empty or already used.
    """
    if not vintage.strip():
        raise BuildError("geef de versie een naam, bijvoorbeeld --vintage 2024-2025-definitief")
    with transaction(con):
        running = _open_round(con)
        used = con.execute("select 1 from rounds where vintage = ?", (vintage,)).fetchone()
        if used:
            raise BuildError(f"versienaam '{vintage}' is al gebruikt")
        closed = now()
        con.execute(
            "update rounds set closed_at = ?, vintage = ? where round_id = ?",
            (closed, vintage, running.round_id),
        )
    return Round(running.round_id, running.school_year, running.opened_at, closed, vintage)


def status_csv(con: sqlite3.Connection) -> str:
    """The response table of the current round as CSV text (columns `STATUS_COLUMNS`).

    Per organisation: its gemeenten, 'ingediend' when an accepted submission is in force (else
    'nog niet'), the time of that submission, and how many plausibility questions on it are
    not confirmed yet (a flag whose figure has no confirmation; 0 without a submission).
    Cells a spreadsheet would run as a formula get a leading apostrophe.

    Raises:
        BuildError: the store holds no round.
    """
    found = current_round(con)
    if found is None:
        raise BuildError("er is nog geen uitvraag geopend")
    rows = con.execute(
        """
        select o.organisation_id, o.name, o.email,
            (select group_concat(gemeentecode, ' ') from (
                select gemeentecode from organisation_gemeenten g
                where g.round_id = o.round_id and g.organisation_id = o.organisation_id
                order by gemeentecode)),
            s.received_at,
            (select count(*) from plausibility_flags f
                left join flag_confirmations c on c.submission_id = f.submission_id
                    and c.gemeentecode = f.gemeentecode and c.figure = f.figure
                where f.submission_id = s.submission_id and c.submission_id is null)
        from organisations o
        left join submissions s on s.round_id = o.round_id
            and s.organisation_id = o.organisation_id
            and s.is_accepted = 1 and s.superseded_by is null
        where o.round_id = ?
        order by o.organisation_id
        """,
        (found.round_id,),
    ).fetchall()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STATUS_COLUMNS)
    for org_id, name, email, codes, received, open_flags in rows:
        state = SUBMITTED if received else NOT_YET
        cells = [org_id, name, email, codes, state, received or "", open_flags]
        writer.writerow([as_text_cell(str(cell)) for cell in cells])
    return buffer.getvalue()


def as_text_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading `'` before `=`, `+`, `-`, `@`."""
    return "'" + text if text.startswith(_FORMULA_START) else text
