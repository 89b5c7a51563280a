"""Tests for etl/sources/cbs_bevolking.py: OData pages, StatLine CSV and metadata sections."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.sources import cbs_bevolking
from tests.conftest_helpers import require_shared_raw
from tests.etl.sources.helpers import copy_mini, parse_source, single_problem

CSV = "bevolking/03759ned_UntypedDataSet_01012024_120000.csv"
META = "bevolking/03759ned_metadata.csv"


def _title_of(ages: object, key: str) -> list[str]:
    return ages.loc[ages["Key"] == key, "Title"].unique().tolist()  # type: ignore[attr-defined]


def test_fixture_stacks_odata_and_statline_rows(tmp_path: Path) -> None:
    tables = parse_source(copy_mini(tmp_path), "cbs_bevolking")
    population = tables["population"]
    assert list(population.columns) == [*cbs_bevolking.DATA_COLUMNS, "_source_file", "_row_number"]
    odata = population[population["_source_file"].str.startswith("bevolking/03759ned/")]
    statline = population[population["_source_file"] == CSV]
    assert (len(odata), len(statline)) == (64, 16)
    # OData: second page continues the row numbering; padded keys kept.
    assert odata["_row_number"].tolist() == list(range(1, 65))
    assert odata["_source_file"].iloc[-1] == "bevolking/03759ned/TypedDataSet.2.json"
    assert "NL01  " in odata["RegioS"].tolist()
    # StatLine CSV: right-aligned values kept with their leading spaces.
    assert statline["BevolkingOp1Januari_1"].iloc[0] == "    1000"
    assert statline["RegioS"].iloc[0] == "PV90  "


def test_fixture_ages_decode_irregular_codes_by_title(tmp_path: Path) -> None:
    ages = parse_source(copy_mini(tmp_path), "cbs_bevolking")["ages"]
    assert _title_of(ages, "10010") == ["0 jaar"]
    assert _title_of(ages, "10100") == ["1 jaar"]
    assert _title_of(ages, "10500") == ["5 jaar"]
    assert set(ages["_source_file"]) == {"bevolking/03759ned/Leeftijd.json", META}


def test_fixture_metadata_sections_survive_newlines_inside_quotes(tmp_path: Path) -> None:
    periods = parse_source(copy_mini(tmp_path), "cbs_bevolking")["periods"]
    from_meta = periods[periods["_source_file"] == META]
    assert from_meta[["Key", "Title", "Status"]].values.tolist() == [
        ["2022JJ00", "2022", "Definitief"]
    ]
    # 25 physical lines precede the Perioden header: two descriptions span extra lines.
    assert from_meta["_row_number"].tolist() == [27]


def test_odata_alone_is_enough(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / CSV).unlink()
    (raw / META).unlink()
    tables = parse_source(raw, "cbs_bevolking")
    assert len(tables["population"]) == 64 and len(tables["periods"]) == 2


def test_statline_alone_is_enough(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    shutil.rmtree(raw / "bevolking/03759ned")
    tables = parse_source(raw, "cbs_bevolking")
    assert len(tables["population"]) == 16 and _title_of(tables["ages"], "10500") == ["5 jaar"]


@pytest.mark.realdata
def test_real_statline_download_decodes_ages_via_metadata() -> None:
    tables = parse_source(require_shared_raw(), "cbs_bevolking")
    population, ages, periods = tables["population"], tables["ages"], tables["periods"]
    assert len(population) == 6912
    assert set(population["RegioS"]) == {"PV20  ", "PV24  "}
    assert _title_of(ages, "10500") == ["5 jaar"]
    assert _title_of(ages, "10010") == ["0 jaar"] and _title_of(ages, "10100") == ["1 jaar"]
    assert len(ages) == 108
    assert len(periods) == 32 and set(periods["Status"]) == {"Definitief"}
    assert set(population["Leeftijd"]) <= set(ages["Key"])


def test_metadata_without_leeftijd_section_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / META
    path.write_text(path.read_text(encoding="utf-8-sig").replace('"Leeftijd"\n', '"Leeftijden"\n'))
    with pytest.raises(InputError, match="sectie 'Leeftijd' ontbreekt") as excinfo:
        parse_source(raw, "cbs_bevolking")
    problem = single_problem(excinfo)
    assert problem.file == META and "Leeftijden" in (problem.value or "")


def test_metadata_row_outside_a_section_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / META
    path.write_text('"a";"b"\n' + path.read_text(encoding="utf-8-sig"), encoding="utf-8")
    with pytest.raises(InputError, match="geen sectie") as excinfo:
        parse_source(raw, "cbs_bevolking")
    assert single_problem(excinfo).row == 1


def test_statline_csv_with_unexpected_column_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / CSV
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace('"BevolkingOp1Januari_1"', '"Bevolking"'),
        encoding="utf-8-sig",
    )
    with pytest.raises(InputError) as excinfo:
        parse_source(raw, "cbs_bevolking")
    found = {(p.column, p.row) for p in excinfo.value.problems}
    assert found == {("BevolkingOp1Januari_1", 1), ("Bevolking", 1)}


def test_statline_csv_cut_mid_value_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / CSV
    path.write_bytes(path.read_bytes()[:-8])
    with pytest.raises(InputError, match="afgebroken") as excinfo:
        parse_source(raw, "cbs_bevolking")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row) == (CSV, 17)


def test_odata_folder_without_leeftijd_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / "bevolking/03759ned/Leeftijd.json").unlink()
    with pytest.raises(InputError, match="Leeftijd.json") as excinfo:
        parse_source(raw, "cbs_bevolking")
    assert single_problem(excinfo).file == "bevolking/03759ned"


def test_downloads_filter_totals() -> None:
    data = cbs_bevolking.SOURCE.downloads[-1]
    assert data.url.startswith("https://opendata.cbs.nl/ODataFeed/odata/03759ned/TypedDataSet?")
    assert "BurgerlijkeStaat%20eq%20'T001019'" in data.url and "'T001038'" in data.url
    names = [d.url.rsplit("/", 1)[1] for d in cbs_bevolking.SOURCE.downloads[:-1]]
    assert "Leeftijd" in names and "Perioden" in names
