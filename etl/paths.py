"""The one module that knows where Kompas keeps its files.

Import rule: this module imports nothing from the project (OWID's rule), so every other module,
including `dashboard/`, may import it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
ETL_DIR = REPO_ROOT / "etl"
DATA_DIR = REPO_ROOT / "data"
DEFAULT_RAW_DIR = DATA_DIR / "raw"
DEFAULT_WAREHOUSE = DATA_DIR / "kompas.duckdb"
SHARED_RAW_DIR = REPO_ROOT.parent / "shared" / "data" / "raw"
STATIC_DIR = REPO_ROOT / "static"


def warehouse_path() -> Path:
    """Warehouse file the app reads: `KOMPAS_DB` if set, else `data/kompas.duckdb`."""
    override = os.environ.get("KOMPAS_DB")
    return Path(override).resolve() if override else DEFAULT_WAREHOUSE
