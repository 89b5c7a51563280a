"""The workshop store: sessions, participants and their answers in one SQLite file in WAL mode,
shared safely by every Streamlit process of a room (DuckDB allows one writer only).

- A session has a short code of letters that cannot be confused (no I, L, O, Q, nor B, S, Z that
  look like 8, 5, 2), a trainer secret stored only as its SHA-256 hash (the secret is 32 random
  bytes, so a plain hash is enough), and expires a day after it was created. `group_step` is the
  step the trainer moved everyone to, None for "own pace"; `shown_step` the step whose result is
  on the projector.
- A participant is a random id (kept in the participant's URL), their own region and their step.
- An answer belongs to a participant and a step; answering again replaces it. No names anywhere.

Each call opens its own connection (Streamlit runs sessions in threads), waits up to
`BUSY_TIMEOUT_S` for a writer, and writes in one short transaction.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from etl.uitvraag.store import transaction

CODE_ALPHABET = "ACDEFGHJKMNPRTUVWXY"
CODE_LENGTH = 6
SESSION_LIFETIME = timedelta(days=1)
BUSY_TIMEOUT_S = 30.0
SCHEMA = """
create table if not exists sessions (
    code text primary key,
    workshop_key text not null,
    secret_hash text not null,
    created_at text not null,
    expires_at text not null,
    group_step integer,
    shown_step integer,
    ended_at text
);
create table if not exists participants (
    participant_id text primary key,
    session_code text not null references sessions(code) on delete cascade,
    joined_at text not null,
    region_code text,
    region_level text,
    step integer not null default 1
);
create index if not exists participants_by_session on participants(session_code);
create table if not exists answers (
    participant_id text not null references participants(participant_id) on delete cascade,
    session_code text not null,
    step integer not null,
    answer text not null,
    is_correct integer,
    answered_at text not null,
    primary key (participant_id, step)
);
create index if not exists answers_by_session on answers(session_code, step);
"""


@dataclass(frozen=True)
class Session:
    """One workshop session as stored."""

    code: str
    workshop_key: str
    created_at: datetime
    expires_at: datetime
    group_step: int | None
    shown_step: int | None
    is_ended: bool


@dataclass(frozen=True)
class Participant:
    """One participant of a session (no name: a random id)."""

    participant_id: str
    session_code: str
    region_code: str | None
    region_level: str | None
    step: int


@dataclass(frozen=True)
class Answer:
    """One stored answer; `participant_number` counts participants in joining order (1, 2, ...)."""

    participant_number: int
    step: int
    answer: str
    is_correct: bool | None
    answered_at: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def normalise_code(text: str) -> str:
    """A typed code as stored: capitals, spaces and dashes removed."""
    return "".join(text.split()).replace("-", "").upper()


class Store:
    """The workshop store in one SQLite file (created with its folder when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            con.execute("pragma journal_mode = wal")
            con.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            con.execute("pragma foreign_keys = on")
            con.execute("pragma synchronous = normal")
            yield con
        finally:
            con.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as con, transaction(con):
            yield con

    # --- sessions --------------------------------------------------------------------------

    def create_session(self, workshop_key: str) -> tuple[str, str]:
        """A new session for a workshop; returns (code, trainer secret). Expired sessions and
        everything in them are deleted first."""
        secret = secrets.token_urlsafe(32)
        now = _now()
        with self._write() as con:
            con.execute("delete from sessions where expires_at <= ?", (now.isoformat(),))
            while True:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                taken = con.execute("select 1 from sessions where code = ?", (code,)).fetchone()
                if not taken:
                    break
            con.execute(
                "insert into sessions (code, workshop_key, secret_hash, created_at, expires_at) "
                "values (?, ?, ?, ?, ?)",
                (
                    code,
                    workshop_key,
                    _hash(secret),
                    now.isoformat(),
                    (now + SESSION_LIFETIME).isoformat(),
                ),
            )
        return code, secret

    def session(self, code: str) -> Session | None:
        """The session with this code, or None when unknown or expired."""
        with self._connect() as con:
            row = con.execute(
                "select code, workshop_key, created_at, expires_at, group_step, shown_step, "
                "ended_at from sessions where code = ? and expires_at > ?",
                (normalise_code(code), _now().isoformat()),
            ).fetchone()
        if row is None:
            return None
        return Session(
            code=row[0],
            workshop_key=row[1],
            created_at=datetime.fromisoformat(row[2]),
            expires_at=datetime.fromisoformat(row[3]),
            group_step=row[4],
            shown_step=row[5],
            is_ended=row[6] is not None,
        )

    def is_trainer(self, code: str, secret: str) -> bool:
        """Whether `secret` is the trainer secret of a live session (constant-time compare)."""
        with self._connect() as con:
            row = con.execute(
                "select secret_hash from sessions where code = ? and expires_at > ?",
                (normalise_code(code), _now().isoformat()),
            ).fetchone()
        return row is not None and hmac.compare_digest(row[0], _hash(secret))

    def move_group(self, code: str, step: int | None) -> None:
        """Move every participant to `step`, or let everyone go at their own pace (None)."""
        with self._write() as con:
            con.execute("update sessions set group_step = ? where code = ?", (step, code))
            if step is not None:
                con.execute("update participants set step = ? where session_code = ?", (step, code))

    def show_step(self, code: str, step: int | None) -> None:
        """Put a step's result on the projector (None: back to the overview)."""
        with self._write() as con:
            con.execute("update sessions set shown_step = ? where code = ?", (step, code))

    def end_session(self, code: str) -> None:
        """End a session: participants can no longer answer; its answers stay until it expires."""
        with self._write() as con:
            con.execute(
                "update sessions set ended_at = ? where code = ?", (_now().isoformat(), code)
            )

    # --- participants ----------------------------------------------------------------------

    def join(self, code: str) -> str | None:
        """A new participant of a live, open session; returns its id (None: no such session)."""
        session = self.session(code)
        if session is None or session.is_ended:
            return None
        participant_id = secrets.token_urlsafe(12)
        with self._write() as con:
            con.execute(
                "insert into participants (participant_id, session_code, joined_at, step) "
                "values (?, ?, ?, ?)",
                (participant_id, session.code, _now().isoformat(), session.group_step or 1),
            )
        return participant_id

    def participant(self, code: str, participant_id: str) -> Participant | None:
        """A participant of a live session, or None."""
        with self._connect() as con:
            row = con.execute(
                "select p.participant_id, p.session_code, p.region_code, p.region_level, p.step "
                "from participants as p join sessions as s on s.code = p.session_code "
                "where p.participant_id = ? and s.code = ? and s.expires_at > ?",
                (participant_id, normalise_code(code), _now().isoformat()),
            ).fetchone()
        return Participant(*row) if row else None

    def set_region(self, participant_id: str, level: str | None, region_code: str | None) -> None:
        """Remember the participant's own region (level and code)."""
        with self._write() as con:
            con.execute(
                "update participants set region_level = ?, region_code = ? "
                "where participant_id = ?",
                (level, region_code, participant_id),
            )

    def set_step(self, participant_id: str, step: int) -> None:
        """Where a participant going at their own pace is."""
        with self._write() as con:
            con.execute(
                "update participants set step = ? where participant_id = ?", (step, participant_id)
            )

    # --- answers ---------------------------------------------------------------------------

    def save_answer(
        self, participant_id: str, step: int, answer: str, is_correct: bool | None
    ) -> None:
        """Store (or replace) a participant's answer to a step."""
        with self._write() as con:
            con.execute(
                "insert into answers (participant_id, session_code, step, answer, is_correct, "
                "answered_at) select participant_id, session_code, ?, ?, ?, ? from participants "
                "where participant_id = ? on conflict (participant_id, step) do update set "
                "answer = excluded.answer, is_correct = excluded.is_correct, "
                "answered_at = excluded.answered_at",
                (step, answer, is_correct, _now().isoformat(), participant_id),
            )

    def answer_of(self, participant_id: str, step: int) -> str | None:
        """A participant's stored answer to a step, or None."""
        with self._connect() as con:
            row = con.execute(
                "select answer from answers where participant_id = ? and step = ?",
                (participant_id, step),
            ).fetchone()
        return row[0] if row else None

    def participant_count(self, code: str) -> int:
        """How many participants joined a session."""
        with self._connect() as con:
            row = con.execute(
                "select count(*) from participants where session_code = ?", (code,)
            ).fetchone()
        return int(row[0])

    def answers(self, code: str) -> list[Answer]:
        """Every answer of a session, anonymous, by step and participant number."""
        with self._connect() as con:
            rows = con.execute(
                "with numbered as (select participant_id, row_number() over "
                "(order by joined_at, participant_id) as number from participants "
                "where session_code = ?) "
                "select n.number, a.step, a.answer, a.is_correct, a.answered_at from answers a "
                "join numbered n using (participant_id) where a.session_code = ? "
                "order by a.step, n.number",
                (code, code),
            ).fetchall()
        return [
            Answer(
                participant_number=int(number),
                step=int(step),
                answer=str(answer),
                is_correct=None if correct is None else bool(correct),
                answered_at=datetime.fromisoformat(answered_at),
            )
            for number, step, answer, correct, answered_at in rows
        ]
