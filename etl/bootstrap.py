"""First start: make sure a warehouse exists, building the demo one if there is none.

Used by the dashboard's `app.py` so that the README's first command opens a working app on a
fresh machine without network: demo raw files (with the real indeling when
../shared/data/raw is present, else the fictional country) are written and built once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from etl.paths import DATA_DIR, SHARED_RAW_DIR, warehouse_path


def ensure_warehouse(progress: Callable[[str], None]) -> Path:
    """Return the warehouse path, building the demo warehouse first when it is missing."""
    target = warehouse_path()
    if target.is_file():
        return target
    from etl.demo.generator import write_demo
    from etl.pipeline import build

    raw_dir = DATA_DIR / "demo-raw"
    structure = SHARED_RAW_DIR if SHARED_RAW_DIR.is_dir() else None
    progress("Demogegevens maken" + (" met de echte gemeentelijke indeling" if structure else ""))
    write_demo(raw_dir, structure_from=structure, progress=progress)
    build(raw_dir, target, progress=progress)
    return target
