"""Helpers for the Regiorapport tests: the real command, poppler's pdfinfo/pdftotext/pdftoppm
on its output, and the warehouse read with our own SQL (never through the code under test)."""

from __future__ import annotations

import os
import re
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


# poppler up to 25.11 reports the valid `/MarkInfo << /Suspects false >>` that typst writes
# for a tagged PDF as a syntax error (its Catalog::getMarkInfo tests type and value together); the
# file is fine. Any other message on stderr fails the test.
POPPLER_SUSPECTS_QUIRK = "Syntax Error: Suspects object is wrong type (boolean)"


def pdf_info(path: Path) -> dict[str, str]:
    """pdfinfo's fields (`Title`, `Tagged`, `Pages`, `Page size`, ...); fails on any complaint
    of pdfinfo other than poppler's known /Suspects quirk."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    complaints = [line for line in out.stderr.splitlines() if line.strip()]
    assert set(complaints) <= {POPPLER_SUSPECTS_QUIRK}, complaints
    fields: dict[str, str] = {}
    for line in out.stdout.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def check_document(path: Path, title: str, pages: range) -> int:
    """pdfinfo: the title, tagged, A4, a page count in `pages`; the catalog names Dutch.
    Returns the pages."""
    info = pdf_info(path)
    assert info["Title"] == title
    assert info["Tagged"] == "yes"
    assert "(A4)" in info["Page size"]
    count = int(info["Pages"])
    assert count in pages, count
    assert re.search(rb"/Lang\s*\(nl", path.read_bytes())
    return count


def pdf_text(path: Path, page: int | None = None, layout: bool = True) -> str:
    """The PDF's text as pdftotext extracts it (one page when given): in `-layout` mode a table
    row stays on one line; without it a wrapped cell's lines stay together."""
    options = (["-f", str(page), "-l", str(page)] if page else []) + (["-layout"] if layout else [])
    out = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_string(data: bytes, start: int) -> str:
    """The PDF literal string that opens at data[start] ('('): balanced parentheses may stand
    unescaped, escapes are undone; UTF-16BE when it starts with a BOM, else PDFDocEncoding."""
    out = bytearray()
    depth, i = 0, start
    while True:
        char = data[i : i + 1]
        if char == b"\\":
            octal = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8))
                i += 1 + len(octal.group())
                continue
            nxt = data[i + 1 : i + 2]
            out += ESCAPES.get(nxt, nxt)
            i += 2
            continue
        depth += {b"(": 1, b")": -1}.get(char, 0)
        if depth == 0:
            break
        if i > start:
            out += char
        i += 1
    text = bytes(out)
    return text[2:].decode("utf-16-be") if text.startswith(b"\xfe\xff") else text.decode("latin-1")


def pdf_alt_texts(path: Path) -> list[str]:
    """The text alternatives (`/Alt`) of the tagged PDF's figures, in file order."""
    data = path.read_bytes()
    return [_pdf_string(data, m.end()) for m in re.finditer(rb"/Alt\s*(?=\()", data)]


def write_page_images(path: Path, name: str, out_dir: Path = OUTPUT_DIR) -> list[Path]:
    """pdftoppm PNGs of every page under `out_dir` (test-output/reports/ unless given), for a
    person to look at."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(out_dir / name)], check=True)
    return sorted(out_dir.glob(f"{name}-*.png"))


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
