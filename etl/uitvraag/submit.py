"""A member's submission: secret + file -> a stored record, accepted or refused with the reasons.

Steps: wait out the client's recent wrong secrets (`throttle`); find the link by the secret's
hash; a wrong, revoked or expired (round closed) secret gets one generic refusal (`REFUSAL`) and
counts as a failure for the client. Then the file is checked (`intake.check_upload`) and, when
valid, compared with last year and with similar gemeenten (`plausibility`; that the comparison
ran is recorded in `comparisons`, since no warehouse means no comparison and so no questions).
An explanation given with the upload (`uitvraag submit --confirm`) confirms every question it
raises; the member page confirms them one at a time afterwards (`member.confirm`). Every upload
with a valid secret is stored with its exact bytes, checksum, time and validation result; an
accepted one supersedes the organisation's earlier accepted submission (each submission is the
organisation's whole answer), which stays in the store. Storing is one transaction, so
simultaneous submissions queue and a crash leaves either the whole record or none.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.errors import InputError
from etl.uitvraag import plausibility, throttle
from etl.uitvraag.intake import check_upload, school_year_start, size_problem
from etl.uitvraag.plausibility import Flag
from etl.uitvraag.store import now, transaction
from etl.uitvraag.tokens import secret_hash

#: The one answer to a wrong, revoked or expired secret (says nothing about which it was).
REFUSAL = (
    "Deze link is niet (meer) geldig. Vraag het landelijk bureau om een nieuwe link als u "
    "cijfers wilt inleveren."
)


class Refused(Exception):
    """The secret does not open a link in an open round (message: `REFUSAL`)."""

    def __init__(self) -> None:
        super().__init__(REFUSAL)


@dataclass(frozen=True)
class Link:
    """What a valid secret opens: the organisation in an open round."""

    round_id: int
    school_year: str
    organisation_id: str
    name: str
    gemeentecodes: frozenset[str]


@dataclass(frozen=True)
class Outcome:
    """The stored result of one upload: its id, whether it was accepted, the refusal lines,
    the plausibility flags, how many gemeenten it holds and the checksum of its bytes."""

    submission_id: int
    is_accepted: bool
    messages: list[str]
    flags: list[Flag]
    gemeenten: int
    sha256: str | None


def open_link(con: sqlite3.Connection, secret: str, client: str) -> Link:
    """The link a secret opens, after the client's wait.

    Raises:
        Refused: unknown, revoked or expired secret (also counted for the client).
    """
    throttle.wait_for_turn(con, client)
    row = con.execute(
        "select l.round_id, r.school_year, l.organisation_id, o.name from links l "
        "join rounds r using (round_id) "
        "join organisations o using (round_id, organisation_id) "
        "where l.token_sha256 = ? and l.revoked_at is null and r.closed_at is null",
        (secret_hash(secret),),
    ).fetchone()
    if row is None:
        throttle.record_failure(con, client)
        raise Refused()
    codes = con.execute(
        "select gemeentecode from organisation_gemeenten where round_id = ? "
        "and organisation_id = ?",
        (row[0], row[2]),
    ).fetchall()
    return Link(int(row[0]), str(row[1]), str(row[2]), str(row[3]), frozenset(c for (c,) in codes))


def submit_file(
    con: sqlite3.Connection,
    secret: str,
    path: Path,
    client: str,
    max_bytes: int,
    warehouse: Path | None,
    explanation: str | None = None,
) -> Outcome:
    """Check and store one file from disk (read only when within the size limit).

    Raises:
        Refused: see `open_link`.
    """
    link = open_link(con, secret, client)
    size = path.stat().st_size
    if size > max_bytes:
        message = f"FOUT: {size_problem(path.name, size, max_bytes).describe()}"
        return _store(con, link, path.name, size, None, [message], pd.DataFrame(), [], None)
    return submit_bytes(con, link, path.name, path.read_bytes(), max_bytes, warehouse, explanation)


def submit_bytes(
    con: sqlite3.Connection,
    link: Link,
    name: str,
    content: bytes,
    max_bytes: int,
    warehouse: Path | None,
    explanation: str | None = None,
) -> Outcome:
    """Check and store one upload for an opened link."""
    try:
        staged = check_upload(name, content, link.gemeentecodes, link.school_year, max_bytes)
    except InputError as error:
        messages = [f"FOUT: {problem.describe()}" for problem in error.problems]
        return _store(con, link, name, len(content), content, messages, pd.DataFrame(), [], None)
    flags: list[Flag] = []
    compared: int | None = None
    if warehouse is not None and warehouse.is_file():
        reference = plausibility.reference(warehouse, school_year_start(link.school_year))
        flags = reference.flags(staged)
        compared = reference.gemeenten_with_last_year(staged)
    return _store(con, link, name, len(content), content, [], staged, flags, explanation, compared)


def _store(
    con: sqlite3.Connection,
    link: Link,
    name: str,
    size: int,
    content: bytes | None,
    messages: list[str],
    staged: pd.DataFrame,
    flags: list[Flag],
    explanation: str | None,
    compared: int | None = None,
) -> Outcome:
    accepted = not messages
    digest = hashlib.sha256(content).hexdigest() if content is not None else None
    try:
        with transaction(con):
            cursor = con.execute(
                "insert into submissions (round_id, organisation_id, received_at, file_name, "
                "size_bytes, content, sha256, is_accepted, messages) "
                "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    link.round_id,
                    link.organisation_id,
                    now(),
                    name,
                    size,
                    content,
                    digest,
                    int(accepted),
                    json.dumps(messages, ensure_ascii=False),
                ),
            )
            submission_id = int(cursor.lastrowid or 0)
            if accepted:
                con.execute(
                    "update submissions set superseded_by = ? where round_id = ? "
                    "and organisation_id = ? and is_accepted = 1 and superseded_by is null "
                    "and submission_id <> ?",
                    (submission_id, link.round_id, link.organisation_id, submission_id),
                )
                con.executemany(
                    "insert into plausibility_flags (submission_id, gemeentecode, figure, "
                    "previous_value, value, message, kind) values (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            submission_id,
                            f.gemeentecode,
                            f.figure,
                            f.previous_value,
                            f.value,
                            f.message(),
                            f.kind,
                        )
                        for f in flags
                    ],
                )
                if explanation:
                    # the one explanation given with the upload confirms each of its questions
                    con.execute(
                        "insert into flag_confirmations select submission_id, gemeentecode, "
                        "figure, ?, ? from plausibility_flags where submission_id = ?",
                        (explanation, now(), submission_id),
                    )
                if compared is not None:
                    con.execute(
                        "insert into comparisons values (?, ?, ?)",
                        (submission_id, compared, now()),
                    )
    except sqlite3.IntegrityError as error:
        # the round was closed between opening the link and storing: an expired secret
        if "round is closed" in str(error):
            raise Refused() from error
        raise
    return Outcome(submission_id, accepted, messages, flags, len(staged), digest)
