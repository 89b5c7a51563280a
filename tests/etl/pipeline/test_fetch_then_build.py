"""fetch -> build through the CLI against a local stand-in for the publishers' servers.

A real HTTP server on 127.0.0.1 serves a demo raw dir at the publishers' own URL paths (DUO,
cartomap/PDOK, the pinned Tabel 33 copy, CBS OData with paged TypedDataSet); `fetch --mirror`
downloads it, the user's verzuim template is added, and `build` turns it into a warehouse.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

from tests.conftest_helpers import all_checks_passed_line, run_etl


def test_fetch_from_mirror_then_build(publisher: str, demo_raw_dir: Path, tmp_path: Path) -> None:
    raw, db = tmp_path / "raw", tmp_path / "kompas.duckdb"
    fetched = run_etl("fetch", "--raw-dir", str(raw), "--mirror", publisher)
    assert fetched.returncode == 0, fetched.stdout + fetched.stderr
    assert (raw / "vsv" / "84780NED" / "TypedDataSet.2.json").is_file()
    assert (raw / "kerncijfers" / "70072ned" / "TypedDataSet.2.json").is_file()
    origin = json.loads((raw / "vsv/84780NED/TypedDataSet.json.origin.json").read_text())
    assert origin["url"].startswith("https://opendata.cbs.nl/") and origin["sha256"]
    shutil.copytree(demo_raw_dir / "verzuim", raw / "verzuim")  # supplied by the user
    built = run_etl("build", "--raw-dir", str(raw), "--db", str(db))
    assert built.returncode == 0, built.stderr
    assert all_checks_passed_line() in built.stdout


def test_unreachable_publishers_fail_with_one_line_each(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    raw = tmp_path / "raw"
    result = run_etl(
        "fetch",
        "--raw-dir",
        str(raw),
        "--source",
        "duo",
        "--source",
        "cbs_vsv",
        "--mirror",
        f"http://127.0.0.1:{closed_port}",
        "--timeout",
        "1",
    )
    assert result.returncode == 4
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert output.count("niet bereikbaar") >= 2
    leftovers = [p for p in raw.rglob("*") if p.is_file()] if raw.exists() else []
    assert leftovers == []
