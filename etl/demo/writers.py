"""Bytes in the publishers' formats, written into a raw dir with an origin sidecar per file.

`RawWriter` writes each file plus `<file>.origin.json` (source key, `kompas-demo://<seed>` URL, a
retrieval time fixed by the seed, sha256, size, licence, is_demo) and can copy real structure files
byte for byte (sidecar with is_demo false, unknown retrieval time and `copied_by` naming the demo
run). `written_by_demo` tells from a sidecar whether a demo run wrote its file, so a new run only
ever replaces an earlier demo. The format functions turn rows into the exact bytes of each
publisher's format (docs/raw-formats.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEMO_LICENCE = "CC0 (synthetisch)"
ORIGIN_SUFFIX = ".origin.json"
DEMO_URL_PREFIX = "kompas-demo://"
_EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def retrieved_at(seed: int) -> str:
    """A fixed timestamp derived from the seed, so demo output is byte-identical per seed."""
    moment = _EPOCH + dt.timedelta(seconds=(seed * 7919) % (365 * 24 * 3600))
    return moment.isoformat()


def written_by_demo(origin: object) -> bool:
    """True for the sidecar of a file a demo run wrote: generated (is_demo with a demo URL) or a
    real structure file it copied (`copied_by` a demo run)."""
    if not isinstance(origin, dict):
        return False
    url, copied_by = str(origin.get("url") or ""), str(origin.get("copied_by") or "")
    generated = origin.get("is_demo") is True and url.startswith(DEMO_URL_PREFIX)
    return generated or copied_by.startswith(DEMO_URL_PREFIX)


class RawWriter:
    """Writes files into a raw dir and records their relative paths."""

    def __init__(self, raw_dir: Path, seed: int):
        self.raw_dir = raw_dir
        self.seed = seed
        self.files: list[str] = []

    def _sidecar(self, rel: str, origin: dict[str, Any]) -> None:
        path = self.raw_dir / (rel + ORIGIN_SUFFIX)
        path.write_text(json.dumps(origin, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def write(self, rel: str, data: bytes, source: str) -> None:
        """Write a generated file and its demo sidecar."""
        path = self.raw_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self._sidecar(
            rel,
            {
                "source": source,
                "url": f"{DEMO_URL_PREFIX}{self.seed}",
                "retrieved_at": retrieved_at(self.seed),
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "licence": DEMO_LICENCE,
                "is_demo": True,
            },
        )
        self.files.append(rel)

    def copy(self, src: Path, rel: str, source: str, url: str, licence: str) -> None:
        """Copy a real publisher file byte for byte, with a sidecar saying it is real."""
        path = self.raw_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, path)
        data = path.read_bytes()
        self._sidecar(
            rel,
            {
                "source": source,
                "url": url,
                "retrieved_at": None,
                "sha256": hashlib.sha256(data).hexdigest(),
                "bytes": len(data),
                "licence": licence,
                "is_demo": False,
                "copied_by": f"{DEMO_URL_PREFIX}{self.seed}",
            },
        )
        self.files.append(rel)


def duo_csv(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """DUO address file: cp1252, `;`, CRLF, no quoting; blank fields must already be ' '."""
    lines = [";".join(header)] + [";".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def tabel33(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """RvIG Tabel 33: UTF-16 LE with BOM, every field quoted, LF, rows with a 6th empty field."""
    lines = [",".join(f'"{v}"' for v in header)]
    lines += [",".join(f'"{v}"' for v in [*row, ""]) for row in rows]
    return b"\xff\xfe" + ("\n".join(lines) + "\n").encode("utf-16-le")


def geojson(features: Sequence[dict[str, Any]]) -> bytes:
    """FeatureCollection with one feature per line, as the CBS/cartomap file."""
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    return ('{"type":"FeatureCollection", "features": [\n' + body + "\n]}").encode("utf-8")


def template_csv(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """Kompas verzuim template as CSV: UTF-8 with BOM, `;`, CRLF (as a spreadsheet saves it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def template_xlsx(
    columns: Sequence[str], rows: Sequence[Sequence[str | float | None]], sheet: str
) -> bytes:
    """Kompas verzuim template as XLSX (first sheet `sheet`), byte-identical for equal input."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    workbook.set_properties({"created": dt.datetime(2026, 1, 1), "author": "Kompas demo"})
    worksheet = workbook.add_worksheet(sheet)
    worksheet.write_row(0, 0, list(columns))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                worksheet.write_string(r, c, value)
            else:
                worksheet.write_number(r, c, value)
    workbook.close()
    return buffer.getvalue()
