"""Build `harmonised.municipality_map`: every gemeente code in the data -> boundary-year codes.

Inputs: RvIG Tabel 33 successions (`staged.rvig__municipality_changes`), the curated CSV
`etl/harmonised/municipality_changes.csv` (2019-2025, including real splits with shares; it
wins over Tabel 33 for the same old code), the boundary-year indeling
(`staged.duo__municipality_regions`) and the codes that occur in the data. Chains are resolved
recursively (A -> B -> C). Like OWID's `harmonize_countries`, it fails loudly: a code in the
data that does not lead to a boundary-year gemeente, and a boundary-year gemeente that gets no
figures from a CBS source in some year, stop the build with a list.

Each map row also carries all shares of its old gemeente (`shares`, in target-code order) and
its own position in that list (`part`), so the harmonised SQL can split a count into whole
numbers with `split_count` (largest remainder, `_split_count.sql`; created here as a temporary
macro on the build connection) and national totals stay exact.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import duckdb
import pandas as pd

from etl.errors import InputError, Problem
from etl.paths import ETL_DIR
from etl.sql import write_frame

CURATED_CSV = ETL_DIR / "harmonised" / "municipality_changes.csv"
SPLIT_COUNT_SQL = ETL_DIR / "harmonised" / "_split_count.sql"

#: staged tables with gemeente codes, the column holding the code, and the column holding the
#: year, and whether every boundary gemeente must have figures in every year of that table.
DATA_TABLES: dict[str, tuple[str, str, bool]] = {
    "staged.cbs_vsv__early_leavers": ("region_code", "school_year_start", True),
    "staged.cbs_bevolking__population": ("region_code", "year", True),
    "staged.verzuim__counts": ("municipality_code", "school_year_start", False),
    # optional source; harmonised.municipality_characteristics marks the complete years
    "staged.cbs_kerncijfers__characteristics": ("region_code", "year", False),
}

Edges = dict[str, list[tuple[str, float, dt.date]]]


def read_curated_changes() -> pd.DataFrame:
    """The curated CSV as a DataFrame (old_code, new_code, effective_date, share, note, source)."""
    frame = pd.read_csv(CURATED_CSV, comment="#", dtype=str)
    frame["share"] = frame["share"].astype(float)
    frame["effective_date"] = pd.to_datetime(frame["effective_date"]).dt.date
    return frame


def _edges(con: duckdb.DuckDBPyConnection, boundary_date: dt.date) -> Edges:
    """old code -> [(new code, share, date)], curated rows replacing Tabel 33 rows."""
    edges: Edges = defaultdict(list)
    rvig = con.execute(
        "select old_code, new_code, share, effective_date from staged.rvig__municipality_changes"
    ).fetchall()
    curated = read_curated_changes()
    curated_codes = set(curated["old_code"])
    for old, new, share, date in rvig:
        if old not in curated_codes and date <= boundary_date:
            edges[old].append((new, float(share), date))
    for row in curated.itertuples():
        if row.effective_date <= boundary_date:
            edges[str(row.old_code)].append(
                (str(row.new_code), float(row.share), row.effective_date)
            )
    return edges


def resolve(
    code: str, targets: set[str], edges: Edges, trail: tuple[str, ...] = ()
) -> dict[str, float]:
    """Distribution of `code` over boundary-year codes ({} when it leads nowhere)."""
    if code in targets:
        return {code: 1.0}
    if code in trail or code not in edges:
        return {}
    result: dict[str, float] = defaultdict(float)
    for new, share, _ in edges[code]:
        for target, part in resolve(new, targets, edges, trail + (code,)).items():
            result[target] += share * part
    return dict(result)


def _data_codes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    parts = []
    for table, (code_col, year_col, _) in DATA_TABLES.items():
        parts.append(
            f"select '{table}' as data_table, {code_col} as code, {year_col} as year, "
            f"min(_source_file) as file, min(_row_number) as row from {table} "
            f"where {code_col} like 'GM%' group by all"
        )
    return con.execute(" union all ".join(parts)).df()


def create_split_count(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temporary macro `split_count(n, shares, part)` on `con`."""
    con.execute(SPLIT_COUNT_SQL.read_text(encoding="utf-8"))


def _map_rows(
    code: str, distribution: dict[str, float]
) -> list[tuple[str, str, float, list[float], int]]:
    """Map rows of one old code: shares normalised to sum to 1, targets in code order."""
    targets = sorted(distribution)
    total = sum(distribution.values())
    shares = [distribution[t] / total for t in targets]
    return [(code, t, shares[i], shares, i + 1) for i, t in enumerate(targets)]


def build_municipality_map(con: duckdb.DuckDBPyConnection, boundary_year: int) -> None:
    """Create harmonised.municipality_map(source_code, target_code, share, shares, part) and the
    `split_count` macro, or raise InputError."""
    targets = {
        r[0]
        for r in con.execute(
            "select distinct municipality_code from staged.duo__municipality_regions"
        ).fetchall()
    }
    edges = _edges(con, dt.date(boundary_year, 1, 1))
    seen = _data_codes(con)

    rows, unknown = [], []
    for code, group in seen.groupby("code"):
        distribution = resolve(str(code), targets, edges)
        if not distribution:
            first = group.sort_values(["file", "row"]).iloc[0]
            unknown.append(
                Problem(
                    file=str(first["file"]),
                    row=int(first["row"]),
                    column="gemeentecode",
                    value=str(code),
                    message=f"onbekende gemeentecode: niet in de indeling {boundary_year} en geen "
                    "opvolger bekend (RvIG Tabel 33 of municipality_changes.csv)",
                )
            )
        rows += _map_rows(str(code), distribution)
    if unknown:
        raise InputError(unknown)

    frame = pd.DataFrame(rows, columns=["source_code", "target_code", "share", "shares", "part"])
    write_frame(
        con,
        "harmonised.municipality_map",
        frame,
        "source_code, target_code, share, shares::double[] as shares, part::integer as part",
    )
    create_split_count(con)
    _require_coverage(con, seen, targets)


def _require_coverage(
    con: duckdb.DuckDBPyConnection, seen: pd.DataFrame, targets: set[str]
) -> None:
    """Every boundary gemeente must get figures from each CBS source in each of its years."""
    mapping = con.execute("select source_code, target_code from harmonised.municipality_map").df()
    covered = seen.merge(mapping, left_on="code", right_on="source_code", validate="m:m")
    problems = []
    for table, (_, _, complete) in DATA_TABLES.items():
        if not complete:
            continue
        data = covered[covered["data_table"] == table]
        for year in sorted(data["year"].unique()):
            missing = sorted(targets - set(data.loc[data["year"] == year, "target_code"]))
            if missing:
                shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
                problems.append(
                    Problem(
                        file=table.removeprefix("staged."),
                        column="gemeentecode",
                        value=shown,
                        message=f"{len(missing)} gemeente(n) uit de indeling zonder cijfers in "
                        f"{year}; past de indeling (grenzen/gebiedsindeling) bij deze gegevens?",
                    )
                )
    if problems:
        raise InputError(problems)
