"""`etl pack`: the warehouse, the raw files it was built from and the workshops, checked."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import pytest

from etl.errors import BuildError, InputError
from etl.pack import write_pack
from tests.conftest_helpers import run_etl


def _files_read(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [
            row[0] for row in con.execute("select file from meta.files order by file").fetchall()
        ]


@pytest.fixture
def workshops(tmp_path: Path) -> Path:
    folder = tmp_path / "workshops"
    folder.mkdir()
    (folder / "eigen-regio.md").write_text("---\ntitle: Proef\n---\n", encoding="utf-8")
    return folder


def test_pack_holds_exactly_what_the_warehouse_was_built_from(
    fixture_warehouse: Path, demo_raw_dir: Path, workshops: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pakket"
    summary = write_pack(fixture_warehouse, out, workshops_dir=workshops)

    assert (out / "kompas.duckdb").read_bytes() == fixture_warehouse.read_bytes()
    files = _files_read(fixture_warehouse)
    assert summary.raw_files == len(files) > 0
    for name in files:
        assert (out / "raw" / name).read_bytes() == (demo_raw_dir / name).read_bytes()
        sidecar = f"{name}.origin.json"
        assert (out / "raw" / sidecar).read_bytes() == (demo_raw_dir / sidecar).read_bytes()
    assert (out / "workshops" / "eigen-regio.md").is_file()
    with (out / "MANIFEST.csv").open(encoding="utf-8") as handle:
        manifest = {row["file"]: row for row in csv.DictReader(handle)}
    listed = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert set(manifest) == listed - {"MANIFEST.csv"}
    for name, row in manifest.items():
        content = (out / name).read_bytes()
        assert int(row["bytes"]) == len(content)
        assert row["sha256"] == hashlib.sha256(content).hexdigest()
    assert "DEMOGEGEVENS" in (out / "LEESMIJ.md").read_text(encoding="utf-8")


def test_a_changed_raw_file_stops_the_pack_and_writes_nothing(
    fixture_warehouse: Path, raw_copy: Path, tmp_path: Path
) -> None:
    changed = raw_copy / _files_read(fixture_warehouse)[0]
    changed.write_bytes(changed.read_bytes() + b" ")
    (raw_copy / _files_read(fixture_warehouse)[1]).unlink()
    out = tmp_path / "pakket"
    with pytest.raises(InputError) as refused:
        write_pack(fixture_warehouse, out, raw_dir=raw_copy)
    messages = [p.describe() for p in refused.value.problems]
    assert len(messages) == 2
    assert str(changed) in messages[0] and "veranderd" in messages[0]
    assert "ontbreekt" in messages[1]
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kompas-pack-")]


def test_a_folder_with_files_is_not_overwritten(fixture_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "pakket"
    out.mkdir()
    (out / "iets.txt").write_text("van de trainer", encoding="utf-8")
    with pytest.raises(BuildError, match="niet leeg"):
        write_pack(fixture_warehouse, out)
    assert [p.name for p in out.iterdir()] == ["iets.txt"]


def test_cli_refuses_a_missing_warehouse(tmp_path: Path) -> None:
    run = run_etl("pack", "--out", str(tmp_path / "p"), "--db", str(tmp_path / "geen.duckdb"))
    assert run.returncode == 3
    assert "geen magazijn gevonden" in run.stderr
    assert not (tmp_path / "p").exists()
