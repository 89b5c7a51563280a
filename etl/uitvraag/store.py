"""The uitvraag store: one SQLite file (WAL mode) that several processes may write at once.

Every write runs in `transaction()`, which takes SQLite's write lock up front (`begin
immediate`) and waits for another writer instead of failing; a crash mid-write leaves the last
committed state (SQLite's journal). The schema is `schema.sql` next to this module; a store
made before a column was added to it gets that column when it is opened (`ADDED_COLUMNS`:
`create table if not exists` leaves an existing table as it was).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCHEMA = Path(__file__).with_name("schema.sql")
#: Seconds a writer waits for another one before giving up.
BUSY_TIMEOUT_SECONDS = 60
#: Columns `schema.sql` gained after stores were first made: (table, column, definition as in
#: the schema). Existing rows get the definition's default.
ADDED_COLUMNS = [("plausibility_flags", "kind", "text not null default 'vorig_jaar'")]


def now() -> str:
    """The current UTC time as ISO text with microseconds (sorts as text)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """Open (and if needed create) the store at `path`; closes it afterwards."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # members' figures and the link hashes: readable by the owner only (SQLite gives its -wal
    # and -shm files the same permissions)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        con.execute("pragma journal_mode = wal")
        con.execute("pragma synchronous = full")
        con.execute("pragma foreign_keys = on")
        try:
            # one transaction, so processes opening a new store at once create it once
            con.executescript("begin immediate;\n" + SCHEMA.read_text(encoding="utf-8"))
            _add_columns(con)
            con.execute("commit")
        except sqlite3.Error:
            if con.in_transaction:
                con.execute("rollback")
            raise
        yield con
    finally:
        con.close()


def _add_columns(con: sqlite3.Connection) -> None:
    for table, column, definition in ADDED_COLUMNS:
        present = {row[1] for row in con.execute(f"pragma table_info({table})")}
        if column not in present:
            con.execute(f"alter table {table} add column {column} {definition}")


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run the block as one write transaction: all of it is stored, or nothing."""
    con.execute("begin immediate")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
