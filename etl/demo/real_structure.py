"""The real gemeente structure, read from a raw dir through Kompas's own parsers.

DUO addresses (gemeente -> RMC-regio -> provincie, via the staged SQL the pipeline uses), the newest
boundary file (CBS names), RvIG Tabel 33 (names of ended codes, start dates) and the curated
municipal changes 2019-2025 become a `DemoStructure`. Real 2020 totals per gemeente come from the
CBS "Regionale kerncijfers" CSV when it is there (matched by name); the rest get drawn sizes.
The structure files themselves are copied into the demo raw dir unchanged.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl.demo.structure import REFERENCE_YEAR, Change, DemoStructure, Gemeente, Indeling
from etl.harmonised.municipality_map import read_curated_changes
from etl.paths import ETL_DIR
from etl.raw.load import discover
from etl.settings import max_file_bytes
from etl.sources import SOURCE_MODULES
from etl.sources.readers import RawFile, ReadContext, decode, parse_csv, read_bytes
from etl.sql import write_frame

STRUCTURE_SOURCES = ("duo", "cbs_grenzen", "rvig")
LANDSDELEN = (
    ("LD01", "Noord-Nederland", ("PV20", "PV21", "PV22")),
    ("LD02", "Oost-Nederland", ("PV23", "PV24", "PV25")),
    ("LD03", "West-Nederland", ("PV26", "PV27", "PV28", "PV29")),
    ("LD04", "Zuid-Nederland", ("PV30", "PV31")),
)
KERNCIJFERS_GLOB = "bevolking/Regionale_kerncijfers_Nederland_*.csv"
_TOTAL_COLUMN = "Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)"


@dataclass(frozen=True)
class RealStructure:
    """The structure plus the files it was read from (to copy: file, source key)."""

    structure: DemoStructure
    files: tuple[tuple[RawFile, str], ...]
    matched_sizes: int


def parse_structure(
    structure_from: Path,
) -> tuple[dict[str, pd.DataFrame], list[tuple[RawFile, str]]]:
    """Raw tables of the DUO, boundary and Tabel 33 files, and the files (with source key)."""
    ctx = ReadContext(max_bytes=max_file_bytes())
    found = discover(structure_from)
    tables: dict[str, pd.DataFrame] = {}
    files: list[tuple[RawFile, str]] = []
    for key in STRUCTURE_SOURCES:
        mine = [f for f in found if f.source_key == key]
        files += [(f, key) for f in mine]
        for name, frame in SOURCE_MODULES[key].parse(mine, ctx).items():
            tables[f"raw.{key}__{name}"] = frame
    return tables, files


def _duo_regions(frame: pd.DataFrame) -> pd.DataFrame:
    """The pipeline's staged DUO regions (same SQL, so the demo and the build agree)."""
    con = duckdb.connect()
    try:
        write_frame(con, "raw.duo__school_addresses", frame)
        sql = (ETL_DIR / "staged" / "duo__municipality_regions.sql").read_text(encoding="utf-8")
        return con.execute(sql).df()
    finally:
        con.close()


def _norm(name: str) -> str:
    """Name key for matching across CBS and RvIG spellings."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("(gemeente)", "")
    return re.sub(r"[^a-z0-9()]+", "", text)


def _kerncijfers_2020(structure_from: Path) -> dict[str, int]:
    """Normalised gemeente name -> total population on 1 January 2020 (empty if no file)."""
    out: dict[str, int] = {}
    for path in sorted(structure_from.glob(KERNCIJFERS_GLOB)):
        raw = RawFile(path=path, name=path.relative_to(structure_from).as_posix())
        text = decode(read_bytes(raw, max_file_bytes()), raw.name, "utf-8", ";")
        header, rows = parse_csv(text, raw.name, ";", quoted=True)
        if _TOTAL_COLUMN not in header:
            continue
        period, region, total = (
            header.index("Perioden"),
            header.index("Regio's"),
            header.index(_TOTAL_COLUMN),
        )
        for row in rows.rows:
            value = (row[total] or "").strip()
            if (row[period] or "").strip() == str(REFERENCE_YEAR) and value.isdigit():
                out[_norm(row[region] or "")] = int(value)
    return out


def _date(text: str | None) -> date | None:
    text = (text or "").strip()
    return datetime.strptime(text, "%Y%m%d").date() if text else None


def read(structure_from: Path) -> RealStructure:
    """Read the real structure from `structure_from` (a raw dir with the publishers' files)."""
    tables, files = parse_structure(structure_from)
    regions = _duo_regions(tables["raw.duo__school_addresses"])
    bounds = tables["raw.cbs_grenzen__boundaries"]
    boundary_year = int(bounds["boundary_year"].astype(int).max())
    newest = bounds[bounds["boundary_year"].astype(int) == boundary_year]
    cbs_names = dict(zip(newest["statcode"].str[2:], newest["statnaam"], strict=True))
    rvig = tables["raw.rvig__municipality_codes"]
    rvig_names = dict(zip(rvig["92.10 Gemeentecode"], rvig["92.11 Omschrijving"], strict=True))
    rvig_start = {
        code: _date(start)
        for code, start in zip(rvig["92.10 Gemeentecode"], rvig["99.98 Datum ingang"], strict=True)
    }

    gemeenten = tuple(
        Gemeente(
            code=row.municipality_code[2:],
            name=cbs_names.get(row.municipality_code[2:], row.municipality_name_duo),
            rmc_code=row.rmc_code[2:],
            rmc_name=row.rmc_name,
            provincie_code=row.provincie_code,
            provincie_name=row.provincie_duo_name,
        )
        for row in regions.sort_values("municipality_code").itertuples()
    )
    curated = read_curated_changes()
    changes = tuple(
        Change(r.old_code[2:], r.new_code[2:], r.effective_date, float(r.share))
        for r in curated.itertuples()
    )
    created = {
        c.new: c.effective
        for c in changes
        if c.new not in rvig_start or rvig_start[c.new] == c.effective
    }
    names = {**rvig_names, **{g.code: g.name for g in gemeenten}}
    structure = DemoStructure(
        gemeenten=gemeenten,
        changes=changes,
        created=created,
        names=names,
        boundary_year=boundary_year,
        fictional=False,
        provincie_titles=dict(
            zip(regions["provincie_code"], regions["provincie_name"], strict=True)
        ),
        landsdelen=LANDSDELEN,
    )
    sizes = _kerncijfers_2020(structure_from)
    ref_codes = Indeling(structure).on(date(REFERENCE_YEAR, 1, 1)).codes
    known = {c: sizes[_norm(names[c])] for c in ref_codes if _norm(names.get(c, "")) in sizes}
    structure = dataclasses.replace(structure, reference_population=known)
    return RealStructure(structure, tuple(files), len(known))
