"""Slow down a client that keeps presenting wrong secrets.

Each wrong, revoked or expired secret adds one to a per-client counter in the store. Before the
store looks at a secret, the client waits `delay_seconds(failures)`: nothing for the first
failure, then 1 s doubling per failure up to 30 s. The counter forgets a client whose last
failure is older than `WINDOW`. A correct secret does not reset it (or one valid link would let
its holder guess others at full speed). On the command line the client is `--client`
(default: `cli:` and the user name); a web page passes the remote address.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

from etl.uitvraag.store import now, transaction

#: Failures older than this are forgotten.
WINDOW = dt.timedelta(minutes=15)
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 30.0


def delay_seconds(failures: int) -> float:
    """Wait before answering a client with `failures` recent wrong secrets."""
    if failures <= 1:
        return 0.0
    return min(FIRST_DELAY_SECONDS * 2 ** (failures - 2), MAX_DELAY_SECONDS)


def recent_failures(con: sqlite3.Connection, client: str) -> int:
    """Wrong secrets of `client` within the window."""
    row = con.execute(
        "select failures, last_failure_at from failed_attempts where client = ?", (client,)
    ).fetchone()
    if row is None:
        return 0
    last = dt.datetime.fromisoformat(row[1])
    return int(row[0]) if dt.datetime.now(dt.UTC) - last <= WINDOW else 0


def wait_for_turn(con: sqlite3.Connection, client: str) -> None:
    """Sleep as long as the client's recent failures ask for."""
    pause = delay_seconds(recent_failures(con, client))
    if pause:
        time.sleep(pause)


def record_failure(con: sqlite3.Connection, client: str) -> None:
    """Count one more wrong secret for `client`."""
    with transaction(con):
        failures = recent_failures(con, client) + 1
        con.execute(
            "insert into failed_attempts (client, failures, last_failure_at) values (?, ?, ?) "
            "on conflict (client) do update set failures = excluded.failures, "
            "last_failure_at = excluded.last_failure_at",
            (client, failures, now()),
        )
