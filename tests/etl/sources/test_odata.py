"""Tests for etl/sources/odata.py: page order, completeness and the OData shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from etl.errors import InputError
from etl.sources.odata import entity_frame, odata_downloads, read_entity_sets, require_sets
from etl.sources.readers import RawFile, ReadContext
from tests.etl.sources.helpers import BIG, copy_mini, files_of, single_problem

CTX = ReadContext(max_bytes=BIG)


def write_page(folder: Path, name: str, rows: list[Any], next_link: bool = False) -> None:
    document: dict[str, Any] = {"odata.metadata": "https://example/$metadata", "value": rows}
    if next_link:
        document["odata.nextLink"] = "https://example/next"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(document))


def pages(folder: Path) -> list[RawFile]:
    return [RawFile(path=p, name=f"t/{p.name}") for p in sorted(folder.iterdir())]


def test_fixture_pages_are_concatenated_in_page_order(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    sets = read_entity_sets(files_of(raw, "cbs_vsv"), CTX)
    data = sets["TypedDataSet"]
    assert [row["ID"] for row in data.rows] == [str(i) for i in range(12)]
    assert data.files[4].endswith("TypedDataSet.json")
    assert data.files[5].endswith("TypedDataSet.2.json")


def test_pages_are_ordered_numerically_not_alphabetically(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    for number in range(1, 12):
        name = "X.json" if number == 1 else f"X.{number}.json"
        write_page(folder, name, [{"ID": number}], next_link=number < 11)
    rows = read_entity_sets(pages(folder), CTX)["X"].rows
    assert [row["ID"] for row in rows] == [str(n) for n in range(1, 12)]


def test_missing_middle_page_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_page(folder, "X.json", [{"ID": 1}], next_link=True)
    write_page(folder, "X.3.json", [{"ID": 3}])
    with pytest.raises(InputError, match="pagina 2 van 'X' ontbreekt") as excinfo:
        read_entity_sets(pages(folder), CTX)
    assert single_problem(excinfo).file == "t/X.2.json"


def test_announced_next_page_that_is_absent_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_page(folder, "X.json", [{"ID": 1}], next_link=True)
    with pytest.raises(InputError, match="onvolledig") as excinfo:
        read_entity_sets(pages(folder), CTX)
    problem = single_problem(excinfo)
    assert (problem.file, problem.column, problem.value) == (
        "t/X.json",
        "odata.nextLink",
        "https://example/next",
    )


@pytest.mark.parametrize(
    ("content", "message", "value"),
    [
        ("[1, 2]", "verwacht een JSON-object", None),
        ('{"value": []}', "geen OData-antwoord", "value"),
        (
            '{"odata.metadata": "m", "value": {"a": 1}}',
            "geen OData-antwoord",
            "odata.metadata, value",
        ),
        ('{"odata.metadata": "m", "value": [1]}', "element 1 van 'value'", "1"),
        ('{"odata.error": {"code": "", "message": "Bad filter"}}', "foutmelding", None),
    ],
)
def test_page_that_is_not_odata_is_refused(
    tmp_path: Path, content: str, message: str, value: str | None
) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "X.json").write_text(content)
    with pytest.raises(InputError, match=message) as excinfo:
        read_entity_sets(pages(folder), CTX)
    problem = single_problem(excinfo)
    assert problem.file == "t/X.json"
    if value is not None:
        assert problem.value == value


def test_truncated_page_names_line(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "X.json").write_text('{"odata.metadata": "m",\n"value": [{"Key": "GM00')
    with pytest.raises(InputError, match="afgebroken") as excinfo:
        read_entity_sets(pages(folder), CTX)
    assert single_problem(excinfo).row == 2


@pytest.mark.parametrize("name", ["X.1.json", "X.zwei.json", "1X.json"])
def test_page_file_name_must_follow_pattern(tmp_path: Path, name: str) -> None:
    write_page(tmp_path / "t", name, [])
    with pytest.raises(InputError, match="bestandsnaam") as excinfo:
        read_entity_sets(pages(tmp_path / "t"), CTX)
    assert single_problem(excinfo).value == name


def test_entity_frame_keeps_published_text_and_missing_values(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_page(folder, "X.json", [{"Key": "GM0014  ", "N": 1790, "P": 2.2, "Q": None}])
    (folder / "X.json").write_text((folder / "X.json").read_text().replace("2.2", "2.20"))
    frame = entity_frame(read_entity_sets(pages(folder), CTX)["X"], ["Key", "N", "P", "Q"])
    assert frame.loc[0, ["Key", "N", "P"]].tolist() == ["GM0014  ", "1790", "2.20"]
    assert frame["Q"].isna().all()
    assert frame.loc[0, "_source_file"] == "t/X.json" and frame.loc[0, "_row_number"] == 1


def test_entity_frame_exact_refuses_unexpected_property(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_page(folder, "X.json", [{"Key": "A"}, {"Key": "B", "Nieuw": 5}])
    with pytest.raises(InputError, match="onverwachte eigenschap") as excinfo:
        entity_frame(read_entity_sets(pages(folder), CTX)["X"], ["Key"], exact=True)
    problem = single_problem(excinfo)
    assert (problem.row, problem.column, problem.value) == (2, "Nieuw", "5")


def test_entity_frame_refuses_row_without_required_property(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    write_page(folder, "X.json", [{"Key": "A", "Title": "a"}], next_link=True)
    write_page(folder, "X.2.json", [{"Key": "B"}])
    with pytest.raises(InputError, match="ontbreekt") as excinfo:
        entity_frame(read_entity_sets(pages(folder), CTX)["X"], ["Key", "Title"])
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.column) == ("t/X.2.json", 2, "Title")


def test_require_sets_lists_every_missing_set(tmp_path: Path) -> None:
    write_page(tmp_path / "t", "Perioden.json", [])
    sets = read_entity_sets(pages(tmp_path / "t"), CTX)
    with pytest.raises(InputError) as excinfo:
        require_sets(sets, "vsv/84780NED", [("TypedDataSet",), ("Perioden",), ("A", "B")])
    messages = [p.message for p in excinfo.value.problems]
    assert messages == [
        "OData-bestand ontbreekt: TypedDataSet.json",
        "OData-bestand ontbreekt: A.json of B.json",
    ]


def test_odata_downloads_encode_filter() -> None:
    downloads = odata_downloads("84780NED", "vsv/84780NED", ["Perioden"], "Geslacht eq 'T001038'")
    assert [d.url for d in downloads] == [
        "https://opendata.cbs.nl/ODataApi/odata/84780NED/Perioden",
        "https://opendata.cbs.nl/ODataFeed/odata/84780NED/TypedDataSet"
        "?$filter=Geslacht%20eq%20'T001038'",
    ]
    assert {(d.kind, d.target) for d in downloads} == {("odata", "vsv/84780NED")}
