"""`build`: raw dir -> raw -> staged -> harmonised -> marts -> checks -> a new warehouse file.

The warehouse is written to a temporary file next to the target and swapped in with an atomic
`os.replace` only after every check passed and the file was closed (checkpointed). A failed,
crashed or killed build therefore leaves the previous warehouse byte-identical, and the
read-only dashboard never meets a half-written file.

Three steps run beside the main thread, each on a DuckDB cursor of its own, where DuckDB or
GEOS can work while Python does: each source's raw and staged tables are stored while the next
source is parsed (etl/ingest.py); marts.regions dissolves the gemeenten's shapes while the
other harmonised tables are built; and while disclosure control runs, the marts it does not
read are built and the checks of every table complete by then are run (etl/beside.py). Each
table is still built from the same inputs by the same code, so the warehouse is the same as
when the steps ran one after the other, and the checks give the same results.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from etl import settings
from etl.beside import beside
from etl.disclosure.published import build_published_values, published_sums
from etl.errors import BuildError, InputError
from etl.harmonised.macros import create_verzuim_numerators
from etl.harmonised.municipality_map import build_municipality_map
from etl.ingest import Ingester
from etl.marts import intervals
from etl.marts.expected import build_expected
from etl.marts.regions import build_regions
from etl.marts.registry import build_indicators, build_sources
from etl.paths import ETL_DIR
from etl.raw.load import FileRecord, load_raw
from etl.run_checks import CheckResult, check_names, run_checks, tables_named, write_results
from etl.sources import SOURCES
from etl.sql import layer_files, run_layer, write_frame
from etl.staged.cbs_grenzen__boundaries import build_boundaries
from etl.validate import validate_staged

KOMPAS_VERSION = "0.1.0"
Progress = Callable[[str], None]

# The build's steps as a user reads them (the first start shows them on screen): plain Dutch,
# no layer or file names. Per-file detail goes to the separate `detail` callback of `build`.
STEP_READ = "Bestanden inlezen"
STEP_CLEAN = "Gegevens opschonen en controleren"
STEP_REDISTRICT = "Gemeentelijke herindelingen verwerken"
STEP_COMPUTE = "Percentages, onzekerheidsmarges en kaarten berekenen"
STEP_CHECK = "Uitkomsten controleren"
STEP_DISCLOSURE = "Kleine aantallen afschermen (drempel {threshold}) en nacontroleren"

#: The marts that disclosure control reads (built before it; the rest are built beside it).
DISCLOSURE_INPUTS = ("estimate_weights", "indicator_values")


@dataclass(frozen=True)
class BuildResult:
    """What a successful build produced."""

    db_path: Path
    is_demo: bool
    boundary_year: int
    checks: list[CheckResult]
    seconds: float


def _silent(_: str) -> None:
    return None


def _remove_stale_temp_files(db_path: Path) -> None:
    """Delete temp files of earlier builds whose process no longer runs (e.g. killed)."""
    for path in db_path.parent.glob(f".{db_path.name}.building-*"):
        pid_text = path.name.rsplit("-", 1)[-1].split(".")[0]
        if pid_text.isdigit() and not Path(f"/proc/{pid_text}").exists():
            path.unlink(missing_ok=True)


def _files_frame(files: list[FileRecord]) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(f) for f in files])
    return frame.rename(columns={"path": "file"})


def _write_files(con: duckdb.DuckDBPyConnection, files: pd.DataFrame) -> bool:
    write_frame(
        con,
        "meta.files",
        files,
        "file::varchar as file, source_key::varchar as source_key, sha256::varchar as sha256, "
        "bytes::bigint as bytes, retrieved_at::varchar as retrieved_at, url::varchar as url, "
        "licence::varchar as licence, is_demo::boolean as is_demo",
    )
    return bool(files["is_demo"].any())


def _boundary_year(con: duckdb.DuckDBPyConnection, override: int | None) -> int:
    years = [
        int(y)
        for (y,) in con.execute(
            "select distinct boundary_year from raw.cbs_grenzen__boundaries"
        ).fetchall()
    ]
    if override is not None:
        if override not in years:
            raise BuildError(
                f"grensjaar {override} gevraagd, maar de grenzen zijn er voor: "
                f"{', '.join(map(str, sorted(years)))}"
            )
        return override
    return max(years)


def _write_build_meta(
    con: duckdb.DuckDBPyConnection, raw_dir: Path, is_demo: bool, boundary_year: int, threshold: int
) -> None:
    con.execute(
        "create or replace table meta.build as select $built_at as built_at, "
        "$version as kompas_version, $is_demo as is_demo, $boundary_year as boundary_year, "
        "$raw_dir as raw_dir, min(school_year) as first_school_year, "
        "max(school_year) as last_school_year, $threshold as suppression_threshold "
        "from marts.indicator_values",
        {
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "version": KOMPAS_VERSION,
            "is_demo": is_demo,
            "boundary_year": boundary_year,
            "raw_dir": str(raw_dir),
            "threshold": threshold,
        },
    )


def _write_comments(con: duckdb.DuckDBPyConnection, is_demo: bool) -> None:
    """Persist the contract's descriptions as DuckDB comments (dbt-duckdb's idea), and mark
    every intermediate table with whether it was built from demo data."""
    contract = yaml.safe_load((ETL_DIR / "marts" / "_marts.yml").read_text(encoding="utf-8"))

    def literal(text: object) -> str:
        return "'" + str(text).replace("'", "''") + "'"

    origin = "synthetische demogegevens" if is_demo else "gegevens van de uitgevers"
    # one transaction: committing each of the some 200 comments on its own took four times as long
    con.begin()
    for schema, table in con.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where schema_name in ('raw', 'staged', 'harmonised')"
    ).fetchall():
        con.execute(f"comment on table {schema}.{table} is {literal(f'{schema}-laag; {origin}')}")
    for table, spec in contract.items():
        con.execute(f"comment on table {table} is {literal(spec['description'])}")
        for column, text in spec["columns"].items():
            con.execute(f"comment on column {table}.{column} is {literal(text)}")
    con.commit()


def _tables(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(schema, table) of every table in the warehouse so far."""
    return [
        (str(schema), str(table))
        for schema, table in con.execute(
            "select schema_name, table_name from duckdb_tables()"
        ).fetchall()
    ]


def _stems(layer: str) -> list[str]:
    """The tables of a layer's SQL files, in the order run_layer builds them."""
    return [path.stem for path in layer_files(layer)]


def _compute(
    con: duckdb.DuckDBPyConnection, boundary_year: int, is_demo: bool, progress: Progress
) -> int:
    """staged -> harmonised -> marts.indicators, regions, estimate_weights and indicator_values
    (what disclosure control reads); returns the suppression threshold in force."""
    # the gemeenten first: marts.regions dissolves their shapes beside the other harmonised
    # tables and the estimate weights (it reads only harmonised.municipalities)
    run_layer(con, "harmonised", only=["municipalities"])
    progress(STEP_COMPUTE)
    build_indicators(con, is_demo)
    with beside(con, lambda cursor: build_regions(cursor, boundary_year, is_demo)):
        run_layer(
            con, "harmonised", only=[f for f in _stems("harmonised") if f != "municipalities"]
        )
        intervals.register(con)
        threshold = settings.suppression_threshold()
        con.execute(f"set variable suppression_threshold = {threshold}")
        run_layer(con, "marts", only=["estimate_weights"])
    run_layer(con, "marts", only=["indicator_values"])
    return threshold


def _transform(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    boundary_override: int | None,
    is_demo: bool,
    progress: Progress,
) -> tuple[int, list[CheckResult]]:
    boundary_year = _boundary_year(con, boundary_override)
    progress(STEP_CLEAN)
    build_boundaries(con, boundary_year)
    problems = validate_staged(con)
    if problems:
        raise InputError(problems)
    progress(f"{STEP_REDISTRICT} (indeling {boundary_year})")
    build_municipality_map(con, boundary_year)
    create_verzuim_numerators(con)
    threshold = _compute(con, boundary_year, is_demo, progress)
    # offer only indicators the data supports (verzuim is optional: publisher data has none)
    con.execute(
        "delete from marts.indicators where indicator_key not in "
        "(select distinct indicator_key from marts.indicator_values)"
    )
    # the other marts (region characteristics, peer groups), then the checks of tables that
    # are complete by then, run beside disclosure control: DuckDB works while Python and
    # HiGHS decide
    others = [f for f in _stems("marts") if f not in DISCLOSURE_INPUTS]
    complete = {f"{schema}.{table}" for schema, table in _tables(con)} | {
        f"marts.{table}" for table in others
    }
    early = [name for name in check_names() if tables_named(name) <= complete]

    def beside_disclosure(cursor: duckdb.DuckDBPyConnection) -> list[CheckResult]:
        run_layer(cursor, "marts", others)
        return run_checks(cursor, early)

    with beside(con, beside_disclosure) as early_results:
        progress(STEP_DISCLOSURE.format(threshold=threshold))
        keys = [k for (k,) in con.execute("select indicator_key from marts.indicators").fetchall()]
        audit = build_published_values(con, threshold, published_sums(keys))
    narrowed = audit[~audit["passed"].astype(bool)]
    if len(narrowed):
        raise BuildError(
            f"{len(narrowed)} verborgen aantal(len) zijn uit de getoonde cijfers nauwer terug te "
            "rekenen dan hun label zegt; het magazijn is niet vervangen."
        )
    # verwacht versus werkelijk reads the shown counts only, so it runs after disclosure control
    build_expected(con)
    build_sources(con, SOURCES)
    _write_build_meta(con, raw_dir, is_demo, boundary_year, threshold)
    progress(STEP_CHECK)
    late = run_checks(con, [name for name in check_names() if name not in early])
    results = sorted(early_results.result() + late, key=lambda result: result.check_name)
    write_results(con, results)
    _write_comments(con, is_demo)
    return boundary_year, results


def build(
    raw_dir: Path,
    db_path: Path,
    boundary_year: int | None = None,
    progress: Progress = _silent,
    detail: Progress | None = None,
) -> BuildResult:
    """Build a warehouse from `raw_dir` and swap it in at `db_path`.

    `progress` receives the steps (STEP_*); `detail` the per-file lines of the readers
    (defaults to `progress`, as the command line shows both).

    Raises:
        InputError: a raw file cannot be used (names file, row, column, value).
        BuildError: the checks failed or the build could not complete.
    """
    started = time.perf_counter()
    raw_dir, db_path = raw_dir.resolve(), db_path.resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temp_files(db_path)
    progress(STEP_READ)
    tmp = db_path.parent / f".{db_path.name}.building-{os.getpid()}"
    try:
        con = duckdb.connect(str(tmp))
        try:
            # each source's raw and staged tables are stored while the next one is parsed
            with Ingester(con) as ingester:
                loaded = load_raw(
                    raw_dir,
                    settings.max_file_bytes(),
                    progress=detail or progress,
                    parsed=ingester.submit,
                )
                ingester.wait()
            is_demo = _write_files(con, _files_frame(loaded.files))
            override = boundary_year or settings.boundary_year_override()
            year, results = _transform(con, raw_dir, override, is_demo, progress)
        finally:
            con.close()
        failed = [r for r in results if not r.passed]
        if failed:
            names = ", ".join(r.check_name for r in failed)
            raise BuildError(
                f"{len(failed)} controle(s) mislukt: {names}; het magazijn is "
                "niet vervangen.\n" + "\n".join(r.sample for r in failed)
            )
        os.replace(tmp, db_path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    progress(f"Klaar in {seconds:.1f} s".replace(".", ","))
    return BuildResult(db_path, is_demo, year, results, seconds)


def check(db_path: Path) -> list[CheckResult]:
    """Rerun the checks on an existing warehouse (read-only)."""
    if not db_path.is_file():
        raise BuildError(f"geen magazijn gevonden op {db_path}; draai eerst `python -m etl build`")
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        intervals.register(con)
        return run_checks(con)
    finally:
        con.close()
