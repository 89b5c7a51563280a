"""Tests for etl/beside.py: a step on its own cursor and thread, waited for at the block's end."""

from __future__ import annotations

import duckdb
import pytest

from etl.beside import beside


def _count_into_side(cursor: duckdb.DuckDBPyConnection) -> int:
    cursor.execute("create table side as select range as n from range(1000)")
    row = cursor.execute("select sum(n) from main_table").fetchone()
    assert row is not None
    return int(row[0])


def test_the_step_runs_on_its_own_cursor_and_is_done_after_the_block() -> None:
    con = duckdb.connect()
    con.execute("create table main_table as select range as n from range(10)")
    with beside(con, _count_into_side) as step:
        con.execute("create table other as select 1 as x")
    # 0 + 1 + ... + 9 = 45 read by the step; its table has the 1000 rows 0..999
    assert step.result() == 45
    assert con.execute("select count(*), sum(n) from side").fetchone() == (1000, 499500)
    assert con.execute("select x from other").fetchone() == (1,)


def test_an_error_of_the_step_is_raised_at_the_end_of_the_block() -> None:
    con = duckdb.connect()
    with (
        pytest.raises(duckdb.CatalogException, match="main_table"),
        beside(con, _count_into_side),
    ):
        pass


def test_an_error_in_the_block_wins_and_the_step_still_finishes() -> None:
    con = duckdb.connect()
    con.execute("create table main_table as select 1 as n")
    with pytest.raises(ValueError, match="in the block"), beside(con, _count_into_side):
        raise ValueError("in the block")
    assert con.execute("select count(*) from side").fetchone() == (1000,)
