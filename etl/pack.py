"""Workshop bundle: a warehouse, the publisher files it was built from and the workshops, in one
folder a trainer copies to a laptop for a venue without internet.

Every file the warehouse says it read (`meta.files`, with its checksum) is copied from the raw
dir with its origin record and checked against that checksum, so the bundle holds exactly the
figures the warehouse was built from. A file that is missing or differs stops the pack with a
message naming it; nothing is written then. The bundle's raw dir can be served to participants'
machines as a publisher mirror (`python -m etl mirror`).
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.errors import BuildError, InputError, Problem
from etl.fetch import SIDECAR_SUFFIX
from etl.paths import WORKSHOPS_DIR
from etl.sources.readers import sha256_file

WAREHOUSE_NAME = "kompas.duckdb"
MANIFEST_NAME = "MANIFEST.csv"
README_NAME = "LEESMIJ.md"


@dataclass(frozen=True)
class PackSummary:
    """What a pack holds."""

    out: Path
    raw_files: int
    workshops: int
    is_demo: bool

    def describe(self) -> str:
        """One Dutch line for the terminal."""
        kind = "DEMO-gegevens" if self.is_demo else "gegevens van de uitgevers"
        return (
            f"Workshoppakket geschreven: {self.out} (magazijn met {kind}, "
            f"{self.raw_files} bronbestanden, {self.workshops} workshop(s))."
        )


@dataclass(frozen=True)
class _Built:
    raw_dir: Path
    is_demo: bool
    files: list[tuple[str, str]]  # (file relative to the raw dir, sha256)


def _read_build(db: Path) -> _Built:
    if not db.is_file():
        raise BuildError(f"geen magazijn gevonden op {db}; bouw het eerst (python -m etl build)")
    with duckdb.connect(str(db), read_only=True) as con:
        raw_dir, is_demo = con.execute("select raw_dir, is_demo from meta.build").fetchone() or (
            "",
            True,
        )
        files = con.execute("select file, sha256 from meta.files order by file").fetchall()
    return _Built(Path(str(raw_dir)), bool(is_demo), [(str(f), str(s)) for f, s in files])


def _check_raw_files(raw_dir: Path, files: list[tuple[str, str]]) -> None:
    problems = []
    for name, sha256 in files:
        path = raw_dir / name
        if not path.is_file():
            problems.append(Problem(str(path), "ontbreekt; het magazijn is ermee gebouwd"))
        elif sha256_file(path) != sha256:
            problems.append(
                Problem(str(path), "is veranderd sinds het magazijn ermee gebouwd is (checksum)")
            )
    if problems:
        raise InputError(problems)


def _readme(summary: PackSummary) -> str:
    demo = (
        "Dit pakket bevat DEMOGEGEVENS: verzonnen cijfers in de vorm van de echte bestanden.\n\n"
        if summary.is_demo
        else ""
    )
    return f"""# Kompas-workshoppakket

{demo}Inhoud:

- `{WAREHOUSE_NAME}`: het magazijn dat Kompas toont;
- `raw/`: de bestanden van de uitgevers waaruit het gebouwd is, elk met een
  `.origin.json` (bron, adres, datum van ophalen, licentie, checksum);
- `workshops/`: de workshops ({summary.workshops});
- `{MANIFEST_NAME}`: elk bestand met grootte en SHA-256.

Kompas starten voor de zaal (vanuit de map van Kompas):

    python -m room --db PAD/NAAR/PAKKET/{WAREHOUSE_NAME} --processes 2 --bind 0.0.0.0

Deelnemers met Kompas op hun eigen laptop halen de bestanden bij u op:

    python -m etl mirror --raw-dir PAD/NAAR/PAKKET/raw --bind 0.0.0.0 --port 8765
    # op de laptop van de deelnemer:
    python -m etl fetch --mirror http://ADRES-VAN-DEZE-LAPTOP:8765
    python -m etl build
"""


def _manifest(root: Path) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "bytes", "sha256"])
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        writer.writerow([path.relative_to(root).as_posix(), path.stat().st_size, sha256_file(path)])
    return buffer.getvalue()


def write_pack(
    db: Path, out: Path, raw_dir: Path | None = None, workshops_dir: Path = WORKSHOPS_DIR
) -> PackSummary:
    """Write the bundle of `db` into `out` (which must not exist or be empty).

    The raw dir defaults to the one the warehouse records it was built from.

    Raises:
        BuildError: no warehouse, or `out` holds files already.
        InputError: a raw file the warehouse was built from is missing or changed.
    """
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BuildError(f"{out} bestaat al en is niet leeg; kies een nieuwe map")
    built = _read_build(db)
    source = raw_dir or built.raw_dir
    _check_raw_files(source, built.files)
    workshops = sorted(workshops_dir.glob("*.md")) if workshops_dir.is_dir() else []
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".kompas-pack-", dir=out.parent))
    try:
        shutil.copyfile(db, stage / WAREHOUSE_NAME)
        for name, _ in built.files:
            for path in (source / name, source / (name + SIDECAR_SUFFIX)):
                if path.is_file():
                    target = stage / "raw" / path.relative_to(source)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
        (stage / "workshops").mkdir()
        for workshop in workshops:
            shutil.copyfile(workshop, stage / "workshops" / workshop.name)
        summary = PackSummary(out, len(built.files), len(workshops), built.is_demo)
        (stage / README_NAME).write_text(_readme(summary), encoding="utf-8")
        (stage / MANIFEST_NAME).write_text(_manifest(stage), encoding="utf-8")
        if out.exists():
            out.rmdir()
        stage.rename(out)
    finally:
        if stage.exists():
            shutil.rmtree(stage)
    return summary
