"""What the workshop pages share within a server process: the store on the configured file and
the workshop files of the repository (each read once; a malformed file becomes its Dutch error
instead of breaking the other workshops)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from etl.paths import WORKSHOPS_DIR, workshop_db_path
from workshop import spec
from workshop.parser import WorkshopFileError, parse_file
from workshop.store import Store

WORKSHOP_DIR = WORKSHOPS_DIR


@dataclass(frozen=True)
class Catalogue:
    """The readable workshops by key, and the errors of the files that could not be read."""

    workshops: dict[str, spec.Workshop]
    errors: tuple[str, ...]


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(Path(path))


def store() -> Store:
    """The store on `KOMPAS_WORKSHOP_DB` (one object per file and process)."""
    return _store(str(workshop_db_path()))


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """Every `workshops/*.md` file, parsed once per process."""
    workshops: dict[str, spec.Workshop] = {}
    errors: list[str] = []
    for path in sorted(WORKSHOP_DIR.glob("*.md")):
        try:
            workshops[path.stem] = parse_file(path)
        except WorkshopFileError as error:
            errors.append(str(error))
    return Catalogue(workshops, tuple(errors))
