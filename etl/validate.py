"""Check staged tables against the value rules in `etl/staged/_staged.yml`.

Turns staged rows that break a rule into `Problem`s naming the raw file, row, column and value,
so `build` can stop with a message the user can act on. Runs before harmonisation: nothing
invalid reaches the marts.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
import yaml

from etl.errors import Problem
from etl.paths import ETL_DIR

MAX_PROBLEMS = 50
#: The messages for a count that is not a whole number, or is negative (also used by the
#: template's optional inzet columns, which are checked while parsing).
NOT_WHOLE = "geen geheel getal (schrijf een aantal zonder punt of komma, bijvoorbeeld 1000)"
NEGATIVE_COUNT = "negatief aantal; een aantal is 0 of meer"


@cache
def rules() -> dict[str, dict[str, Any]]:
    """The parsed `_staged.yml`."""
    text = (ETL_DIR / "staged" / "_staged.yml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _problems(con: duckdb.DuckDBPyConnection, sql: str, column: str, message: str) -> list[Problem]:
    rows = con.execute(sql + f" limit {MAX_PROBLEMS}").fetchall()
    return [
        Problem(
            file=str(f),
            row=int(r),
            column=column,
            value=None if v is None else str(v),
            message=message,
        )
        for f, r, v in rows
    ]


def _joined(table: str, raw: str) -> str:
    return (
        f"from {table} s left join {raw} r "
        "on s._source_file = r._source_file and s._row_number = r._row_number"
    )


def _occurring(con: duckdb.DuckDBPyConnection, table: str, spec: dict) -> set[str]:
    """The conditions on the staged rows alone (`s.column is null`, `s.a > s.b`, ...) that
    some row of `table` meets, in one scan. Each rule's query, which joins the raw table to
    name the raw value, runs only when its condition occurs (it selects a subset of those
    rows), so a valid table costs one query instead of one join per rule."""
    conditions = sorted(
        {f"s.{_q(column)} is null" for column in spec.get("required", {})}
        | {f"s.{_q(column)} is null" for column in spec.get("numbers", {})}
        | {f"s.{_q(column)} < 0" for column in spec.get("numbers", {})}
        | {f"s.{_q(num)} > s.{_q(den)}" for num, den in spec.get("not_above", {}).items()}
    )
    if not conditions:
        return set()
    counts = ", ".join(f"count(*) filter (where {condition})" for condition in conditions)
    row = con.execute(f"select {counts} from {table} s").fetchone() or ()
    return {condition for condition, count in zip(conditions, row, strict=True) if count}


def _required(
    con: duckdb.DuckDBPyConnection, table: str, raw: str, spec: dict, occurring: set[str]
) -> list[Problem]:
    found: list[Problem] = []
    for column, (raw_column, hint) in spec.items():
        if f"s.{_q(column)} is null" not in occurring:
            continue
        sql = (
            f"select s._source_file, s._row_number, r.{_q(raw_column)} "
            f"{_joined(table, raw)} where s.{_q(column)} is null order by 1, 2"
        )
        found += _problems(con, sql, raw_column, f"ongeldige of lege waarde ({hint})")
    return found


def _numbers(
    con: duckdb.DuckDBPyConnection, table: str, raw: str, spec: dict, occurring: set[str]
) -> list[Problem]:
    found: list[Problem] = []
    for column, raw_column in spec.items():
        raw_value = f"r.{_q(raw_column)}"
        if f"s.{_q(column)} is null" in occurring:
            not_number = (
                f"select s._source_file, s._row_number, {raw_value} {_joined(table, raw)} "
                f"where s.{_q(column)} is null "
                f"and trim(coalesce({raw_value}, '')) not in ('', '.') order by 1, 2"
            )
            found += _problems(con, not_number, raw_column, NOT_WHOLE)
        if f"s.{_q(column)} < 0" in occurring:
            negative = (
                f"select s._source_file, s._row_number, {raw_value} {_joined(table, raw)} "
                f"where s.{_q(column)} < 0 order by 1, 2"
            )
            found += _problems(con, negative, raw_column, NEGATIVE_COUNT)
    return found


def _unique(con: duckdb.DuckDBPyConnection, table: str, key: list[str]) -> list[Problem]:
    cols = ", ".join(_q(k) for k in key)
    sql = (
        f"select _source_file, _row_number, concat_ws(' / ', {cols}), first_file, first_row "
        f"from (select *, count(*) over (partition by {cols}) as n, "
        f"first_value(_source_file) over w as first_file, "
        f"first_value(_row_number) over w as first_row from {table} "
        f"window w as (partition by {cols} order by _source_file, _row_number)) "
        f"where n > 1 and not (_source_file = first_file and _row_number = first_row) "
        f"order by 1, 2 limit {MAX_PROBLEMS}"
    )
    return [
        Problem(
            file=str(f),
            row=int(r),
            column=" + ".join(key),
            value=str(v),
            message=f"dubbele sleutel: komt al voor in {ff} regel {fr}",
        )
        for f, r, v, ff, fr in con.execute(sql).fetchall()
    ]


def _not_above(
    con: duckdb.DuckDBPyConnection,
    table: str,
    raw: str,
    spec: dict,
    numbers: dict,
    occurring: set[str],
) -> list[Problem]:
    found: list[Problem] = []
    for numerator, denominator in spec.items():
        if f"s.{_q(numerator)} > s.{_q(denominator)}" not in occurring:
            continue
        num_raw, den_raw = numbers[numerator], numbers[denominator]
        sql = (
            f"select s._source_file, s._row_number, r.{_q(num_raw)} {_joined(table, raw)} "
            f"where s.{_q(numerator)} > s.{_q(denominator)} order by 1, 2"
        )
        found += _problems(con, sql, num_raw, f"is groter dan '{den_raw}' in dezelfde rij")
    return found


def validate_staged(con: duckdb.DuckDBPyConnection) -> list[Problem]:
    """All rule violations in the staged tables present in `con` (empty list = valid)."""
    problems: list[Problem] = []
    existing = {
        f"{s}.{t}"
        for s, t in con.execute("select schema_name, table_name from duckdb_tables()").fetchall()
    }
    for table, spec in rules().items():
        if table not in existing:
            continue
        raw = spec["raw"]
        occurring = _occurring(con, table, spec)
        problems += _required(con, table, raw, spec.get("required", {}), occurring)
        problems += _numbers(con, table, raw, spec.get("numbers", {}), occurring)
        if "unique" in spec:
            problems += _unique(con, table, spec["unique"])
        problems += _not_above(
            con, table, raw, spec.get("not_above", {}), spec.get("numbers", {}), occurring
        )
    return problems[:MAX_PROBLEMS]
