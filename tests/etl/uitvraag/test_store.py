"""The store's schema: a store made before a column was added gets it when it is opened, with
the same definition a new store has, and its rows keep their values."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from etl.uitvraag.store import connect

# plausibility_flags as the first stores had it (before `kind`)
OLD_FLAGS = """
create table plausibility_flags (
    submission_id integer not null references submissions (submission_id),
    gemeentecode text not null,
    figure text not null,
    previous_value integer not null,
    value integer not null,
    message text not null
);
insert into plausibility_flags values (1, 'GM0014', 'absoluut_verzuim', 12, 30, 'Klopt dit?');
"""


def _columns(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("pragma table_info(plausibility_flags)").fetchall()
    finally:
        con.close()


def test_an_older_store_gets_the_kind_of_its_flags(tmp_path: Path) -> None:
    old = tmp_path / "oud.sqlite"
    con = sqlite3.connect(old)
    con.executescript(OLD_FLAGS)
    con.close()
    with connect(old) as opened:
        rows = opened.execute("select figure, value, message, kind from plausibility_flags")
        assert rows.fetchall() == [("absoluut_verzuim", 30, "Klopt dit?", "vorig_jaar")]
    with connect(tmp_path / "nieuw.sqlite"):
        pass
    assert _columns(old) == _columns(tmp_path / "nieuw.sqlite")
    assert [c[1] for c in _columns(old)][-1] == "kind"
    with connect(old):  # opening it again changes nothing
        pass
    assert _columns(old) == _columns(tmp_path / "nieuw.sqlite")
