"""Tests for etl/sources/cbs_kerncijfers.py: 70072ned pages -> key figures (measures by stem).

No real 70072ned OData download exists in the reference dir (its two StatLine CSV exports lack
codes or these measures, see test_real_statline_exports_are_not_read_as_this_source), so the
parser is tested on the demo's pages, written in the published format, and on damaged copies.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etl.demo.cbs_kerncijfers import KEYS
from etl.errors import InputError
from etl.raw.load import discover
from etl.sources import cbs_kerncijfers
from tests.conftest_helpers import require_shared_raw
from tests.etl.sources.helpers import copy_mini, parse_source, single_problem

FOLDER = "kerncijfers/70072ned"


@pytest.fixture
def raw(demo_raw_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "raw"
    shutil.copytree(demo_raw_dir / FOLDER, target / FOLDER)
    return target


def _edit(raw: Path, page: str, change: object) -> None:
    path = raw / FOLDER / page
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)  # type: ignore[operator]
    path.write_text(json.dumps(document), encoding="utf-8")


def _published(raw: Path, page: str) -> list[dict[str, object]]:
    return json.loads((raw / FOLDER / page).read_text(encoding="utf-8"))["value"]


def test_measures_are_kept_by_stem_with_published_text(raw: Path) -> None:
    tables = parse_source(raw, "cbs_kerncijfers")
    data = tables["key_figures"]
    assert list(data.columns) == [*cbs_kerncijfers.DATA_COLUMNS, "_source_file", "_row_number"]
    first = _published(raw, "TypedDataSet.json")[0]
    assert data.loc[0, "RegioS"] == first["RegioS"]  # padding kept
    assert data.loc[0, "TotaleBevolking"] == str(first[KEYS["total"]])
    assert data.loc[0, "Bevolkingsdichtheid"] == str(first[KEYS["density"]])
    assert "Mannen_2" not in data.columns  # measures Kompas does not use are dropped
    rows = len(_published(raw, "TypedDataSet.json")) + len(_published(raw, "TypedDataSet.2.json"))
    assert len(data) == rows
    newest = data["Perioden"].max()
    assert data.loc[data["Perioden"] == newest, "BijstandTotDeAOWLeeftijd"].isna().all()
    assert data.loc[data["Perioden"] != newest, "BijstandTotDeAOWLeeftijd"].notna().all()
    assert tables["periods"]["Status"].unique().tolist() == ["Definitief"]


def test_a_renumbered_measure_is_still_found(raw: Path) -> None:
    def renumber(document: dict) -> None:
        for row in document["value"]:
            if KEYS["bijstand"] in row:
                row["BijstandTotDeAOWLeeftijd_171"] = row.pop(KEYS["bijstand"])
            if row.get("Key") == KEYS["bijstand"]:
                row["Key"] = "BijstandTotDeAOWLeeftijd_171"

    for page in ("TypedDataSet.json", "TypedDataSet.2.json", "DataProperties.json"):
        _edit(raw, page, renumber)
    data = parse_source(raw, "cbs_kerncijfers")["key_figures"]
    assert data["BijstandTotDeAOWLeeftijd"].notna().any()


def test_a_missing_measure_is_named(raw: Path) -> None:
    def drop(document: dict) -> None:
        for row in document["value"]:
            row.pop(KEYS["age_15_19"], None)

    for page in ("TypedDataSet.json", "TypedDataSet.2.json"):
        _edit(raw, page, drop)
    with pytest.raises(InputError, match="k_15Tot20Jaar_<n> ontbreekt") as excinfo:
        parse_source(raw, "cbs_kerncijfers")
    assert single_problem(excinfo).file == f"{FOLDER}/TypedDataSet.json"


def test_a_measure_in_another_unit_is_refused(raw: Path) -> None:
    def per_thousand(document: dict) -> None:
        for row in document["value"]:
            if row.get("Key") == KEYS["density"]:
                row["Unit"] = "x 1 000 inwoners per km²"

    _edit(raw, "DataProperties.json", per_thousand)
    with pytest.raises(InputError, match="eenheid van Bevolkingsdichtheid_57") as excinfo:
        parse_source(raw, "cbs_kerncijfers")
    problem = single_problem(excinfo)
    assert (problem.file, problem.column, problem.value) == (
        f"{FOLDER}/DataProperties.json",
        "Unit",
        "x 1 000 inwoners per km²",
    )


def test_missing_data_properties_is_named(raw: Path) -> None:
    (raw / FOLDER / "DataProperties.json").unlink()
    with pytest.raises(InputError, match="DataProperties.json") as excinfo:
        parse_source(raw, "cbs_kerncijfers")
    assert single_problem(excinfo).file == FOLDER


def test_without_files_the_tables_are_empty(tmp_path: Path) -> None:
    tables = parse_source(copy_mini(tmp_path), "cbs_kerncijfers")
    assert tables["key_figures"].empty
    assert list(tables["key_figures"].columns)[: len(cbs_kerncijfers.DATA_COLUMNS)] == list(
        cbs_kerncijfers.DATA_COLUMNS
    )
    assert tables["periods"].empty


def test_real_statline_exports_are_not_read_as_this_source() -> None:
    """The reference dir's 70072ned files are StatLine CSV exports (names only, or 7 regions
    without these measures); this source reads OData pages and leaves them alone."""
    found = {file.name: file for file in discover(require_shared_raw())}
    exports = [name for name in found if "Regionale_kerncijfers" in name]
    assert exports
    assert all(found[name].source_key != "cbs_kerncijfers" for name in exports)
