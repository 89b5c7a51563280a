"""Demo raw dir: synthetic CBS vsv and population pages, verzuim templates and the structure files.

`write_demo(raw_dir, seed, structure_from)` writes a complete raw dir (docs/raw-formats.md) that
`python -m etl build` reads like real downloads. With `structure_from` the real gemeenten, RMC
regions, provincies, boundaries and Tabel 33 are used (structure files copied unchanged); without
it a fictional country is generated. Figures are synthetic (CC0); the same seed gives
byte-identical files. Output is written to a temporary sibling folder and swapped in at the end.
"""

from __future__ import annotations

import json
import math
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from etl.demo import (
    cbs_bevolking,
    cbs_kerncijfers,
    cbs_vsv,
    fictional,
    figures,
    inzet,
    population,
    real_structure,
)
from etl.demo.figures import MISSING, VerzuimYear
from etl.demo.odata import CBS_PAGE_SIZE, Row, pages
from etl.demo.structure import DemoStructure, Gemeente, Indeling, home_of
from etl.demo.writers import (
    ORIGIN_SUFFIX,
    RawWriter,
    duo_csv,
    geojson,
    tabel33,
    template_csv,
    written_by_demo,
)
from etl.demo.writers import template_xlsx as xlsx_bytes
from etl.errors import InputError, Problem
from etl.sources import SOURCES, duo, rvig, verzuim

Progress = Callable[[str], None]
VSV_FOLDER = "vsv/84780NED"
POPULATION_FOLDER = "bevolking/03759ned"
KERNCIJFERS_FOLDER = "kerncijfers/70072ned"
XLSX_YEARS = 2  # the newest school years go into one XLSX, the older ones into one CSV


@dataclass(frozen=True)
class DemoSummary:
    """What `write_demo` wrote."""

    raw_dir: Path
    seed: int
    fictional: bool
    boundary_year: int
    gemeenten: int
    rmc_regions: int
    provincies: int
    school_years: tuple[str, ...]
    files: tuple[str, ...]
    real_sizes: int

    def __str__(self) -> str:
        kind = "fictief land" if self.fictional else f"echte indeling {self.boundary_year}"
        return (
            f"Demogegevens geschreven naar {self.raw_dir} ({kind}, seed {self.seed}): "
            f"{self.gemeenten} gemeenten, {self.rmc_regions} RMC-regio's, "
            f"{self.provincies} provincies, schooljaren {self.school_years[0]} t/m "
            f"{self.school_years[-1]}, {len(self.files)} bestanden."
        )


def _label(start: int) -> str:
    return f"{start}-{start + 1}"


def _sidecar_says_demo(sidecar: Path) -> bool:
    try:
        return written_by_demo(json.loads(sidecar.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


def _not_from_demo(raw_dir: Path) -> list[str]:
    """Files in `raw_dir` that no demo run wrote, each with why: `pad (reden)`.

    A data file counts as demo only when its sidecar says so (`written_by_demo`); a sidecar
    without its data file only when it says so itself.
    """
    found: list[str] = []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(raw_dir).as_posix()
        if path.name.endswith(ORIGIN_SUFFIX):
            data = path.with_name(path.name.removesuffix(ORIGIN_SUFFIX))
            if not data.is_file() and not _sidecar_says_demo(path):
                found.append(f"{rel} (herkomst is geen demo)")
        elif not path.with_name(path.name + ORIGIN_SUFFIX).is_file():
            found.append(f"{rel} (zonder herkomstbestand)")
        elif not _sidecar_says_demo(path.with_name(path.name + ORIGIN_SUFFIX)):
            found.append(f"{rel} (herkomst is geen demo)")
    return found


def _refuse_unless_demo(raw_dir: Path) -> None:
    """Raise before anything is written when `raw_dir` holds a file a demo run did not write."""
    if not raw_dir.exists():
        return
    if not raw_dir.is_dir():
        raise InputError(Problem(str(raw_dir), "is een bestand, geen map; kies een map"))
    found = _not_from_demo(raw_dir)
    if found:
        shown = "; ".join(found[:5]) + (f"; en nog {len(found) - 5}" if len(found) > 5 else "")
        raise InputError(
            Problem(
                str(raw_dir),
                f"de map bevat bestanden die niet door de demo zijn gemaakt: {shown}. De demo "
                "vervangt alleen een eerdere demomap; er is niets gewijzigd. Kies een lege of "
                "nieuwe map voor de demogegevens (bijvoorbeeld data/demo-raw).",
            )
        )


def _staging_dir(raw_dir: Path) -> Path:
    _refuse_unless_demo(raw_dir)
    staging = raw_dir.parent / f".{raw_dir.name}.demo-nieuw"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def _swap_in(staging: Path, raw_dir: Path) -> None:
    old = raw_dir.parent / f".{raw_dir.name}.demo-oud"
    if old.exists():
        shutil.rmtree(old)
    if raw_dir.exists():
        raw_dir.rename(old)
    staging.rename(raw_dir)
    if old.exists():
        shutil.rmtree(old)


def _write_odata(
    writer: RawWriter, folder: str, table: str, sets: dict[str, list[Row]], source: str
) -> None:
    for entity_set, rows in sets.items():
        size = CBS_PAGE_SIZE
        if entity_set == "TypedDataSet":  # always at least two pages, as a real download has
            size = min(CBS_PAGE_SIZE, math.ceil(len(rows) / 2))
        for name, data in pages(table, entity_set, rows, writer.seed, size):
            writer.write(f"{folder}/{name}", data, source)


Inzet = dict[tuple[int, str], list[float | int | None]]
Cell = str | float | None


def _template_rows(
    years: list[VerzuimYear], names: dict[str, str], newest: int, code_style: str, extra: Inzet
) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for year in years:
        status = "voorlopig" if year.start == newest else "definitief"
        for i, code in enumerate(year.codes):
            row: list[Cell] = [
                f"GM{code}" if code_style == "GM" else code,
                names[code],
                _label(year.start),
                status,
            ]
            for column in verzuim.TEMPLATE_COLUMNS[4:]:
                value = int(year.columns[column][i])
                row.append(None if value == MISSING else value)
            rows.append([*row, *extra[(year.start, code)]])
    return rows


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    # a spreadsheet in Dutch writes a decimal comma
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def _write_verzuim(
    writer: RawWriter, years: list[VerzuimYear], names: dict[str, str], extra: Inzet
) -> None:
    newest = max(y.start for y in years)
    old, new = years[:-XLSX_YEARS], years[-XLSX_YEARS:]
    columns = [*verzuim.TEMPLATE_COLUMNS, *verzuim.INZET_COLUMNS]
    csv_rows = [
        [_csv_cell(v) for v in row] for row in _template_rows(old, names, newest, "GM", extra)
    ]
    writer.write(
        f"verzuim/kompas_verzuim_{_label(old[0].start)}_tm_{_label(old[-1].start)}.csv",
        template_csv(columns, csv_rows),
        verzuim.SOURCE.key,
    )
    writer.write(
        f"verzuim/kompas_verzuim_{_label(new[0].start)}_tm_{_label(new[-1].start)}.xlsx",
        xlsx_bytes(columns, _template_rows(new, names, newest, "digits", extra), verzuim.SHEET),
        verzuim.SOURCE.key,
    )


def _write_fictional_structure(
    writer: RawWriter, country: fictional.FictionalCountry, rng: np.random.Generator
) -> None:
    structure = country.structure
    writer.write(
        "gebiedsindeling/02.-alle-schoolvestigingen-basisonderwijs.csv",
        duo_csv(duo.COLUMNS, fictional.duo_rows(structure, rng)),
        duo.SOURCE.key,
    )
    features = [
        {
            "type": "Feature",
            "geometry": country.geometries[g.code],
            "properties": {
                "statcode": f"GM{g.code}",
                "jrstatcode": f"{structure.boundary_year}GM{g.code}",
                "statnaam": g.name,
                "rubriek": "gemeente",
                "id": i,
            },
            "id": f"GM{g.code}",
        }
        for i, g in enumerate(structure.gemeenten, start=1)
    ]
    writer.write(
        f"grenzen/gemeente_{structure.boundary_year}.geojson", geojson(features), "cbs_grenzen"
    )
    writer.write(
        "herindelingen/Tabel33 Gemeententabel (gesorteerd op code).csv",
        tabel33(rvig.COLUMNS, fictional.tabel33_rows(structure)),
        rvig.SOURCE.key,
    )


def _copy_real_structure(writer: RawWriter, real: real_structure.RealStructure) -> None:
    for file, key in real.files:
        source = SOURCES[key]
        url = source.downloads[0].url if source.downloads else source.url_main
        writer.copy(file.path, file.name, key, url, source.licence)


def write_demo(
    raw_dir: Path,
    seed: int = 2026,
    structure_from: Path | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Write a complete demo raw dir.

    Args:
        raw_dir: target folder; created if missing. An existing folder must be empty or hold
            only files an earlier demo run wrote (it is then replaced as a whole).
        seed: random seed; the same seed gives byte-identical files.
        structure_from: a raw dir with the real DUO addresses, boundaries and Tabel 33 (such as
            the reference dir); None for the fictional country.
        progress: optional callback receiving short Dutch progress lines.

    Returns:
        A summary of what was written.

    Raises:
        InputError: `raw_dir` holds a file that no demo run wrote (nothing is changed), or a
            structure file in `structure_from` cannot be read.
    """
    report = progress or (lambda _: None)
    root = np.random.SeedSequence(seed)
    # a fifth stream for the kerncijfers and a sixth for the inzet figures leave the earlier
    # ones (and their figures) unchanged
    rng_structure, rng_population, rng_figures, rng_addresses, rng_kerncijfers, rng_inzet = (
        np.random.default_rng(s) for s in root.spawn(6)
    )
    country: fictional.FictionalCountry | None = None
    real: real_structure.RealStructure | None = None
    if structure_from is None:
        report("Fictief land maken")
        country = fictional.build(rng_structure)
        structure: DemoStructure = country.structure
    else:
        report(f"Echte gemeentelijke indeling lezen uit {structure_from}")
        real = real_structure.read(structure_from)
        structure = real.structure
    indeling = Indeling(structure)
    homes: dict[str, Gemeente] = home_of(structure, indeling)
    report("Bevolking en cijfers trekken")
    pop = population.build(structure, indeling, rng_population)
    vsv_years, vz_years, own_risk = figures.build(structure, indeling, pop, rng_figures)

    raw_dir = raw_dir.resolve()
    staging = _staging_dir(raw_dir)
    try:
        writer = RawWriter(staging, seed)
        prefix = "Kompas demo (fictief land)" if structure.fictional else "Kompas demo"
        report("CBS-tabellen schrijven (84780NED, 03759ned, 70072ned)")
        _write_odata(
            writer,
            VSV_FOLDER,
            cbs_vsv.TABLE,
            cbs_vsv.entity_sets(structure, homes, vsv_years, pop, prefix),
            "cbs_vsv",
        )
        _write_odata(
            writer,
            POPULATION_FOLDER,
            cbs_bevolking.TABLE,
            cbs_bevolking.entity_sets(structure, homes, pop, prefix),
            "cbs_bevolking",
        )
        _write_odata(
            writer,
            KERNCIJFERS_FOLDER,
            cbs_kerncijfers.TABLE,
            cbs_kerncijfers.entity_sets(structure, pop, own_risk, rng_kerncijfers, prefix),
            "cbs_kerncijfers",
        )
        report("Verzuimsjablonen schrijven")
        _write_verzuim(writer, vz_years, structure.names, inzet.inzet_values(vz_years, rng_inzet))
        report("Indeling, grenzen en Tabel 33 schrijven")
        if country is not None:
            _write_fictional_structure(writer, country, rng_addresses)
        elif real is not None:
            _copy_real_structure(writer, real)
        _swap_in(staging, raw_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return DemoSummary(
        raw_dir=raw_dir,
        seed=seed,
        fictional=structure.fictional,
        boundary_year=structure.boundary_year,
        gemeenten=len(structure.gemeenten),
        rmc_regions=len({g.rmc_code for g in structure.gemeenten}),
        provincies=len({g.provincie_code for g in structure.gemeenten}),
        school_years=tuple(_label(y.start) for y in vsv_years),
        files=tuple(sorted(writer.files)),
        real_sizes=0 if real is None else real.matched_sizes,
    )
