"""Tests for etl/sources/rvig.py: UTF-16 Tabel 33 with its sixth empty field."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.errors import InputError
from etl.sources import rvig
from tests.conftest_helpers import require_shared_raw
from tests.etl.sources.helpers import copy_mini, parse_source, single_problem

NAME = "herindelingen/Tabel33 Gemeententabel (gesorteerd op code).csv"
CODE, NEW, END = "92.10 Gemeentecode", "92.12 Nieuwe code", "99.99 Datum einde"


def test_fixture_rows_keep_five_columns_and_the_chain(tmp_path: Path) -> None:
    frame = parse_source(copy_mini(tmp_path), "rvig")["municipality_codes"]
    assert list(frame.columns) == [*rvig.COLUMNS, "_source_file", "_row_number"]
    successor = dict(zip(frame[CODE], frame[NEW], strict=True))
    assert successor["0911"] == "0912" and successor["0912"] == "0901"  # A -> B -> C
    assert frame.loc[frame[CODE] == "0912", END].tolist() == ["20190101"]
    assert frame["_row_number"].tolist() == list(range(2, 10))


@pytest.mark.realdata
def test_real_file_haren_merged_into_groningen() -> None:
    frame = parse_source(require_shared_raw(), "rvig")["municipality_codes"]
    # MANIFEST.md says 1,473 rows, but its own counts (1,117 ended + 357 current) add up to
    # 1,474, and so does the file: 1,475 lines including the header.
    assert len(frame) == 1474
    haren = frame.loc[frame[CODE] == "0017"]
    assert haren[["92.11 Omschrijving", NEW, END]].values.tolist() == [
        ["Haren", "0014", "20190101"]
    ]
    assert frame.loc[frame[CODE] == "1900", "92.11 Omschrijving"].tolist() == ["Súdwest-Fryslân"]


def _rewrite(raw: Path, old: str, new: str) -> None:
    path = raw / NAME
    text = path.read_bytes().decode("utf-16")
    assert old in text
    path.write_bytes(text.replace(old, new, 1).encode("utf-16"))


def test_non_empty_sixth_field_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    _rewrite(raw, '"0902","Zuidwaard","","","",""', '"0902","Zuidwaard","","","","x"')
    with pytest.raises(InputError, match="6e veld") as excinfo:
        parse_source(raw, "rvig")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.value) == (NAME, 4, "x")


def test_row_without_sixth_field_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    _rewrite(raw, '"0902","Zuidwaard","","","",""', '"0902","Zuidwaard","","",""')
    with pytest.raises(InputError, match="5 velden, verwacht 6") as excinfo:
        parse_source(raw, "rvig")
    assert single_problem(excinfo).row == 4


def test_file_not_in_utf16_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / NAME
    path.write_bytes(path.read_bytes().decode("utf-16").encode("utf-8"))
    with pytest.raises(InputError, match="UTF-16") as excinfo:
        parse_source(raw, "rvig")
    assert single_problem(excinfo).file == NAME


def test_file_cut_mid_row_is_refused(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    path = raw / NAME
    path.write_bytes(path.read_bytes()[:-40])  # even cut: stays valid UTF-16
    with pytest.raises(InputError, match="afgebroken") as excinfo:
        parse_source(raw, "rvig")
    assert single_problem(excinfo).row == 9


def test_missing_column_is_named(tmp_path: Path) -> None:
    raw = copy_mini(tmp_path)
    _rewrite(raw, ',"99.98 Datum ingang"', "")
    with pytest.raises(InputError, match="verplichte kolom") as excinfo:
        parse_source(raw, "rvig")
    assert single_problem(excinfo).column == "99.98 Datum ingang"
