"""`publish`: marts.published_values -> DIR/publicatie.csv, plus the attacker audit report.

The CSV holds exactly what Kompas shows (hidden cells have empty numerator, value and
interval). The audit rebuilds the attacker's system from that file alone plus the published
definitions (etl/marts/indicators.yml `sum_of`), and reports per hidden cell what can be
derived about it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from etl.disclosure.audit import PRIMARY, SECONDARY, attacker_ranges
from etl.disclosure.published import published_sums, truth_cells
from etl.disclosure.system import build_system, identities_holding
from etl.errors import BuildError

CSV_COLUMNS = [
    "indicator_key",
    "region_level",
    "region_code",
    "region_name",
    "rmc_code",
    "provincie_code",
    "school_year",
    "numerator",
    "denominator",
    "value",
    "ci_lower",
    "ci_upper",
    "status",
    "flag",
    "funnel_class",
]


def _connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.is_file():
        raise BuildError(
            f"geen magazijn gevonden op {db_path}; bouw het eerst met `python -m etl build` "
            "(of geef het juiste bestand met --db)"
        )
    return duckdb.connect(str(db_path), read_only=True)


def publication(db_path: Path) -> pd.DataFrame:
    """The publication table (CSV_COLUMNS) read from marts.published_values."""
    con = _connect(db_path)
    try:
        return con.execute(
            f"select {', '.join(CSV_COLUMNS)} from marts.published_values "
            "order by indicator_key, region_level, region_code, school_year"
        ).df()
    finally:
        con.close()


def audit_publication(
    frame: pd.DataFrame,
    threshold: int,
    sum_of: dict[str, list[str]],
    holding: set[tuple[str, str, str]] | None = None,
    exact: bool = False,
) -> pd.DataFrame:
    """Attacker's [lo, hi] per hidden cell of a publication table (the publicatie.csv frame).

    Args:
        frame: publication rows (CSV_COLUMNS; numerator empty where hidden).
        threshold: the threshold the publication used (meta.build.suppression_threshold).
        sum_of: published identities, total -> parts.
        holding: where each identity holds (None: wherever the cells exist).
        exact: exact min and max LPs for every hidden cell (slower).

    Returns:
        The hidden rows with indicator_key, region_code, school_year, flag, lo, hi, label_lo,
        label_hi, floor, passed.
    """
    cells = frame.reset_index(drop=True)
    system = build_system(cells, sum_of, holding)
    flags = system.cells["flag"].fillna("").to_numpy(dtype=object)
    numerators = pd.to_numeric(system.cells["numerator"], errors="coerce").to_numpy(dtype=float)
    ranges = attacker_ranges(system, flags, numerators, threshold, exact=exact)
    keys = system.cells.loc[ranges.index, ["indicator_key", "region_code", "school_year"]]
    return pd.concat([keys, ranges], axis=1)


def submissions_used(db_path: Path) -> list[tuple[str, str]]:
    """The uitvraag submissions the warehouse was built from: (file, sha256) per file."""
    con = _connect(db_path)
    try:
        return [
            (str(f), str(h))
            for f, h in con.execute(
                "select file, sha256 from meta.files "
                "where starts_with(file, 'verzuim/opgaven/') order by file"
            ).fetchall()
        ]
    finally:
        con.close()


def format_submissions(used: list[tuple[str, str]]) -> str:
    """Dutch lines naming the submissions used (file holds school year, organisation, number)."""
    if not used:
        return "Opgaven uit de uitvraag: geen (alleen sjabloonbestanden)."
    lines = [f"Opgaven uit de uitvraag ({len(used)}), in plaats van het sjabloon:"]
    lines += [f"- {file} (sha256 {digest})" for file, digest in used]
    return "\n".join(lines)


def format_report(audit: pd.DataFrame, threshold: int) -> str:
    """A short Dutch report of the audit."""
    primary = audit[audit["flag"] == PRIMARY]
    secondary = audit[audit["flag"] == SECONDARY]
    failed = audit[~audit["passed"].astype(bool)]
    lines = [
        f"Controle op terugrekenen (drempel {threshold}):",
        f"- {len(primary)} kleine aantallen getoond als <{threshold} (0 tot en met "
        f"{threshold - 1}); {len(secondary)} aantallen getoond als x ({threshold} of meer, "
        "verborgen zodat een klein aantal elders niet terug te rekenen is).",
    ]
    forced = primary[primary["floor"] > 0]
    if len(forced):
        lines.append(
            f"- {len(forced)} kleine aantallen hebben een ondergrens boven 0 die al uit de "
            "labels zelf volgt (bijv. thuiszitters x = absoluut <5 + langdurig <5)."
        )
    if failed.empty:
        lines.append(
            "- Geslaagd: geen enkel verborgen aantal is nauwer terug te rekenen dan zijn label."
        )
    else:
        lines.append(f"- MISLUKT: {len(failed)} verborgen aantallen zijn terug te rekenen:")
        for row in failed.head(20).itertuples():
            lines.append(
                f"  {row.indicator_key} {row.region_code} {row.school_year}: "
                f"tussen {row.lo:.1f} en {row.hi:.1f}"
            )
    return "\n".join(lines)


def publish(db_path: Path, out_dir: Path) -> tuple[Path, pd.DataFrame, int]:
    """Write out_dir/publicatie.csv and audit it; returns the path, the audit, the threshold."""
    frame = publication(db_path)
    con = _connect(db_path)
    try:
        row = con.execute("select suppression_threshold from meta.build").fetchone()
        threshold = int(row[0]) if row else 0
        truth = truth_cells(con)
        keys = [k for (k,) in con.execute("select indicator_key from marts.indicators").fetchall()]
    finally:
        con.close()
    sums = published_sums(keys)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "publicatie.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    audit = audit_publication(frame, threshold, sums, identities_holding(truth, sums))
    return path, audit, threshold
