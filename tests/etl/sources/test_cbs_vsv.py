"""Tests for etl/sources/cbs_vsv.py: 84780NED pages to early-leaver, region and period tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.sources import cbs_vsv
from tests.etl.sources.helpers import copy_mini, parse_source, single_problem

FOLDER = "vsv/84780NED"


def test_fixture_tables(tmp_path: Path) -> None:
    tables = parse_source(copy_mini(tmp_path), "cbs_vsv")
    data = tables["early_leavers"]
    assert list(data.columns) == [*cbs_vsv.DATA_COLUMNS, "_source_file", "_row_number"]
    assert len(data) == 12 and data["_row_number"].tolist() == list(range(1, 13))
    assert data["Regiokenmerken"].iloc[0] == "NL01    "  # padding kept
    assert data.loc[0, ["Leerlingen_1", "VoortijdigSchoolverlatersPercentage_4"]].tolist() == [
        "1790",
        "2.2",
    ]
    missing = data[data["VoortijdigSchoolverlaters_2"].isna()]
    assert missing[["Regiokenmerken", "Perioden"]].values.tolist() == [["GM0903  ", "2023SJ00"]]
    regions = tables["regions"]
    assert regions.loc[regions["Key"] == "MC01    ", "CategoryGroupID"].tolist() == ["3"]
    assert tables["periods"][["Key", "Title", "Status"]].values.tolist() == [
        ["2022SJ00", "2022/'23", "Definitief"],
        ["2023SJ00", "2023/'24*", "Voorlopig"],
    ]


def test_region_dimension_called_regios_is_exposed_as_regiokenmerken(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    folder = raw / FOLDER
    (folder / "Regiokenmerken.json").rename(folder / "RegioS.json")
    for page in ("TypedDataSet.json", "TypedDataSet.2.json"):
        path = folder / page
        path.write_text(path.read_text().replace('"Regiokenmerken":', '"RegioS":'))
    tables = parse_source(raw, "cbs_vsv")
    assert tables["early_leavers"]["Regiokenmerken"].iloc[0] == "NL01    "
    assert tables["regions"]["_source_file"].iloc[0] == f"{FOLDER}/RegioS.json"


def test_missing_perioden_is_named(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / FOLDER / "Perioden.json").unlink()
    with pytest.raises(InputError, match="Perioden.json") as excinfo:
        parse_source(raw, "cbs_vsv")
    assert single_problem(excinfo).file == FOLDER


def test_data_row_with_unexpected_property_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / FOLDER / "TypedDataSet.2.json"
    document = json.loads(path.read_text())
    document["value"][1]["Nieuw_5"] = 7
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="onverwachte eigenschap") as excinfo:
        parse_source(raw, "cbs_vsv")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.column, problem.value) == (
        f"{FOLDER}/TypedDataSet.2.json",
        7,
        "Nieuw_5",
        "7",
    )


def test_data_row_missing_a_measure_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / FOLDER / "TypedDataSet.json"
    document = json.loads(path.read_text())
    del document["value"][2]["Leerlingen_1"]
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="ontbreekt") as excinfo:
        parse_source(raw, "cbs_vsv")
    problem = single_problem(excinfo)
    assert (problem.row, problem.column) == (3, "Leerlingen_1")


def test_page_that_is_not_odata_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / FOLDER / "Perioden.json").write_text('{"Key": "2022SJ00"}')
    with pytest.raises(InputError, match="geen OData-antwoord") as excinfo:
        parse_source(raw, "cbs_vsv")
    assert single_problem(excinfo).file == f"{FOLDER}/Perioden.json"


def test_downloads_filter_on_total_sex() -> None:
    urls = [d.url for d in cbs_vsv.SOURCE.downloads]
    assert urls[-1] == (
        "https://opendata.cbs.nl/ODataFeed/odata/84780NED/TypedDataSet"
        "?$filter=Geslacht%20eq%20'T001038'"
    )
    assert "https://opendata.cbs.nl/ODataApi/odata/84780NED/Regiokenmerken" in urls
