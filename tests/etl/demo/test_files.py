"""The demo writes every file docs/raw-formats.md requires, in the publishers' byte formats,
with a correct origin sidecar next to each, deterministically per seed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from etl.demo.generator import DemoSummary, write_demo
from etl.demo.writers import DEMO_LICENCE, ORIGIN_SUFFIX
from etl.errors import InputError
from etl.sources import duo, rvig
from tests.conftest_helpers import require_shared_raw

REQUIRED_GLOBS = (
    "gebiedsindeling/*schoolvestigingen*.csv",
    "grenzen/gemeente_2025.geojson",
    "herindelingen/Tabel33*.csv",
    "verzuim/*.csv",
    "verzuim/*.xlsx",
    *(
        f"vsv/84780NED/{name}.json"
        for name in (
            "TableInfos",
            "DataProperties",
            "Geslacht",
            "Regiokenmerken",
            "Perioden",
            "TypedDataSet",
            "TypedDataSet.2",
        )
    ),
    *(
        f"bevolking/03759ned/{name}.json"
        for name in (
            "TableInfos",
            "DataProperties",
            "Geslacht",
            "Leeftijd",
            "BurgerlijkeStaat",
            "RegioS",
            "Perioden",
            "TypedDataSet",
            "TypedDataSet.2",
        )
    ),
)
STRUCTURE = ("gebiedsindeling/", "grenzen/", "herindelingen/")


def _data_files(raw_dir: Path) -> list[Path]:
    return sorted(
        p for p in raw_dir.rglob("*") if p.is_file() and not p.name.endswith(ORIGIN_SUFFIX)
    )


def _hashes(raw_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(raw_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(raw_dir.rglob("*"))
        if p.is_file()
    }


def _origin(path: Path) -> dict[str, object]:
    return json.loads(path.with_name(path.name + ORIGIN_SUFFIX).read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", ["fictional", "real"])
def test_every_required_file_is_written(mode: str, request: pytest.FixtureRequest) -> None:
    summary: DemoSummary = request.getfixturevalue(mode)
    for pattern in REQUIRED_GLOBS:
        assert list(summary.raw_dir.glob(pattern)), f"{mode}: nothing matches {pattern}"
    written = {p.relative_to(summary.raw_dir).as_posix() for p in _data_files(summary.raw_dir)}
    assert written == set(summary.files)


def test_generated_files_have_demo_sidecars(fictional: DemoSummary) -> None:
    for path in _data_files(fictional.raw_dir):
        origin = _origin(path)
        data = path.read_bytes()
        assert origin["sha256"] == hashlib.sha256(data).hexdigest()
        assert origin["bytes"] == len(data)
        assert origin["is_demo"] is True
        assert origin["url"] == f"kompas-demo://{fictional.seed}"
        assert origin["licence"] == DEMO_LICENCE
        assert isinstance(origin["retrieved_at"], str)
        assert origin["source"] in {
            "duo",
            "cbs_grenzen",
            "rvig",
            "cbs_bevolking",
            "cbs_kerncijfers",
            "cbs_vsv",
            "verzuim",
        }


def test_real_structure_files_are_exact_copies_marked_real(real: DemoSummary) -> None:
    shared = require_shared_raw()
    copies = [
        p
        for p in _data_files(real.raw_dir)
        if p.relative_to(real.raw_dir).as_posix().startswith(STRUCTURE)
    ]
    assert {p.parent.name for p in copies} == {"gebiedsindeling", "grenzen", "herindelingen"}
    for path in copies:
        rel = path.relative_to(real.raw_dir)
        assert path.read_bytes() == (shared / rel).read_bytes()
        origin = _origin(path)
        assert origin["is_demo"] is False
        assert origin["retrieved_at"] is None
        assert origin["copied_by"] == "kompas-demo://2026"  # a demo run may replace it
        assert origin["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    for path in _data_files(real.raw_dir):
        if path not in copies:
            assert _origin(path)["is_demo"] is True


def test_same_seed_gives_identical_bytes_and_other_seed_differs(tmp_path: Path) -> None:
    write_demo(tmp_path / "a", seed=7)
    write_demo(tmp_path / "b", seed=7)
    write_demo(tmp_path / "c", seed=8)
    first, second, other = (_hashes(tmp_path / name) for name in "abc")
    assert first == second
    assert first.keys() == other.keys()
    assert first != other


def test_real_structure_is_deterministic(tmp_path: Path) -> None:
    shared = require_shared_raw()
    write_demo(tmp_path / "a", seed=11, structure_from=shared)
    write_demo(tmp_path / "b", seed=11, structure_from=shared)
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")


def test_odata_pages_link_to_the_next_page(fictional: DemoSummary) -> None:
    for folder in ("vsv/84780NED", "bevolking/03759ned"):
        pages = sorted(
            (fictional.raw_dir / folder).glob("TypedDataSet*.json"),
            key=lambda p: int(p.name.split(".")[1]) if p.name.count(".") == 2 else 1,
        )
        pages = [p for p in pages if not p.name.endswith(ORIGIN_SUFFIX)]
        assert len(pages) >= 2
        bodies = [json.loads(p.read_text(encoding="utf-8")) for p in pages]
        assert all("odata.nextLink" in body for body in bodies[:-1])
        assert "odata.nextLink" not in bodies[-1]
        assert all(body["value"] for body in bodies)


def test_duo_file_is_cp1252_crlf_with_31_columns_and_blank_spaces(fictional: DemoSummary) -> None:
    path = next(fictional.raw_dir.glob("gebiedsindeling/*schoolvestigingen*.csv"))
    data = path.read_bytes()
    assert b"\x92" in data  # a cp1252-only quote, as in the real file
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    lines = data.decode("cp1252").split("\r\n")
    assert lines[-1] == "" and "\n" not in "".join(lines)
    header = lines[0].split(";")
    assert tuple(header) == duo.COLUMNS
    rows = [line.split(";") for line in lines[1:-1]]
    assert all(len(row) == 31 for row in rows)
    assert all(value != "" for row in rows for value in row)
    assert any(value == " " for row in rows for value in row)


def test_tabel33_is_utf16_quoted_with_six_field_rows(fictional: DemoSummary) -> None:
    path = next(fictional.raw_dir.glob("herindelingen/Tabel33*.csv"))
    data = path.read_bytes()
    assert data.startswith(b"\xff\xfe")
    text = data[2:].decode("utf-16-le")
    assert "\r" not in text
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == ",".join(f'"{c}"' for c in rvig.COLUMNS)
    for line in lines[1:]:
        fields = line[1:-1].split('","')
        assert len(fields) == 6 and fields[5] == ""


def test_fictional_table_title_says_fictional(fictional: DemoSummary) -> None:
    for folder in ("vsv/84780NED", "bevolking/03759ned"):
        info = json.loads((fictional.raw_dir / folder / "TableInfos.json").read_text("utf-8"))
        assert "Kompas demo (fictief land)" in info["value"][0]["Title"]


def test_refuses_a_folder_with_other_files_and_replaces_an_earlier_demo(tmp_path: Path) -> None:
    own = tmp_path / "eigen"
    (own / "vsv").mkdir(parents=True)
    (own / "vsv" / "mijn.csv").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="niet door de demo"):
        write_demo(own)
    assert (own / "vsv" / "mijn.csv").read_text(encoding="utf-8") == "x"

    target = tmp_path / "demo"
    write_demo(target, seed=1)
    (target / "vsv" / "84780NED" / "Extra.json").unlink(missing_ok=True)
    stale = target / "verzuim" / "oud.csv"
    stale.write_text("oud", encoding="utf-8")
    demo_origin = '{"url": "kompas-demo://1", "is_demo": true}'
    stale.with_name(stale.name + ORIGIN_SUFFIX).write_text(demo_origin, encoding="utf-8")
    write_demo(target, seed=2)
    assert not stale.exists()
    assert not list(tmp_path.glob(".demo.demo-*"))
