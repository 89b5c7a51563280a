"""The closed part of the uitvraag: submissions in force of a round -> per organisation its inzet
figures and the ratios that make organisations of different size comparable.

Inzet (capacity and process: fte leerplicht and RMC, verzuimmeldingen, the median doorlooptijd
of a melding, geoorloofd verzuim) is seen only by the participating members and the bureau; it
never enters the warehouse (`etl.sources.verzuim_inzet`). It is read here, from the store: the
exact bytes of each organisation's accepted submission in force, parsed by the verzuim template
parser (`parse_inzet`) and staged by the build's own template check (gemeentecode and
leerplichtigen as the warehouse would have them).

An organisation's figures, from the rows (gemeenten) of its submission:
- `leerplichtigen`: the sum over its gemeenten; None when a gemeente did not report it;
- `fte_leerplicht`, `fte_rmc`, `verzuimmeldingen`, `geoorloofd_verzuim`: the sum of the cells
  filled in (a team working for several gemeenten may put its total on one row); None when no
  gemeente filled it in;
- `doorlooptijd_dagen`: the mean of the gemeenten's median doorlooptijd weighted by their
  verzuimmeldingen (every row with a median has meldingen above 0: `verzuim_inzet`). It is not
  the median of all the organisation's meldingen, which the template does not hold.

Ratios (None when a part is None or the denominator 0):
- `leerplichtigen_per_fte`: leerplichtigen / fte_leerplicht (caseload);
- `meldingen_per_fte`: verzuimmeldingen / fte_leerplicht (workload);
- `meldingen_per_1000`: verzuimmeldingen per 1.000 leerplichtigen;
- `geoorloofd_per_1000`: geoorloofd verzuim per 1.000 leerplichtigen;
- and `doorlooptijd_dagen` itself.
fte RMC gets no ratio: its target group (16-23 without startkwalificatie) is not in the template.

An organisation takes part in the comparison (`has_inzet`) when its submission in force has at
least one inzet figure.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
from collections.abc import Mapping
from pathlib import Path, PurePath

import pandas as pd

from etl import settings
from etl.errors import InputError
from etl.sources import verzuim, verzuim_inzet
from etl.sources.readers import ROW_NUMBER, RawFile, ReadContext
from etl.template_check import staged_template
from etl.uitvraag.intake import ROLES
from etl.uitvraag.store import connect

__all__ = [
    "FIGURES",
    "RATIOS",
    "COLUMNS",
    "InputError",
    "connect",
    "in_force",
    "median_row",
    "organisation_figures",
    "participants",
    "round_figures",
    "submission_rows",
]

_SQL = Path(__file__).with_name("inzet_in_force.sql")
#: The organisation's figures, in the order the pages show them.
FIGURES = [
    "leerplichtigen",
    verzuim_inzet.FTE_LEERPLICHT,
    verzuim_inzet.FTE_RMC,
    verzuim_inzet.MELDINGEN,
    "doorlooptijd_dagen",
    verzuim_inzet.GEOORLOOFD,
]
#: The comparison ratios, in the order the pages show them.
RATIOS = [
    "leerplichtigen_per_fte",
    "meldingen_per_fte",
    "meldingen_per_1000",
    "geoorloofd_per_1000",
]
#: Columns of `organisation_figures`.
COLUMNS = ["organisation_id", "name", "gemeenten", *FIGURES, *RATIOS, "has_inzet"]
_SUMMED = [
    verzuim_inzet.FTE_LEERPLICHT,
    verzuim_inzet.FTE_RMC,
    verzuim_inzet.MELDINGEN,
    verzuim_inzet.GEOORLOOFD,
]


def in_force(con: sqlite3.Connection, round_id: int) -> pd.DataFrame:
    """Per organisation of the round with an accepted submission in force: organisation_id,
    name, submission_id, sha256 (`inzet_in_force.sql`), ordered by name."""
    cursor = con.execute(_SQL.read_text(encoding="utf-8"), {"round_id": round_id})
    return pd.DataFrame(cursor.fetchall(), columns=[c[0] for c in cursor.description])


def submission_rows(con: sqlite3.Connection, submission_id: int) -> pd.DataFrame:
    """The rows of one stored submission: municipality_code, leerplichtigen_count (as staged by
    the build's template check) and the typed inzet columns (`verzuim_inzet.NAMES`).

    Raises:
        InputError: the stored bytes no longer pass the template's checks (they did when
            accepted; only a changed rule makes this happen).
    """
    name, content = con.execute(
        "select file_name, content from submissions where submission_id = ?", (submission_id,)
    ).fetchone()
    shown = PurePath(name).name
    suffix = PurePath(shown).suffix.lower()
    max_bytes = max(settings.upload_max_bytes(), len(content))
    with tempfile.TemporaryDirectory(prefix="kompas-inzet-") as folder:
        path = Path(folder) / f"opgave{suffix}"
        path.write_bytes(content)
        file = RawFile(path=path, name=shown, source_key=verzuim.SOURCE.key, role=ROLES[suffix])
        staged = staged_template(file, max_bytes)
        inzet = verzuim.parse_inzet([file], ReadContext(max_bytes=max_bytes))
    counts = staged[["municipality_code", "leerplichtigen_count", ROW_NUMBER]]
    rows = counts.merge(inzet.drop(columns="_source_file"), on=ROW_NUMBER, validate="1:1")
    return rows.drop(columns=ROW_NUMBER)


def _ratio(numerator: float | None, denominator: float | None, per: int = 1) -> float | None:
    if numerator is None or not denominator:
        return None
    return per * numerator / denominator


def _sum(values: pd.Series) -> float | None:
    reported = values.dropna()
    return round(float(reported.sum()), 2) if len(reported) else None


def _one(organisation_id: str, name: str, rows: pd.DataFrame) -> dict[str, object]:
    """One organisation's figures and ratios from its submission's rows."""
    plichtigen = rows["leerplichtigen_count"]
    leerplichtigen = None if plichtigen.isna().any() else float(plichtigen.sum())
    sums = {column: _sum(rows[column]) for column in _SUMMED}
    timed = rows.dropna(subset=[verzuim_inzet.DOORLOOPTIJD])
    weights = timed[verzuim_inzet.MELDINGEN].astype(float)
    doorlooptijd = (
        float((timed[verzuim_inzet.DOORLOOPTIJD] * weights).sum() / weights.sum())
        if len(timed)
        else None
    )
    fte, meldingen = sums[verzuim_inzet.FTE_LEERPLICHT], sums[verzuim_inzet.MELDINGEN]
    return {
        "organisation_id": organisation_id,
        "name": name,
        "gemeenten": len(rows),
        "leerplichtigen": leerplichtigen,
        **sums,
        "doorlooptijd_dagen": doorlooptijd,
        "leerplichtigen_per_fte": _ratio(leerplichtigen, fte),
        "meldingen_per_fte": _ratio(meldingen, fte),
        "meldingen_per_1000": _ratio(meldingen, leerplichtigen, 1000),
        "geoorloofd_per_1000": _ratio(sums[verzuim_inzet.GEOORLOOFD], leerplichtigen, 1000),
        "has_inzet": bool(rows[verzuim_inzet.NAMES].notna().any().any()),
    }


def organisation_figures(
    submissions: pd.DataFrame, rows: Mapping[int, pd.DataFrame]
) -> pd.DataFrame:
    """Per organisation its inzet figures and ratios (this module's docstring).

    Args:
        submissions: `in_force` (organisation_id, name, submission_id).
        rows: `submission_rows` of each of those submissions, by submission_id.

    Returns:
        `COLUMNS`, one row per organisation in the order of `submissions`; figures and ratios
        are floats, None when not reported or not computable.
    """
    records = [
        _one(str(org["organisation_id"]), str(org["name"]), rows[int(org["submission_id"])])
        for org in submissions.to_dict("records")
    ]
    frame = pd.DataFrame(records, columns=COLUMNS)
    for column in [*FIGURES, *RATIOS]:
        frame[column] = frame[column].astype("float64")
    return frame


def round_figures(con: sqlite3.Connection, round_id: int) -> pd.DataFrame:
    """`organisation_figures` of the round's submissions in force, read from the store."""
    submissions = in_force(con, round_id)
    rows = {int(s): submission_rows(con, int(s)) for s in submissions["submission_id"]}
    return organisation_figures(submissions, rows)


def participants(figures: pd.DataFrame) -> pd.DataFrame:
    """The organisations that take part in the comparison: those with inzet figures."""
    return figures[figures["has_inzet"]].reset_index(drop=True)


def median_row(figures: pd.DataFrame) -> dict[str, float | None]:
    """Per figure and ratio (and the number of gemeenten) the median over the organisations
    that have it (None if none)."""
    medians: dict[str, float | None] = {}
    for column in ["gemeenten", *FIGURES, *RATIOS]:
        values = figures[column].dropna().tolist()
        medians[column] = float(statistics.median(values)) if values else None
    return medians
