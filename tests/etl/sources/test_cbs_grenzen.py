"""Tests for etl/sources/cbs_grenzen.py: features to rows, geometry as GeoJSON text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.sources import cbs_grenzen
from tests.conftest_helpers import require_shared_raw
from tests.etl.sources.helpers import copy_mini, parse_source, single_problem

NAME = "grenzen/gemeente_2025.geojson"


def test_fixture_features_become_rows(tmp_path: Path) -> None:
    frame = parse_source(copy_mini(tmp_path), "cbs_grenzen")["boundaries"]
    assert list(frame.columns) == [*cbs_grenzen.COLUMNS, "_source_file", "_row_number"]
    assert frame["statcode"].tolist() == ["GM0901", "GM0902", "GM0903"]
    assert frame["boundary_year"].unique().tolist() == ["2025"]
    assert frame["_row_number"].tolist() == [1, 2, 3]
    geometry = json.loads(frame.loc[2, "geometry"])
    assert geometry["type"] == "MultiPolygon" and len(geometry["coordinates"]) == 2


def test_several_boundary_files_are_all_returned_with_their_year(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / "grenzen/gemeente_2023.geojson").write_bytes((raw / NAME).read_bytes())
    frame = parse_source(raw, "cbs_grenzen")["boundaries"]
    assert sorted(frame["boundary_year"].unique()) == ["2023", "2025"]


@pytest.mark.realdata
def test_real_file_has_342_features_matching_duo_codes() -> None:
    raw = require_shared_raw()
    frame = parse_source(raw, "cbs_grenzen")["boundaries"]
    assert len(frame) == 342 and frame["statcode"].is_unique
    assert frame.loc[frame["statcode"] == "GM0014", "statnaam"].tolist() == ["Groningen"]
    duo_codes = set(parse_source(raw, "duo")["school_addresses"]["GEMEENTENUMMER"])
    assert {code.removeprefix("GM") for code in frame["statcode"]} == duo_codes


def _replace(raw: Path, old: str, new: str) -> None:
    path = raw / NAME
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "message", "row", "column", "value"),
    [
        ('"type":"Polygon"', '"type":"Point"', "Polygon of MultiPolygon", 1, "geometry.type",
         "Point"),
        ('"statcode":"GM0902",', "", "ontbreekt", 2, "properties.statcode", None),
        ('"FeatureCollection"', '"Feature"', "FeatureCollection", None, "type", "Feature"),
    ],
)  # fmt: skip
def test_structural_problems_name_feature_and_property(
    tmp_path: Path,
    old: str,
    new: str,
    message: str,
    row: int | None,
    column: str,
    value: str | None,
) -> None:
    raw = copy_mini(tmp_path)
    _replace(raw, old, new)
    with pytest.raises(InputError, match=message) as excinfo:
        parse_source(raw, "cbs_grenzen")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.column, problem.value) == (NAME, row, column, value)


def test_truncated_geojson_names_line(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / NAME
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(InputError, match="afgebroken") as excinfo:
        parse_source(raw, "cbs_grenzen")
    problem = single_problem(excinfo)
    assert problem.file == NAME and problem.row == 4


def test_file_name_without_year_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / NAME).rename(raw / "grenzen/gemeente_nieuw.geojson")
    with pytest.raises(InputError, match="gemeente_<jaar>") as excinfo:
        parse_source(raw, "cbs_grenzen")
    assert single_problem(excinfo).value == "gemeente_nieuw.geojson"
