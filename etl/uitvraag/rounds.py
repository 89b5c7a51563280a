"""The bureau's side of a round: open it (organisations + personal links), revoke a link, close
it as a named vintage (who answered: `bureau.response`).

Only one round is open at a time; a closed round is frozen (the store's triggers refuse any
new submission or change to it).
"""

from __future__ import annotations

import csv
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from etl.errors import BuildError
from etl.uitvraag.organisations import Organisation
from etl.uitvraag.store import now, transaction
from etl.uitvraag.tokens import member_url, new_secret, secret_hash

LINK_COLUMNS = ["organisation_id", "token", "url"]


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
