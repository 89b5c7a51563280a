"""Tests for etl/raw/load.py: discovery, completeness, origin sidecars, all raw tables."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.raw.load import discover, load_raw
from etl.sources import SOURCE_MODULES
from tests.conftest_helpers import require_shared_raw
from tests.etl.sources.helpers import BIG, copy_mini, single_problem

SIDECAR = "verzuim/verzuim_2023-2024.csv.origin.json"
EXPECTED_TABLES = {
    "raw.duo__school_addresses",
    "raw.cbs_grenzen__boundaries",
    "raw.rvig__municipality_codes",
    "raw.cbs_bevolking__population",
    "raw.cbs_bevolking__ages",
    "raw.cbs_bevolking__periods",
    "raw.cbs_vsv__early_leavers",
    "raw.cbs_vsv__regions",
    "raw.cbs_vsv__periods",
    "raw.verzuim__counts",
}
# raw_mini has no 70072ned pages: the optional source still gives its tables, empty
OPTIONAL_EMPTY = {"raw.cbs_kerncijfers__key_figures", "raw.cbs_kerncijfers__periods"}


def test_discover_assigns_roles_and_lists_ignored_files(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / "verzuim/~$verzuim_2022-2023.xlsx").write_bytes(b"lock")
    (raw / "grenzen/weg.geojson.origin.json").write_text("{}")
    found = {file.name: file for file in discover(raw)}
    assert SIDECAR not in found
    assert found["bevolking/03759ned/TypedDataSet.2.json"].role == "odata_page"
    assert found["bevolking/03759ned_metadata.csv"].role == "statline_metadata"
    assert found["verzuim/verzuim_2022-2023.xlsx"].source_key == "verzuim"
    ignored = {name: file.note for name, file in found.items() if file.source_key is None}
    assert set(ignored) == {
        "gebiedsindeling/LEESMIJ.txt",
        "verzuim/~$verzuim_2022-2023.xlsx",
        "grenzen/weg.geojson.origin.json",
    }
    assert all(note for note in ignored.values())


def test_load_raw_returns_every_raw_table_and_file_record(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    lines: list[str] = []
    result = load_raw(raw, BIG, progress=lines.append)
    assert set(result.tables) == EXPECTED_TABLES | OPTIONAL_EMPTY
    for name, frame in result.tables.items():
        assert (len(frame) > 0) == (name not in OPTIONAL_EMPTY), name
        assert str(frame["_row_number"].dtype) == "int64", name
        text = [c for c in frame.columns if c != "_row_number"]
        assert all(str(frame[c].dtype) == "str" for c in text), name
    assert [file.name for file in result.ignored] == ["gebiedsindeling/LEESMIJ.txt"]
    records = {record.path: record for record in result.files}
    assert len(records) == 18  # every data file; no sidecars, no ignored files
    csv = records["verzuim/verzuim_2023-2024.csv"]
    assert (csv.is_demo, csv.has_origin, csv.retrieved_at) == (
        True,
        True,
        "2024-09-01T10:00:00+00:00",
    )
    assert csv.sha256 == hashlib.sha256((raw / csv.path).read_bytes()).hexdigest()
    duo = records["gebiedsindeling/02.-alle-schoolvestigingen-basisonderwijs.csv"]
    assert (duo.is_demo, duo.has_origin, duo.retrieved_at, duo.source_key) == (
        False,
        False,
        None,
        "duo",
    )
    assert duo.licence == "CC0 1.0 (open onderwijsdata van DUO)"
    assert any("Inlezen verzuim/verzuim_2022-2023.xlsx" in line for line in lines)


def test_load_raw_hands_each_source_to_the_callback_in_source_order(tmp_path: Path) -> None:
    handed: list[tuple[str, dict[str, object]]] = []
    result = load_raw(
        copy_mini(tmp_path), BIG, parsed=lambda key, tables: handed.append((key, tables))
    )
    # each source once, in the order etl/sources/__init__.py lists them
    assert [key for key, _ in handed] == list(SOURCE_MODULES)
    for key, tables in handed:
        assert all(name.startswith(f"raw.{key}__") for name in tables), key
    handed_frames = {name: frame for _, tables in handed for name, frame in tables.items()}
    assert set(handed_frames) == set(result.tables)
    assert all(handed_frames[name] is frame for name, frame in result.tables.items())


def test_missing_sources_are_all_listed_in_dutch(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    shutil.rmtree(raw / "vsv")
    shutil.rmtree(raw / "verzuim")
    shutil.rmtree(raw / "bevolking/03759ned")
    (raw / "bevolking/03759ned_metadata.csv").unlink()
    with pytest.raises(InputError) as excinfo:
        load_raw(raw, BIG)
    problems = {p.file: p.message for p in excinfo.value.problems}
    # verzuim is optional (users supply it); the publishers' sources are not
    assert set(problems) == {"bevolking/", "vsv/"}
    assert "bevolking/03759ned_metadata.csv" in problems["bevolking/"]


def test_missing_raw_dir_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bestaat niet"):
        load_raw(tmp_path / "nergens", BIG)


def _edit_sidecar(raw: Path, **changes: object) -> None:
    path = raw / SIDECAR
    origin = json.loads(path.read_text())
    origin.update(changes)
    path.write_text(json.dumps(origin))


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"sha256": "0" * 64}, "sha256", "gewijzigd na het ophalen"),
        ({"source": "duo"}, "source", "hoort bij bron 'duo'"),
        ({"bytes": 1}, "bytes", "bestandsgrootte"),
        ({"is_demo": "ja"}, "is_demo", "true of false"),
    ],
)
def test_inconsistent_origin_sidecar_is_refused(
    tmp_path: Path, changes: dict[str, object], column: str, message: str
) -> None:
    raw = copy_mini(tmp_path)
    _edit_sidecar(raw, **changes)
    with pytest.raises(InputError, match=message) as excinfo:
        load_raw(raw, BIG)
    problem = single_problem(excinfo)
    assert (problem.file, problem.column) == (SIDECAR, column)


def test_file_over_size_limit_is_named(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    with pytest.raises(InputError, match="te groot") as excinfo:
        load_raw(raw, max_bytes=5000)
    problem = single_problem(excinfo)
    assert problem.file == "bevolking/03759ned/TypedDataSet.json"  # first page is read first
    assert problem.value == str((raw / problem.file).stat().st_size)


@pytest.mark.realdata
def test_discover_on_the_shared_raw_dir() -> None:
    found = {file.name: file for file in discover(require_shared_raw())}
    assert (
        found["gebiedsindeling/02.-alle-schoolvestigingen-basisonderwijs.csv"].source_key == "duo"
    )
    assert found["herindelingen/Tabel33 Gemeententabel (gesorteerd op code).csv"].role == "tabel33"
    assert found["bevolking/03759ned_UntypedDataSet_05022020_161839.csv"].role == "statline_data"
    kerncijfers = found["bevolking/Regionale_kerncijfers_Nederland_15082020_130832.csv"]
    assert kerncijfers.source_key is None and kerncijfers.note
    assert found["vsv/MANIFEST.md"].source_key is None
