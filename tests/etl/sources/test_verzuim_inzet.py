"""The optional inzet columns of the verzuim template: typed when good, refused when bad with the
file, row, column and value named, the same by `build` as by a member's upload check; a file
without them, or with only some of them, is read as before."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from etl.errors import InputError
from etl.sources import verzuim
from etl.sources.readers import RawFile, ReadContext
from etl.template_check import staged_template
from tests.conftest_helpers import run_etl
from tests.etl.sources.helpers import BIG, copy_mini, parse_source

CSV = "verzuim/verzuim_2023-2024.csv"
XLSX = "verzuim/verzuim_2022-2023.xlsx"


def _add_columns(raw: Path, columns: list[str], rows: list[list[str]]) -> Path:
    """Append inzet columns to the mini raw dir's CSV (three data rows) and drop its sidecar."""
    path = raw / CSV
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    lines[0] += "".join(f";{c}" for c in columns)
    for i, values in enumerate(rows, start=1):
        lines[i] += "".join(f";{v}" for v in values)
    path.write_bytes(("\ufeff" + "\r\n".join(lines)).encode("utf-8"))
    (raw / (CSV + ".origin.json")).unlink()
    return path


def _inzet(raw: Path) -> pd.DataFrame:
    files = [
        RawFile(path=raw / CSV, name=CSV, source_key="verzuim", role="template_csv"),
        RawFile(path=raw / XLSX, name=XLSX, source_key="verzuim", role="template_xlsx"),
    ]
    return verzuim.parse_inzet(files, ReadContext(max_bytes=BIG))


def _plain(values: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in values]


def test_good_values_are_typed_and_kept_out_of_the_raw_table(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    columns = verzuim.INZET_COLUMNS
    _add_columns(
        raw,
        columns,
        [
            ["2,5", "0.75", "120", "8,5", "31"],
            [" 3 ", "", "0", "", "."],
            ["0", "1", "45", "12", ""],
        ],
    )
    counts = parse_source(raw, "verzuim")["counts"]
    assert list(counts.columns) == [*verzuim.TEMPLATE_COLUMNS, "_source_file", "_row_number"]
    inzet = _inzet(raw)
    from_csv = inzet[inzet["_source_file"] == CSV]
    assert from_csv["_row_number"].tolist() == [2, 3, 4]
    assert _plain(from_csv["fte_leerplicht"]) == [2.5, 3.0, 0.0]
    assert _plain(from_csv["fte_rmc"]) == [0.75, None, 1.0]
    assert _plain(from_csv["verzuimmeldingen"]) == [120, 0, 45]
    assert _plain(from_csv["doorlooptijd_dagen_mediaan"]) == [8.5, None, 12.0]
    assert _plain(from_csv["geoorloofd_verzuim"]) == [31, None, None]  # '.' = not reported
    # the XLSX has no inzet columns: read as before, every inzet figure not reported
    from_xlsx = inzet[inzet["_source_file"] == XLSX]
    assert len(from_xlsx) == 3 and from_xlsx[columns].isna().all().all()


def test_some_inzet_columns_alone_are_fine(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    _add_columns(raw, ["verzuimmeldingen", "fte_leerplicht"], [["10", "1"], ["", ""], ["7", ""]])
    inzet = _inzet(raw)
    from_csv = inzet[inzet["_source_file"] == CSV]
    assert _plain(from_csv["verzuimmeldingen"]) == [10, None, 7]
    assert _plain(from_csv["fte_leerplicht"]) == [1.0, None, None]
    assert from_csv["fte_rmc"].isna().all()


WHOLE = "geen geheel getal (schrijf een aantal zonder punt of komma, bijvoorbeeld 1000)"


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("fte_leerplicht", "-1,5", "negatief getal; vul 0 of meer in"),
        ("fte_leerplicht", "2,555", "te veel decimalen; hoogstens 2 decimalen"),
        ("fte_rmc", "1.000,5", "geen getal; verwacht cijfers met hoogstens 2 decimalen"),
        ("fte_rmc", "twee", "geen getal; verwacht cijfers met hoogstens 2 decimalen"),
        ("verzuimmeldingen", "12,5", WHOLE),
        ("verzuimmeldingen", "-4", "negatief aantal; een aantal is 0 of meer"),
        ("geoorloofd_verzuim", "=1+1", WHOLE),
        ("doorlooptijd_dagen_mediaan", "4,25", "te veel decimalen; hoogstens 1 decimaal"),
        ("doorlooptijd_dagen_mediaan", "-2", "negatief getal; vul 0 of meer in"),
    ],
)
def test_a_bad_value_names_file_row_column_and_value(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    raw = copy_mini(tmp_path)
    columns = [column] if column == "verzuimmeldingen" else [column, "verzuimmeldingen"]
    rows = [["1"] * len(columns), [value, "5"][: len(columns)], ["2"] * len(columns)]
    path = _add_columns(raw, columns, rows)
    with pytest.raises(InputError) as from_build:
        parse_source(raw, "verzuim")
    with pytest.raises(InputError) as from_upload:
        staged_template(RawFile(path=path, name=CSV, role="template_csv"), BIG)
    expected = f"{CSV}, regel 3, kolom '{column}', waarde '{value}': {message}"
    assert [p.describe() for p in from_build.value.problems] == [expected]
    assert [p.describe() for p in from_upload.value.problems] == [expected]


def test_a_doorlooptijd_needs_meldingen_in_its_row(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    columns = ["doorlooptijd_dagen_mediaan", "verzuimmeldingen"]
    _add_columns(raw, columns, [["6", "30"], ["9", ""], ["7", "0"]])
    with pytest.raises(InputError) as excinfo:
        parse_source(raw, "verzuim")
    hint = (
        "doorlooptijd zonder verzuimmeldingen in dezelfde rij: vul ook verzuimmeldingen in "
        "(meer dan 0)"
    )
    assert [p.describe() for p in excinfo.value.problems] == [
        f"{CSV}, regel 3, kolom 'doorlooptijd_dagen_mediaan', waarde '9': {hint}",
        f"{CSV}, regel 4, kolom 'doorlooptijd_dagen_mediaan', waarde '7': {hint}",
    ]


def test_a_number_typed_in_excel_with_too_many_decimals_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / XLSX
    book = openpyxl.load_workbook(path)
    sheet = book["verzuim"]
    sheet.cell(row=1, column=18, value="fte_leerplicht")
    sheet.cell(row=3, column=18, value=1.125)
    book.save(path)
    with pytest.raises(InputError) as excinfo:
        parse_source(raw, "verzuim")
    assert [p.describe() for p in excinfo.value.problems] == [
        f"{XLSX}, regel 3, kolom 'fte_leerplicht', waarde '1.125': te veel decimalen; hoogstens "
        "2 decimalen"
    ]


def test_the_build_refuses_a_bad_inzet_value_with_the_same_message(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    _add_columns(raw, ["fte_rmc"], [["1"], ["-0,5"], [""]])
    built = run_etl("build", "--raw-dir", str(raw), "--db", str(tmp_path / "k.duckdb"))
    assert built.returncode == 2
    assert (
        f"FOUT: {CSV}, regel 3, kolom 'fte_rmc', waarde '-0,5': negatief getal; vul 0 of meer in"
        in built.stderr.splitlines()
    )
    assert not (tmp_path / "k.duckdb").exists()
