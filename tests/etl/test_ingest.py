"""Tests for etl/ingest.py: parsed sources stored as raw and staged tables on a background
cursor give the same tables as storing and running the staged layer one step at a time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from etl.errors import InputError
from etl.ingest import Ingester
from etl.raw.load import load_raw
from etl.sql import layer_files, run_layer, write_frame
from tests.etl.sources.helpers import BIG, copy_mini

STAGED = {f"staged.{path.stem}" for path in layer_files("staged")}


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> set[str]:
    return {
        f"{schema}.{name}"
        for (name,) in con.execute(
            "select table_name from duckdb_tables() where schema_name = $schema", {"schema": schema}
        ).fetchall()
    }


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[object, ...]]:
    return con.execute(f"select * from {table} order by all").fetchall()


def test_ingester_stores_every_raw_table_and_the_staged_layer(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    con = duckdb.connect(str(tmp_path / "ingested.duckdb"))
    with Ingester(con) as ingester:
        loaded = load_raw(raw, BIG, parsed=ingester.submit)
        ingester.wait()
    # the reference: the same frames written and the staged layer run on the main thread
    reference = duckdb.connect()
    for name, frame in loaded.tables.items():
        write_frame(reference, name, pa.Table.from_pandas(frame, preserve_index=False))
    run_layer(reference, "staged")
    assert _tables(con, "raw") == set(loaded.tables)
    assert _tables(con, "staged") == STAGED
    for table in sorted(set(loaded.tables) | STAGED):
        assert _rows(con, table) == _rows(reference, table), table
    con.close()


def test_a_parse_error_is_reported_and_the_connection_closes(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / "verzuim/verzuim_2023-2024.csv").write_text("geen;kolommen\n1;2\n", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "failed.duckdb"))
    with pytest.raises(InputError), Ingester(con) as ingester:
        load_raw(raw, BIG, parsed=ingester.submit)
    # the sources before verzuim were stored; the cursor is closed, so the connection closes
    assert "raw.duo__school_addresses" in _tables(con, "raw")
    con.close()
