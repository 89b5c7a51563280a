"""`publish`: marts.published_values -> DIR/publicatie.csv, DIR/respons.csv and
DIR/schattingsgewichten.csv, plus the attacker audit report.

publicatie.csv holds exactly what Kompas shows (hidden cells have empty numerator, value and
interval), in the fixed columns of CSV_COLUMNS; a row without a figure (geen opgave) is not in
it. respons.csv says per row of the publication, and per gemeente or total without a figure,
whether the figure is an estimate and on how many gemeenten it rests (RESPONSE_COLUMNS;
docs/nonresponse.md). schattingsgewichten.csv gives every estimate's weights. The audit
rebuilds the attacker's system from these files alone plus the published definitions
(etl/marts/indicators.yml `sum_of`), and reports per hidden cell what can be derived about it;
an estimate is known to the attacker only to within 0.5 (it is rounded).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from etl.disclosure.audit import PRIMARY, SECONDARY, attacker_ranges
from etl.disclosure.published import (
    estimate_weights,
    published_sums,
    system_cells,
    truth_cells,
)
from etl.disclosure.system import WEIGHT_COLUMNS, build_system, identities_holding
from etl.errors import BuildError
from stats.response import NO_SUBMISSION, response_note

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
RESPONSE_COLUMNS = [
    "indicator_key",
    "region_level",
    "region_code",
    "region_name",
    "school_year",
    "is_estimate",
    "gemeenten_responding",
    "gemeenten_total",
    "response_rate",
    "denominator_responding",
    "denominator",
    "response_denominator_share",
    "toelichting",
]


def _connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.is_file():
        raise BuildError(
            f"geen magazijn gevonden op {db_path}; bouw het eerst met `python -m etl build` "
            "(of geef het juiste bestand met --db)"
        )
    return duckdb.connect(str(db_path), read_only=True)


def publication(db_path: Path) -> pd.DataFrame:
    """The publication table (CSV_COLUMNS) read from marts.published_values: the rows with a
    figure (shown or hidden)."""
    con = _connect(db_path)
    try:
        return con.execute(
            f"select {', '.join(CSV_COLUMNS)} from marts.published_values "
            f"where flag <> '{NO_SUBMISSION}' "
            "order by indicator_key, region_level, region_code, school_year"
        ).df()
    finally:
        con.close()


def response_table(db_path: Path) -> pd.DataFrame:
    """respons.csv (RESPONSE_COLUMNS): every row of marts.published_values with its response."""
    con = _connect(db_path)
    try:
        frame = con.execute(
            f"select {', '.join(RESPONSE_COLUMNS[:-1])}, flag "
            "from marts.published_values "
            "order by indicator_key, region_level, region_code, school_year"
        ).df()
    finally:
        con.close()
    frame["toelichting"] = [
        response_note(str(f), bool(e), int(r), int(t))
        for f, e, r, t in zip(
            frame["flag"],
            frame["is_estimate"],
            frame["gemeenten_responding"],
            frame["gemeenten_total"],
            strict=True,
        )
    ]
    return frame[RESPONSE_COLUMNS]


def weights_table(db_path: Path) -> pd.DataFrame:
    """schattingsgewichten.csv: marts.estimate_weights (WEIGHT_COLUMNS)."""
    con = _connect(db_path)
    try:
        return estimate_weights(con)
    finally:
        con.close()


def audit_publication(
    frame: pd.DataFrame,
    threshold: int,
    sum_of: dict[str, list[str]],
    holding: set[tuple[str, str, str]] | None = None,
    exact: bool = False,
    response: pd.DataFrame | None = None,
    weights: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Attacker's [lo, hi] per hidden cell of a publication table (the publicatie.csv frame).

    Args:
        frame: publication rows (CSV_COLUMNS; numerator empty where hidden).
        response: respons.csv (which rows are estimates); None: no estimates.
        weights: schattingsgewichten.csv (WEIGHT_COLUMNS), needed with estimates.
        threshold: the threshold the publication used (meta.build.suppression_threshold).
        sum_of: published identities, total -> parts.
        holding: where each identity holds (None: wherever the cells exist).
        exact: exact min and max LPs for every hidden cell (slower).

    Returns:
        The hidden rows with indicator_key, region_code, school_year, flag, lo, hi, label_lo,
        label_hi, floor, passed.
    """
    cells = frame.reset_index(drop=True)
    if response is not None:
        keys = ["indicator_key", "region_level", "region_code", "school_year"]
        cells = cells.merge(response[[*keys, "is_estimate"]], on=keys, how="left")
        cells["is_estimate"] = cells["is_estimate"].astype(str).str.lower() == "true"
    system = build_system(cells, sum_of, holding, weights)
    flags = system.cells["flag"].fillna("").to_numpy(dtype=object)
    numerators = pd.to_numeric(system.cells["numerator"], errors="coerce").to_numpy(dtype=float)
    ranges = attacker_ranges(
        system, flags, numerators, threshold, exact=exact, rounded=system.estimates
    )
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
    """Write publicatie.csv, respons.csv and schattingsgewichten.csv to out_dir and audit them;
    returns the path of publicatie.csv, the audit, the threshold."""
    frame = publication(db_path)
    response, weights = response_table(db_path), weights_table(db_path)
    con = _connect(db_path)
    try:
        row = con.execute("select suppression_threshold from meta.build").fetchone()
        threshold = int(row[0]) if row else 0
        truth = system_cells(truth_cells(con))
        keys = [k for (k,) in con.execute("select indicator_key from marts.indicators").fetchall()]
    finally:
        con.close()
    sums = published_sums(keys)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "publicatie.csv"
    frame.to_csv(path, index=False, encoding="utf-8")
    response.to_csv(out_dir / "respons.csv", index=False, encoding="utf-8")
    weights[list(WEIGHT_COLUMNS)].to_csv(
        out_dir / "schattingsgewichten.csv", index=False, encoding="utf-8"
    )
    audit = audit_publication(
        frame, threshold, sums, identities_holding(truth, sums), False, response, weights
    )
    return path, audit, threshold
