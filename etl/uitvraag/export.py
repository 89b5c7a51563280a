"""The submissions in force of one round -> files in a raw dir, where `build` reads them.

Submissions enter the warehouse the way every source does, one way: this command copies the
exact bytes of each organisation's accepted submission that is not superseded to
`<raw>/verzuim/opgaven/<school year>/<organisation_id>-<submission_id>.<ext>`, with an origin
sidecar (sha256, bytes, time received, round and vintage). `build` reads them with the verzuim
template parser, and a submitted gemeente and school year replaces the bulk template's row
(`etl/staged/verzuim__counts.sql`). The folder of a school year is replaced as a whole, so it
always holds one round's submissions; the same closed round gives the same files every time.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from etl.errors import BuildError
from etl.fetch import origin_record, write_origin_sidecar
from etl.paths import SUBMISSIONS_FOLDER, submission_path
from etl.sources.verzuim import SOURCE
from etl.uitvraag.rounds import Round, current_round


def _round(con: sqlite3.Connection, vintage: str | None) -> Round:
    if vintage is None:
        found = current_round(con)
        if found is None:
            raise BuildError("er is nog geen uitvraag geopend")
        return found
    row = con.execute(
        "select round_id, school_year, opened_at, closed_at, vintage from rounds where vintage = ?",
        (vintage,),
    ).fetchone()
    if row is None:
        raise BuildError(f"geen gesloten uitvraag met versienaam '{vintage}'")
    return Round(*row)


def export_round(con: sqlite3.Connection, raw_dir: Path, vintage: str | None) -> list[Path]:
    """Write the round's submissions in force into `raw_dir`; returns the data files written.

    Args:
        con: the store.
        raw_dir: the raw dir `build` reads.
        vintage: a closed round's name; None for the current round (open or last closed).

    Raises:
        BuildError: no such round.
    """
    chosen = _round(con, vintage)
    rows = con.execute(
        "select submission_id, organisation_id, received_at, file_name, content, sha256 "
        "from submissions where round_id = ? and is_accepted = 1 and superseded_by is null "
        "order by organisation_id",
        (chosen.round_id,),
    ).fetchall()
    target = raw_dir / SUBMISSIONS_FOLDER / chosen.school_year
    staging = target.with_name(f".{chosen.school_year}.exporting")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    names = []
    for submission_id, organisation_id, received_at, file_name, content, digest in rows:
        suffix = Path(file_name).suffix.lower()
        name = Path(submission_path(chosen.school_year, organisation_id, submission_id, suffix))
        path = staging / name.name
        path.write_bytes(content)
        record = origin_record(
            source=SOURCE.key,
            url=f"kompas-uitvraag:ronde/{chosen.round_id}/opgave/{submission_id}",
            sha256=digest,
            n_bytes=len(content),
            licence=SOURCE.licence,
            retrieved_at=dt.datetime.fromisoformat(received_at),
        )
        record["vintage"] = chosen.vintage
        write_origin_sidecar(path, record)
        names.append(name.name)
    old = target.with_name(f".{chosen.school_year}.replaced")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return [target / name for name in names]
