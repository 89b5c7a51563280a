"""`python -m etl demo` replaces only a folder that an earlier demo run wrote entirely: one real
download, a file without origin sidecar or a sidecar that is not a demo's makes it refuse with
a Dutch message and exit 2, leaving every byte of the folder as it was. Runs the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest_helpers import require_shared_raw

REPO_ROOT = Path(__file__).resolve().parents[3]
REAL_ORIGIN = {
    "source": "cbs_vsv",
    "url": "https://opendata.cbs.nl/ODataFeed/odata/84780NED/TypedDataSet?$format=json",
    "retrieved_at": "2026-11-29T10:00:00+00:00",
    "sha256": None,
    "bytes": None,
    "licence": "CC BY 4.0",
    "is_demo": False,
}


def demo(raw_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", "demo", "--raw-dir", str(raw_dir), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def siblings(raw_dir: Path) -> list[str]:
    return sorted(p.name for p in raw_dir.parent.iterdir())


def write_with_origin(path: Path, data: bytes, origin: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.with_name(path.name + ".origin.json").write_text(json.dumps(origin), encoding="utf-8")


def test_a_folder_of_real_downloads_with_one_demo_file_is_refused(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    assert demo(raw, "--seed", "3").returncode == 0  # every file a demo file ...
    real_page = raw / "vsv" / "84780NED" / "TypedDataSet.json"
    write_with_origin(real_page, b'{"odata.metadata": "x", "value": []}', REAL_ORIGIN)
    before, around = snapshot(raw), siblings(raw)  # ... but for this one real download

    result = demo(raw, "--seed", "4")

    assert result.returncode == 2, result.stderr
    assert (
        f"FOUT: {raw}: de map bevat bestanden die niet door de demo zijn gemaakt: "
        "vsv/84780NED/TypedDataSet.json (herkomst is geen demo). De demo vervangt alleen een "
        "eerdere demomap; er is niets gewijzigd. Kies een lege of nieuwe map voor de "
        "demogegevens (bijvoorbeeld data/demo-raw)."
    ) in result.stderr
    assert snapshot(raw) == before
    assert siblings(raw) == around  # no staging folder left behind


def test_files_without_or_with_a_foreign_origin_record_are_named(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_with_origin(
        raw / "gebiedsindeling" / "a.csv", b"demo", {"url": "kompas-demo://1", "is_demo": True}
    )
    (raw / "verzuim").mkdir()
    (raw / "verzuim" / "eigen.csv").write_bytes(b"gemeente;aantal\r\n")
    write_with_origin(
        raw / "grenzen" / "g.geojson", b"{}", {"url": "kompas-demo://1", "is_demo": False}
    )
    (raw / "vsv").mkdir()
    (raw / "vsv" / "los.json.origin.json").write_text("geen json", encoding="utf-8")
    before = snapshot(raw)

    result = demo(raw)

    assert result.returncode == 2, result.stderr
    assert (
        "grenzen/g.geojson (herkomst is geen demo); verzuim/eigen.csv (zonder herkomstbestand); "
        "vsv/los.json.origin.json (herkomst is geen demo)."
    ) in result.stderr
    assert "gebiedsindeling/a.csv" not in result.stderr
    assert snapshot(raw) == before


def test_an_earlier_demo_is_replaced_also_with_the_real_structure(tmp_path: Path) -> None:
    shared = require_shared_raw()
    raw = tmp_path / "raw"
    assert demo(raw, "--seed", "5", "--structure-from", str(shared)).returncode == 0
    first = snapshot(raw)

    result = demo(raw, "--seed", "6", "--structure-from", str(shared))

    assert result.returncode == 0, result.stderr
    second = snapshot(raw)
    assert second.keys() == first.keys()
    assert second != first
    assert siblings(raw) == ["raw"]
