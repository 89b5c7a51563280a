"""The one module that knows where Kompas keeps its files.

Kompas reads no file outside the repository except through a documented setting: the warehouse
(`KOMPAS_DB`), the workshop store (`KOMPAS_WORKSHOP_DB`), the uitvraag store
(`KOMPAS_UITVRAAG`) and the publishers' reference files
(`KOMPAS_REFERENCE_DIR`, no default).

Import rule: this module imports nothing from the project (OWID's rule), so every other module,
including `dashboard/`, may import it.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ETL_DIR = REPO_ROOT / "etl"
DATA_DIR = REPO_ROOT / "data"
DEFAULT_RAW_DIR = DATA_DIR / "raw"
DEFAULT_WAREHOUSE = DATA_DIR / "kompas.duckdb"
DEFAULT_UITVRAAG_STORE = DATA_DIR / "uitvraag.sqlite"
#: Setting naming a raw dir with the publishers' real files (layout of docs/raw-formats.md); the
#: first-start demo takes the real gemeente indeling from it.
REFERENCE_DIR_SETTING = "KOMPAS_REFERENCE_DIR"
STATIC_DIR = REPO_ROOT / "static"
#: The workshops (Markdown, one file each): read by the Workshop pages, bundled by `etl pack`.
WORKSHOPS_DIR = REPO_ROOT / "workshops"
#: Members' submissions from the uitvraag (`python -m etl uitvraag export`), one folder per
#: school year; a submitted gemeente and year replaces the bulk template's row when staged.
SUBMISSIONS_FOLDER = "verzuim/opgaven"
_SUBMISSION_PATH = re.compile(rf"{SUBMISSIONS_FOLDER}/(\d{{4}}-\d{{4}})/(.+)-(\d+)\.(?:csv|xlsx)")


def submission_path(school_year: str, organisation_id: str, submission_id: int, suffix: str) -> str:
    """Where `uitvraag export` puts a submission, relative to the raw dir:
    `verzuim/opgaven/2024-2025/rmc-noord-3.xlsx` (`suffix` with its dot, lower case)."""
    return f"{SUBMISSIONS_FOLDER}/{school_year}/{organisation_id}-{submission_id}{suffix}"


def parse_submission_path(relative: str) -> tuple[str, str, int] | None:
    """School year, organisation and submission number of a `submission_path`; None for any
    other file of the raw dir."""
    found = _SUBMISSION_PATH.fullmatch(relative)
    return (found.group(1), found.group(2), int(found.group(3))) if found else None


def warehouse_path() -> Path:
    """Warehouse file the app reads: `KOMPAS_DB` if set, else `data/kompas.duckdb`."""
    override = os.environ.get("KOMPAS_DB")
    return _resolved(override, os.getcwd()) if override else DEFAULT_WAREHOUSE


@lru_cache(maxsize=16)
def _resolved(path: str, cwd: str) -> Path:
    """`path` made absolute against `cwd`, symlinks resolved (asked for on every query)."""
    return (Path(cwd) / path).resolve()


def uitvraag_store_path() -> Path:
    """SQLite store of the collection rounds: `KOMPAS_UITVRAAG` if set, else
    `data/uitvraag.sqlite`."""
    override = os.environ.get("KOMPAS_UITVRAAG", "").strip()
    return Path(override).resolve() if override else DEFAULT_UITVRAAG_STORE


def reference_dir() -> Path | None:
    """The publishers' reference files: `KOMPAS_REFERENCE_DIR` if set, else None (no default)."""
    override = os.environ.get(REFERENCE_DIR_SETTING, "").strip()
    return Path(override).resolve() if override else None


def workshop_db_path() -> Path:
    """Store of workshop sessions and answers: `KOMPAS_WORKSHOP_DB` if set, else
    `data/workshop.sqlite` (shared by every server process of a room)."""
    override = os.environ.get("KOMPAS_WORKSHOP_DB", "").strip()
    return Path(override).resolve() if override else DATA_DIR / "workshop.sqlite"
