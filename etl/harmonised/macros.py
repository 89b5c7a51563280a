"""The temporary macro `verzuim_numerators` (`_verzuim_numerators.sql`): verzuim counts ->
one numerator per verzuim indicator. Created on a connection before SQL that calls it runs: the
harmonised layer (`indicator_counts.sql`) and the member page's reflection
(`etl/uitvraag/member_rates.sql`), so both use one definition."""

from __future__ import annotations

import duckdb

from etl.paths import ETL_DIR

VERZUIM_NUMERATORS_SQL = ETL_DIR / "harmonised" / "_verzuim_numerators.sql"


def create_verzuim_numerators(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temporary macro `verzuim_numerators(t)` on `con`."""
    con.execute(VERZUIM_NUMERATORS_SQL.read_text(encoding="utf-8"))
