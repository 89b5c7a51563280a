"""Run the data checks in `etl/checks/*.sql`: each selects offending rows; none = passed."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import duckdb

from etl.paths import ETL_DIR

CHECK_DIR = ETL_DIR / "checks"
SAMPLE_ROWS = 5
_TABLE = re.compile(r"\b(raw|staged|harmonised|marts|meta)\.([a-z_][a-z0-9_]*)", re.IGNORECASE)


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check."""

    check_name: str
    description: str
    failing_rows: int
    sample: str

    @property
    def passed(self) -> bool:
        """True when no rows failed."""
        return self.failing_rows == 0


def _description(sql: str) -> str:
    """The Dutch description on the check's `-- nl:` header line (shown to users)."""
    for line in sql.splitlines():
        if line.startswith("-- nl:"):
            return line.removeprefix("-- nl:").strip()
    raise ValueError("check without a '-- nl:' description line")


def check_names() -> list[str]:
    """Every check, in file-name order (the order of the report)."""
    return [path.stem for path in sorted(CHECK_DIR.glob("*.sql"))]


def tables_named(check_name: str) -> set[str]:
    """Every warehouse table a check's SQL names (`schema.table` of a warehouse schema, anywhere
    in the text: a superset of what it reads)."""
    sql = (CHECK_DIR / f"{check_name}.sql").read_text(encoding="utf-8")
    return {".".join(match) for match in _TABLE.findall(sql)}


def run_checks(
    con: duckdb.DuckDBPyConnection, only: Collection[str] | None = None
) -> list[CheckResult]:
    """Run every check (with `only`: just those) on `con`; results in file-name order."""
    results = []
    for name in check_names():
        if only is not None and name not in only:
            continue
        path = CHECK_DIR / f"{name}.sql"
        sql = path.read_text(encoding="utf-8")
        frame = con.execute(f"select * from ({sql})").df()
        sample = frame.head(SAMPLE_ROWS).to_string(index=False) if len(frame) else ""
        results.append(CheckResult(path.stem, _description(sql), len(frame), sample))
    return results


def write_results(con: duckdb.DuckDBPyConnection, results: list[CheckResult]) -> None:
    """Store results as meta.checks."""
    con.execute("create schema if not exists meta")
    con.execute(
        "create or replace table meta.checks (check_name varchar, description varchar, "
        "failing_rows integer, passed boolean, sample varchar)"
    )
    con.executemany(
        "insert into meta.checks values (?, ?, ?, ?, ?)",
        [(r.check_name, r.description, r.failing_rows, r.passed, r.sample) for r in results],
    )


def format_report(results: list[CheckResult]) -> str:
    """Readable Dutch report, one line per check plus samples of failures."""
    lines = []
    for r in results:
        mark = "OK  " if r.passed else "FOUT"
        lines.append(f"{mark} {r.check_name}: {r.description}")
        if not r.passed:
            lines.append(f"     {r.failing_rows} rij(en) fout, bijvoorbeeld:")
            lines += ["       " + s for s in r.sample.splitlines()]
    passed = sum(r.passed for r in results)
    lines.append(f"{passed} van {len(results)} controles geslaagd.")
    return "\n".join(lines)
