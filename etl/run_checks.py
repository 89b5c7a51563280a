"""Run the data checks in `etl/checks/*.sql`: each selects offending rows; none = passed."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from etl.paths import ETL_DIR

CHECK_DIR = ETL_DIR / "checks"
SAMPLE_ROWS = 5


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


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every check on `con` and return the results in file-name order."""
    results = []
    for path in sorted(CHECK_DIR.glob("*.sql")):
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
