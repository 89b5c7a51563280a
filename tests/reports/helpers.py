"""Helpers for the Regiorapport tests: the real command, poppler's pdfinfo/pdftotext/pdftoppm
on its output, and the warehouse read with our own SQL (never through the code under test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
OUTPUT_DIR = REPO / "test-output" / "reports"
POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


def require_poppler() -> None:
    """Skip (fail on CI) when poppler-utils is missing."""
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        message = f"poppler-utils missing ({', '.join(missing)}): tests/browser/install_chromium.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def run_reports(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m reports ARGS` as a child process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "reports", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def pdf_info(path: Path) -> dict[str, str]:
    """pdfinfo's fields (`Title`, `Tagged`, `Pages`, `Page size`, ...)."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    fields: dict[str, str] = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def pdf_text(path: Path, page: int | None = None, layout: bool = True) -> str:
    """The PDF's text as pdftotext extracts it (one page when given): in `-layout` mode a table
    row stays on one line; without it a wrapped cell's lines stay together."""
    options = (["-f", str(page), "-l", str(page)] if page else []) + (["-layout"] if layout else [])
    out = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def write_page_images(path: Path, name: str) -> list[Path]:
    """pdftoppm PNGs of every page under test-output/reports/ (for a person to look at)."""
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for old in OUTPUT_DIR.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(OUTPUT_DIR / name)], check=True)
    return sorted(OUTPUT_DIR.glob(f"{name}-*.png"))


def query(db: Path, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    """Our own SQL on the warehouse file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()


def dutch(value: float, decimals: int) -> str:
    """A number written the Dutch way, rounded half up, written out here independently."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    whole, _, fraction = f"{exact:,f}".partition(".")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole
