"""Tests for etl/sources/verzuim.py: template CSV/XLSX reading and the empty template."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from etl.errors import InputError
from etl.paths import REPO_ROOT
from etl.sources import verzuim
from etl.sources.readers import RawFile, ReadContext
from tests.etl.sources.helpers import BIG, copy_mini, parse_source, single_problem

CSV = "verzuim/verzuim_2023-2024.csv"
XLSX = "verzuim/verzuim_2022-2023.xlsx"


def parse_one(path: Path, role: str, name: str) -> verzuim.pd.DataFrame:
    file = RawFile(path=path, name=name, source_key="verzuim", role=role)
    return verzuim.parse([file], ReadContext(max_bytes=BIG))["counts"]


def test_template_columns_match_the_documented_table() -> None:
    text = (REPO_ROOT / "docs/raw-formats.md").read_text()
    section = text.split("## Kompas verzuim template", 1)[1].split("\n## ", 1)[0]
    documented = [
        name
        for line in section.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([a-z0-9_]+)`", line.split("|")[1])
    ]
    assert documented == [*verzuim.TEMPLATE_COLUMNS, *verzuim.INZET_COLUMNS]


def test_every_template_column_has_a_dutch_note() -> None:
    assert list(verzuim.COLUMN_NOTES) == [*verzuim.TEMPLATE_COLUMNS, *verzuim.INZET_COLUMNS]
    assert all(note.strip() for note in verzuim.COLUMN_NOTES.values())


def test_fixture_csv_and_xlsx_rows_as_text(tmp_path: Path) -> None:
    counts = parse_source(copy_mini(tmp_path), "verzuim")["counts"]
    assert list(counts.columns) == [*verzuim.TEMPLATE_COLUMNS, "_source_file", "_row_number"]
    from_csv = counts[counts["_source_file"] == CSV]
    from_xlsx = counts[counts["_source_file"] == XLSX]
    assert from_csv["gemeentecode"].tolist() == ["GM0901", "0902", "903"]
    assert from_csv["relatief_verzuim_signaal_overig"].tolist()[1] == ""  # empty = not reported
    assert from_csv["_row_number"].tolist() == [2, 3, 4]
    assert from_xlsx["gemeentecode"].tolist() == ["901", "902", "GM0903"]  # numbers typed in Excel
    assert from_xlsx["relatief_verzuim_signaal_overig"].isna().tolist() == [False, True, False]
    assert from_xlsx["_row_number"].tolist() == [2, 3, 4]  # trailing empty row skipped


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_template_is_read_back_once_filled(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"sjabloon{suffix}"
    verzuim.write_template(path)
    row = ["GM0014", "Groningen", "2023-2024", "voorlopig", *["1"] * 13]
    inzet = ["2,5", "", "40", "6", ""]
    if suffix == ".csv":
        assert path.read_bytes().startswith(b"\xef\xbb\xbfgemeentecode;gemeentenaam;")
        with path.open("a", encoding="utf-8", newline="") as handle:
            handle.write(";".join([*row, *inzet]) + "\r\n")
        role = "template_csv"
    else:
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == ["verzuim"]
        sheet = book["verzuim"]
        assert [cell.value for cell in sheet[1]] == [
            *verzuim.TEMPLATE_COLUMNS,
            *verzuim.INZET_COLUMNS,
        ]
        notes = {cell.value: cell.comment.text for cell in sheet[1]}
        assert "elke leerling één keer" in notes["relatief_verzuim"]
        assert "Nooit meer dan relatief_verzuim" in notes["relatief_verzuim_16_uur"]
        assert "alleen zichtbaar voor deelnemers en het bureau" in notes["fte_leerplicht"]
        sheet.append([*row, *[None if v == "" else v for v in inzet]])
        book.save(path)
        role = "template_xlsx"
    counts = parse_one(path, role, f"verzuim/sjabloon{suffix}")
    assert list(counts.columns) == [*verzuim.TEMPLATE_COLUMNS, "_source_file", "_row_number"]
    assert counts[verzuim.TEMPLATE_COLUMNS].values.tolist() == [row]
    file = RawFile(path=path, name="sjabloon", source_key="verzuim", role=role)
    figures = verzuim.parse_inzet([file], ReadContext(max_bytes=BIG))
    [record] = figures[verzuim.INZET_COLUMNS].to_dict("records")
    assert [None if verzuim.pd.isna(v) else v for v in record.values()] == [2.5, None, 40, 6, None]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_empty_template_is_refused_as_header_only(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"leeg{suffix}"
    verzuim.write_template(path)
    role = "template_csv" if suffix == ".csv" else "template_xlsx"
    with pytest.raises(InputError, match="alleen een kopregel") as excinfo:
        parse_one(path, role, f"verzuim/leeg{suffix}")
    assert single_problem(excinfo).file == f"verzuim/leeg{suffix}"


def test_write_template_refuses_other_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=".csv of .xlsx"):
        verzuim.write_template(tmp_path / "sjabloon.ods")


def _csv_text(raw: Path) -> str:
    return (raw / CSV).read_bytes().decode("utf-8-sig")


@pytest.mark.parametrize(
    ("content", "message", "row", "column", "value"),
    [
        pytest.param(
            lambda t: t.replace("Zuidwaard", "Zu\u00efdwaard").encode("cp1252"),
            "0xEF", 3, "gemeentenaam", "Zu\ufffddwaard", id="saved-as-cp1252",
        ),
        pytest.param(
            lambda t: t.replace(";relatief_verzuim;", ";").encode(), "verplichte kolom ontbreekt",
            1, "relatief_verzuim", None, id="missing-column",
        ),
        pytest.param(
            lambda t: t.replace("vervangende_leerplicht_3b", "vervangende_leerplicht_3b;opmerking")
            .encode(), "onverwachte kolom", 1, "opmerking", "opmerking", id="extra-column",
        ),
        pytest.param(lambda t: t.encode()[:-30], "velden", 4, None, None, id="cut-mid-row"),
        pytest.param(lambda t: b"", "leeg", None, None, None, id="empty-0-bytes"),
        pytest.param(
            lambda t: t.replace(";", ",").encode(), "scheidingsteken", 1, None, None,
            id="comma-separated",
        ),
    ],
)  # fmt: skip
def test_csv_structural_problems(
    tmp_path: Path,
    content: object,
    message: str,
    row: int | None,
    column: str | None,
    value: str | None,
) -> None:
    raw = copy_mini(tmp_path)
    (raw / CSV).write_bytes(content(_csv_text(raw)))  # type: ignore[operator]
    (raw / (CSV + ".origin.json")).unlink()
    with pytest.raises(InputError, match=message) as excinfo:
        parse_source(raw, "verzuim")
    problems = excinfo.value.problems
    problem = problems[0] if column is None and row == 1 else single_problem(excinfo)
    assert problem.file == CSV and problem.row == row
    if column is not None:
        assert problem.column == column
    if value is not None:
        assert problem.value == value


def test_xlsx_renamed_to_csv_is_recognised(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    (raw / CSV).write_bytes((raw / XLSX).read_bytes())
    with pytest.raises(InputError, match="Excel-bestand") as excinfo:
        parse_source(raw, "verzuim")
    assert single_problem(excinfo).file == CSV


def test_cut_xlsx_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / XLSX
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(InputError, match="afgebroken of beschadigd") as excinfo:
        parse_source(raw, "verzuim")
    assert single_problem(excinfo).file == XLSX


def test_xlsx_with_extra_column_names_it(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / XLSX
    book = openpyxl.load_workbook(path)
    book["verzuim"].cell(row=1, column=18, value="toelichting")
    book.save(path)
    with pytest.raises(InputError, match="onverwachte kolom") as excinfo:
        parse_source(raw, "verzuim")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.column) == (XLSX, 1, "toelichting")
