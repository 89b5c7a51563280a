"""First start: make sure a warehouse exists before the dashboard opens.

Used by `app.py`, so that the README's first command opens a working app on a fresh machine:
if the publishers can be reached, their files are fetched and built (real figures; verzuim only
once a user adds a template); otherwise a demo raw dir is written (with the real indeling from
the folder `KOMPAS_REFERENCE_DIR` names, else the fictional country) and built. Settings:
`KOMPAS_OFFLINE=1` skips the publishers; `KOMPAS_PUBLISHER_MIRROR=URL` fetches from a local
mirror instead of the publishers (workshops without internet); `KOMPAS_REFERENCE_DIR=DIR` gives
the demo the real gemeente indeling. Raw files go next to the
warehouse (`raw/` or `demo-raw/`).

`progress` receives only the steps a newcomer can read (plain Dutch, no file, table or layer
names); the per-file lines of fetch, demo generator and readers go to this module's logger.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from etl.paths import REFERENCE_DIR_SETTING, reference_dir, warehouse_path

PUBLISHER_TIMEOUT_SECONDS = 10.0
_LOG = logging.getLogger(__name__)


def _build_from_publishers(target: Path, progress: Callable[[str], None]) -> bool:
    """Fetch and build real figures; False when any publisher cannot be reached."""
    from etl.fetch import fetch_sources
    from etl.pipeline import build
    from etl.sources import SOURCES

    raw_dir = target.parent / "raw"
    progress("Cijfers ophalen bij CBS, DUO en PDOK")
    report = fetch_sources(
        raw_dir,
        list(SOURCES.values()),
        mirror=os.environ.get("KOMPAS_PUBLISHER_MIRROR") or None,
        timeout=PUBLISHER_TIMEOUT_SECONDS,
        retries=1,
        progress=_LOG.info,
    )
    if report.failures:
        progress("Uitgevers niet bereikbaar; Kompas gebruikt demogegevens")
        return False
    build(raw_dir, target, progress=progress, detail=_LOG.info)
    return True


def _build_demo(target: Path, progress: Callable[[str], None]) -> None:
    from etl.demo.generator import write_demo
    from etl.pipeline import build

    raw_dir = target.parent / "demo-raw"
    structure = reference_dir()
    if structure is not None and not structure.is_dir():
        progress(
            f"{REFERENCE_DIR_SETTING} wijst naar {structure}, maar die map bestaat niet; "
            "de demo gebruikt een fictief land"
        )
        structure = None
    progress("Demogegevens maken" + (" met de echte gemeentelijke indeling" if structure else ""))
    write_demo(raw_dir, structure_from=structure, progress=_LOG.info)
    build(raw_dir, target, progress=progress, detail=_LOG.info)


def ensure_warehouse(progress: Callable[[str], None]) -> Path:
    """Return the warehouse path, building one first when it is missing."""
    target = warehouse_path()
    if target.is_file():
        return target
    offline = os.environ.get("KOMPAS_OFFLINE", "") not in ("", "0")
    if offline or not _build_from_publishers(target, progress):
        _build_demo(target, progress)
    return target
