"""Tests for etl/sources/readers.py: every structural problem names file, row, column, value."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from etl.errors import InputError
from etl.sources.readers import (
    RawFile,
    Rows,
    cell_text,
    check_columns,
    check_field_counts,
    decode,
    parse_csv,
    parse_json,
    read_bytes,
    read_xlsx_sheet,
    sha256_file,
    to_frame,
)
from tests.etl.sources.helpers import single_problem


def raw_file(path: Path) -> RawFile:
    return RawFile(path=path, name=f"map/{path.name}")


def test_read_bytes_refuses_file_over_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "groot.csv"
    path.write_bytes(b"a;b\n1;2\n")
    with pytest.raises(InputError) as excinfo:
        read_bytes(raw_file(path), max_bytes=5)
    problem = single_problem(excinfo)
    assert problem.file == "map/groot.csv"
    assert problem.value == "8"
    assert "te groot" in problem.message and "5 bytes" in problem.message


def test_read_bytes_refuses_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="leeg") as excinfo:
        read_bytes(raw_file(path), max_bytes=100)
    assert single_problem(excinfo).file == "map/leeg.csv"


def test_decode_names_line_column_and_value_of_invalid_byte() -> None:
    data = "naam;plaats\r\nA;Utrecht\r\nB;Caf\u00e9 Noord\r\n".encode("cp1252")
    with pytest.raises(InputError) as excinfo:
        decode(data, "x.csv", "utf-8", ";")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.column) == ("x.csv", 3, "plaats")
    assert problem.value == "Caf\ufffd Noord"
    assert "0xE9" in problem.message and "CSV UTF-8" in problem.message


def test_decode_refuses_utf16_when_cp1252_expected() -> None:
    data = "a;b\r\n1;2\r\n".encode("utf-16")
    with pytest.raises(InputError, match="UTF-16"):
        decode(data, "x.csv", "cp1252", ";")


def test_decode_refuses_nul_bytes_naming_line() -> None:
    with pytest.raises(InputError, match="NUL") as excinfo:
        decode(b"a;b\n1;2\n3\x00;4\n", "x.csv", "cp1252", ";")
    assert single_problem(excinfo).row == 3


def test_decode_refuses_utf16_without_bom() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode(b'"a","b"\n', "x.csv", "utf-16", ",")


def test_decode_recognises_xlsx_renamed_to_csv() -> None:
    with pytest.raises(InputError, match="Excel-bestand"):
        decode(b"PK\x03\x04rest-of-zip", "x.csv", "utf-8", ";")


def test_decode_removes_utf8_bom_and_keeps_text() -> None:
    assert decode(b"\xef\xbb\xbfa;b\n", "x.csv", "utf-8", ";") == "a;b\n"


def test_parse_csv_keeps_padding_and_newlines_inside_quotes_with_line_numbers() -> None:
    text = '"Key";"Title"\n"PV20  ";"twee\nregels"\n"GM0014";"  x "\n'
    header, rows = parse_csv(text, "x.csv", ";", quoted=True)
    assert header == ["Key", "Title"]
    assert rows.rows == [["PV20  ", "twee\nregels"], ["GM0014", "  x "]]
    assert rows.row_numbers == [2, 4]


def test_parse_csv_unquoted_treats_quote_as_ordinary_character() -> None:
    _, rows = parse_csv('a;b\r\nOBS "De Kring";2\r\n', "x.csv", ";", quoted=False)
    assert rows.rows == [['OBS "De Kring"', "2"]]


def test_parse_csv_reports_quote_left_open_by_truncation() -> None:
    with pytest.raises(InputError, match="afgebroken") as excinfo:
        parse_csv('"a";"b"\n"1";"2"\n"3";"hal', "x.csv", ";", quoted=True)
    assert single_problem(excinfo).row == 3


def test_check_field_counts_names_row_and_value() -> None:
    rows = Rows("x.csv", ["a", "b", "c"], [["1", "2", "3"], ["4", "5"]], [2, 3])
    with pytest.raises(InputError) as excinfo:
        check_field_counts(rows)
    problem = single_problem(excinfo)
    assert (problem.row, problem.value) == (3, "4;5")


def test_check_columns_lists_missing_extra_and_duplicate_columns() -> None:
    with pytest.raises(InputError) as excinfo:
        check_columns(["a", "a", "x"], ["a", "b"], "x.csv")
    found = {(p.column, p.message.split(" ")[0]) for p in excinfo.value.problems}
    assert ("a", "kolom") in found  # duplicate
    assert ("b", "verplichte") in found  # missing
    assert ("x", "onverwachte") in found  # extra
    assert all(p.row == 1 and p.file == "x.csv" for p in excinfo.value.problems)


def test_check_columns_hints_at_wrong_separator() -> None:
    with pytest.raises(InputError, match="scheidingsteken"):
        check_columns(["a,b"], ["a", "b"], "x.csv", delimiter=";")


def test_to_frame_gives_text_columns_and_provenance() -> None:
    frame = to_frame(Rows("d/x.csv", ["a", "b"], [[" ", "0014"], ["x", None]], [2, 5]), ["b", "a"])
    assert list(frame.columns) == ["b", "a", "_source_file", "_row_number"]
    assert frame["a"].tolist() == [" ", "x"]
    assert frame["b"].isna().tolist() == [False, True]
    assert str(frame["a"].dtype) == "str" and frame["_row_number"].tolist() == [2, 5]
    assert frame["_source_file"].tolist() == ["d/x.csv", "d/x.csv"]


def test_parse_json_reports_truncated_document_with_line() -> None:
    with pytest.raises(InputError, match="afgebroken") as excinfo:
        parse_json(b'{"value": [\n {"Key": "A"},\n {"Key": "B', "p.json", numbers_as_text=True)
    problem = single_problem(excinfo)
    assert (problem.file, problem.row) == ("p.json", 3)
    assert problem.value is not None and '"B' in problem.value


def test_parse_json_keeps_numbers_as_published_text() -> None:
    parsed = parse_json(b'{"a": 2.20, "b": 1790, "c": null}', "p.json", numbers_as_text=True)
    assert parsed == {"a": "2.20", "b": "1790", "c": None}


def _xlsx(path: Path, rows: list[list[object]], sheet: str = "verzuim") -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    book.save(path)


def test_read_xlsx_sheet_turns_cells_into_text(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    _xlsx(path, [["code", "n", None], [14, 2.5, None], ["0014", None, None], [None, None, None]])
    rows = read_xlsx_sheet(raw_file(path), "verzuim", 1 << 20)
    assert rows.header == ["code", "n"]
    assert rows.rows == [["14", "2.5"], ["0014", None]]
    assert rows.row_numbers == [2, 3]


def test_read_xlsx_sheet_keeps_a_formula_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    _xlsx(path, [["code", "n"], ["14", "=1+1"], ['=HYPERLINK("x")', "3"]])
    rows = read_xlsx_sheet(raw_file(path), "verzuim", 1 << 20)
    assert rows.rows == [["14", "=1+1"], ['=HYPERLINK("x")', "3"]]


def test_read_xlsx_sheet_refuses_value_outside_header(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    _xlsx(path, [["code", "n"], ["GM0014", 3, "extra"]])
    with pytest.raises(InputError) as excinfo:
        read_xlsx_sheet(raw_file(path), "verzuim", 1 << 20)
    problem = single_problem(excinfo)
    assert (problem.row, problem.column, problem.value) == (2, "C", "extra")


def test_read_xlsx_sheet_reports_missing_sheet(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    _xlsx(path, [["code"]], sheet="Blad1")
    with pytest.raises(InputError, match="werkblad 'verzuim' niet gevonden") as excinfo:
        read_xlsx_sheet(raw_file(path), "verzuim", 1 << 20)
    assert single_problem(excinfo).value == "Blad1"


def test_read_xlsx_sheet_reports_cut_off_file(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    _xlsx(path, [["code"], ["GM0014"]])
    path.write_bytes(path.read_bytes()[:-300])
    with pytest.raises(InputError, match="afgebroken of beschadigd") as excinfo:
        read_xlsx_sheet(raw_file(path), "verzuim", 1 << 20)
    assert single_problem(excinfo).file == "map/v.xlsx"


def test_read_xlsx_sheet_refuses_zip_that_unpacks_too_large(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * 200_000)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="uitgepakt te groot"):
        read_xlsx_sheet(raw_file(path), "verzuim", max_bytes=10_000)


def test_read_xlsx_sheet_refuses_non_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "v.xlsx"
    path.write_bytes(b"gemeentecode;schooljaar\n")
    with pytest.raises(InputError, match="geen geldig Excel-bestand"):
        read_xlsx_sheet(raw_file(path), "verzuim", 1 << 20)


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, None), ("0014", "0014"), (14, "14"), (14.0, "14"), (2.5, "2.5"), (True, "true"),
     (dt.datetime(2024, 1, 2), "2024-01-02T00:00:00")],
)  # fmt: skip
def test_cell_text(value: object, text: str | None) -> None:
    assert cell_text(value) == text


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(b"kompas" * 1000)
    assert sha256_file(path) == hashlib.sha256(b"kompas" * 1000).hexdigest()
