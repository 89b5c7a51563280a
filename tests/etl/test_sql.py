"""Tests for etl/sql.py: a layer run with `only` builds just the tables named."""

from __future__ import annotations

import datetime as dt

import duckdb

from etl.sql import run_layer


def test_run_layer_only_builds_the_named_tables() -> None:
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute(
        'create table raw.rvig__municipality_codes ("92.10 Gemeentecode" varchar, '
        '"92.11 Omschrijving" varchar, "92.12 Nieuwe code" varchar, "99.99 Datum einde" varchar, '
        "_source_file varchar, _row_number bigint)"
    )
    con.execute(
        "insert into raw.rvig__municipality_codes values "
        "('0003', 'Appingedam', '1979', '20210101', 'tabel33.csv', 1), "
        "('0014', 'Groningen', '', '', 'tabel33.csv', 2)"
    )
    created = run_layer(con, "staged", only=["rvig__municipality_changes"])
    assert created == ["staged.rvig__municipality_changes"]
    tables = con.execute(
        "select table_name from duckdb_tables() where schema_name = 'staged'"
    ).fetchall()
    assert tables == [("rvig__municipality_changes",)]
    # Appingedam ended on 1 January 2021 and went into Eemsdelta (1979); Groningen did not end
    assert con.execute("select * from staged.rvig__municipality_changes").fetchall() == [
        ("GM0003", "GM1979", "Appingedam", dt.date(2021, 1, 1), "tabel33.csv", 1, 1.0)
    ]
