"""Raw dir -> raw tables: find which file belongs to which source, check nothing required is
missing, read origin sidecars and hashes, and run every source parser.

The result (`RawLoad`) holds one text DataFrame per raw table (`raw.<source>__<name>`) and one
`FileRecord` per input file, for `meta.build`. Files that match no pattern are listed, not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from etl.errors import InputError, Problem
from etl.sources import SOURCE_MODULES, SourceModule
from etl.sources.readers import RawFile, ReadContext, fail, parse_json, read_bytes, sha256_file

__all__ = ["FileRecord", "RawFile", "RawLoad", "discover", "load_raw"]

ORIGIN_SUFFIX = ".origin.json"
# Excel keeps a hidden lock file `~$name.xlsx` next to an open workbook.
_LOCK_PREFIX = "~$"


@dataclass(frozen=True)
class FileRecord:
    """One input file as it went into the build.

    Args:
        path: path relative to the raw dir (posix).
        source_key: source the file belongs to.
        sha256: hex digest of the bytes read.
        bytes: file size.
        retrieved_at: ISO timestamp from the origin sidecar; None when unknown.
        url: where it was downloaded from (sidecar); None when unknown.
        licence: licence from the sidecar, else the source's stated licence.
        is_demo: True for synthetic demo files (sidecar); files without sidecar count as real.
        has_origin: whether an origin sidecar was present.
    """

    path: str
    source_key: str
    sha256: str
    bytes: int
    retrieved_at: str | None
    url: str | None
    licence: str | None
    is_demo: bool
    has_origin: bool


@dataclass
class RawLoad:
    """Everything read from one raw dir.

    Args:
        tables: 'raw.<source>__<name>' -> text DataFrame with `_source_file`, `_row_number`.
        files: one record per input file, sorted by path.
        ignored: files that matched no pattern (with the reason in `note`).
    """

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: list[FileRecord] = field(default_factory=list)
    ignored: list[RawFile] = field(default_factory=list)


def discover(raw_dir: Path) -> list[RawFile]:
    """List every file in the raw dir with its source and role (None for ignored files).

    Origin sidecars are not listed; a sidecar without its data file is listed as ignored.

    Raises:
        InputError: the raw dir does not exist.
    """
    if not raw_dir.is_dir():
        raise fail(str(raw_dir), "map met brongegevens bestaat niet")
    paths = sorted(path for path in raw_dir.rglob("*") if path.is_file())
    existing = {path.as_posix() for path in paths}
    found: list[RawFile] = []
    for path in paths:
        name = path.relative_to(raw_dir).as_posix()
        if name.endswith(ORIGIN_SUFFIX):
            if path.as_posix()[: -len(ORIGIN_SUFFIX)] not in existing:
                note = "herkomstbestand zonder bijbehorend gegevensbestand"
                found.append(RawFile(path=path, name=name, note=note))
            continue
        if path.name.startswith(_LOCK_PREFIX):
            note = "tijdelijk vergrendelbestand van Excel (sluit het bestand in Excel)"
            found.append(RawFile(path=path, name=name, note=note))
            continue
        found.append(_classify(path, name))
    return found


def _classify(path: Path, name: str) -> RawFile:
    for key, module in SOURCE_MODULES.items():
        for role, patterns in module.FILE_PATTERNS.items():
            if any(_matches(name, pattern) for pattern in patterns):
                return RawFile(path=path, name=name, source_key=key, role=role)
    return RawFile(path=path, name=name, note="past bij geen bekend bestandspatroon; niet gelezen")


def _matches(name: str, pattern: str) -> bool:
    """Case-insensitive glob match where `*` never crosses a `/`."""
    parts = PurePosixPath(name.lower()).parts
    wanted = PurePosixPath(pattern.lower()).parts
    return len(parts) == len(wanted) and all(map(fnmatchcase, parts, wanted))


def load_raw(
    raw_dir: Path,
    max_bytes: int,
    progress: Callable[[str], None] | None = None,
    parsed: Callable[[str, dict[str, pd.DataFrame]], None] | None = None,
) -> RawLoad:
    """Read and parse every source in a raw dir.

    Args:
        raw_dir: the raw dir (layout in docs/raw-formats.md).
        max_bytes: largest file accepted, in bytes.
        progress: optional callback receiving short Dutch progress lines.
        parsed: optional callback receiving each source's key and raw tables (name -> frame)
            as soon as that source is parsed, before the next one is read (the build stores
            them meanwhile).

    Returns:
        The raw tables, the file records and the ignored files.

    Raises:
        InputError: required sources are missing (all listed at once), an origin sidecar is
            invalid or does not match its file, or a file has a structural problem.
    """
    files = discover(raw_dir)
    by_source: dict[str, list[RawFile]] = {key: [] for key in SOURCE_MODULES}
    result = RawLoad(ignored=[file for file in files if file.source_key is None])
    for file in files:
        if file.source_key is not None:
            by_source[file.source_key].append(file)
    _check_complete(by_source)
    ctx = ReadContext(max_bytes=max_bytes, progress=progress)
    for key, module in SOURCE_MODULES.items():
        source_files = by_source[key]
        ctx.report(f"{module.SOURCE.title}: {len(source_files)} bestand(en)")
        result.files.extend(_record(file, module, max_bytes) for file in source_files)
        tables = {
            f"raw.{key}__{table}": frame for table, frame in module.parse(source_files, ctx).items()
        }
        result.tables.update(tables)
        if parsed is not None:
            parsed(key, tables)
    result.files.sort(key=lambda record: record.path)
    return result


def _check_complete(by_source: dict[str, list[RawFile]]) -> None:
    problems: list[Problem] = []
    for key, module in SOURCE_MODULES.items():
        roles = {file.role for file in by_source[key]}
        if any(required <= roles for required in module.REQUIRED_ROLES):
            continue
        options = " of ".join(
            " samen met ".join(", ".join(module.FILE_PATTERNS[role]) for role in sorted(required))
            for required in module.REQUIRED_ROLES
        )
        problems.append(
            Problem(
                file=f"{module.SOURCE.folder}/",
                message=f"{module.SOURCE.title}: geen (volledige) bestanden gevonden; "
                f"verwacht {options}",
            )
        )
    if problems:
        raise InputError(problems)


def _record(file: RawFile, module: SourceModule, max_bytes: int) -> FileRecord:
    digest = sha256_file(file.path)
    size = file.path.stat().st_size
    sidecar_path = file.path.with_name(file.path.name + ORIGIN_SUFFIX)
    if not sidecar_path.is_file():
        return FileRecord(
            path=file.name,
            source_key=module.SOURCE.key,
            sha256=digest,
            bytes=size,
            retrieved_at=None,
            url=None,
            licence=module.SOURCE.licence,
            is_demo=False,
            has_origin=False,
        )
    sidecar = RawFile(path=sidecar_path, name=file.name + ORIGIN_SUFFIX)
    origin = parse_json(read_bytes(sidecar, max_bytes), sidecar.name, numbers_as_text=False)
    if not isinstance(origin, dict):
        raise fail(sidecar.name, "herkomstbestand moet een JSON-object zijn")
    _check_origin(sidecar.name, origin, module.SOURCE.key, digest, size)
    licence = origin.get("licence")
    return FileRecord(
        path=file.name,
        source_key=module.SOURCE.key,
        sha256=digest,
        bytes=size,
        retrieved_at=origin.get("retrieved_at"),
        url=origin.get("url"),
        licence=licence if licence is not None else module.SOURCE.licence,
        is_demo=bool(origin.get("is_demo", False)),
        has_origin=True,
    )


def _check_origin(name: str, origin: dict[str, Any], key: str, digest: str, size: int) -> None:
    for field_name in ("source", "url", "retrieved_at", "sha256", "licence"):
        value = origin.get(field_name)
        if value is not None and not isinstance(value, str):
            raise fail(name, "veld moet tekst zijn", column=field_name, value=str(value))
    size_value, demo_value = origin.get("bytes"), origin.get("is_demo")
    if size_value is not None and (isinstance(size_value, bool) or not isinstance(size_value, int)):
        raise fail(name, "veld moet een geheel getal zijn", column="bytes", value=str(size_value))
    if demo_value is not None and not isinstance(demo_value, bool):
        raise fail(name, "veld moet true of false zijn", column="is_demo", value=str(demo_value))
    if origin.get("source") not in (None, key):
        raise fail(
            name,
            f"herkomstbestand hoort bij bron '{origin['source']}', het bestand staat bij '{key}'",
            column="source",
            value=str(origin["source"]),
        )
    if origin.get("sha256") not in (None, digest):
        raise fail(
            name,
            "het gegevensbestand is gewijzigd na het ophalen (sha256 verschilt); haal het "
            "opnieuw op of verwijder het herkomstbestand",
            column="sha256",
            value=str(origin["sha256"]),
        )
    if origin.get("bytes") not in (None, size):
        raise fail(
            name,
            f"bestandsgrootte verschilt van het herkomstbestand (nu {size} bytes)",
            column="bytes",
            value=str(origin["bytes"]),
        )
