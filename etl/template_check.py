"""One verzuim template file -> its staged rows, checked by the build's own rules.

A member's upload goes through exactly what `build` does to a template in the raw dir: the
`verzuim` source parser (structure), `etl/staged/verzuim__counts.sql` (typing) and
`etl.validate.validate_staged` (value rules of `_staged.yml`), in an in-memory DuckDB. So an
upload is refused with the same messages, naming file, row, column and value, as the same file
would get from `python -m etl build`.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from etl.errors import InputError
from etl.paths import ETL_DIR
from etl.sources import verzuim
from etl.sources.readers import RawFile, ReadContext
from etl.sql import write_frame
from etl.validate import validate_staged

STAGED_TABLE = "verzuim__counts"


def staged_template(file: RawFile, max_bytes: int) -> pd.DataFrame:
    """Parse, stage and validate one template file.

    Args:
        file: the file; `role` must be 'template_csv' or 'template_xlsx'.
        max_bytes: largest file accepted (an XLSX may unpack to ten times this).

    Returns:
        The rows of `staged.verzuim__counts` for this file (typed counts, NULL = not reported,
        with `_source_file` and `_row_number`).

    Raises:
        InputError: every structural or value problem, as `build` reports it.
    """
    tables = verzuim.parse([file], ReadContext(max_bytes=max_bytes))
    sql = (ETL_DIR / "staged" / f"{STAGED_TABLE}.sql").read_text(encoding="utf-8")
    con = duckdb.connect()
    try:
        write_frame(con, f"raw.{STAGED_TABLE}", tables["counts"])
        con.execute("create schema staged")
        con.execute(f"create table staged.{STAGED_TABLE} as\n{sql}")
        problems = validate_staged(con)
        if problems:
            raise InputError(problems)
        return con.execute(f"select * from staged.{STAGED_TABLE} order by _row_number").df()
    finally:
        con.close()
