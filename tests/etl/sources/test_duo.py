"""Tests for etl/sources/duo.py on the miniature fixture, the real file and damaged copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.errors import InputError
from etl.sources import duo
from tests.conftest_helpers import require_shared_raw
from tests.etl.sources.helpers import copy_mini, parse_source, single_problem

NAME = "gebiedsindeling/02.-alle-schoolvestigingen-basisonderwijs.csv"


def test_fixture_keeps_every_value_as_published(tmp_path: Path) -> None:
    frame = parse_source(copy_mini(tmp_path), "duo")["school_addresses"]
    assert list(frame.columns) == [*duo.COLUMNS, "_source_file", "_row_number"]
    assert frame["VESTIGINGSNAAM"].tolist()[:2] == [
        "Kindcentrum \u2019t Verlaat",
        'OBS "De Vlonder"',
    ]
    assert frame["GEMEENTENUMMER"].tolist() == ["0901", "0901", "0902", "0902", "0903"]
    assert frame["GEMEENTENAAM"].tolist()[3] == " "  # the blank name stays a single space
    assert frame["TELEFOONNUMMER"].unique().tolist() == [" "]
    assert frame["RMC-REGIO CODE"].tolist()[0] == "01"
    assert frame["_row_number"].tolist() == [2, 3, 4, 5, 6]
    assert frame["_source_file"].unique().tolist() == [NAME]


@pytest.mark.realdata
def test_real_file_has_342_gemeenten_40_rmc_regions_12_provinces() -> None:
    frame = parse_source(require_shared_raw(), "duo")["school_addresses"]
    assert len(frame) == 6122
    assert frame["GEMEENTENUMMER"].nunique() == 342
    assert frame["RMC-REGIO CODE"].nunique() == 40
    assert frame["PROVINCIE"].nunique() == 12
    assert (frame.groupby("GEMEENTENUMMER")["RMC-REGIO CODE"].nunique() == 1).all()
    assert " " in frame.loc[frame["GEMEENTENUMMER"] == "1948", "GEMEENTENAAM"].tolist()
    assert frame["VESTIGINGSNAAM"].str.contains("\u2019").any()  # decoded 0x92


def _damage(tmp_path: Path, change: object) -> Path:
    raw = copy_mini(tmp_path)
    path = raw / NAME
    data = path.read_bytes()
    path.write_bytes(change(data) if callable(change) else change)  # type: ignore[arg-type]
    return raw


HEADER = duo.DELIMITER.join(duo.COLUMNS).encode()


@pytest.mark.parametrize(
    ("change", "message", "row", "column", "value"),
    [
        pytest.param(lambda d: d[:-40], "velden", 6, None, None, id="truncated-mid-row"),
        pytest.param(
            lambda d: d.decode("cp1252").encode("utf-16"), "UTF-16", None, None, None,
            id="saved-as-utf16",
        ),
        pytest.param(
            lambda d: d.replace(b";VAKANTIEREGIO", b""), "verplichte kolom ontbreekt", 1,
            "VAKANTIEREGIO", None, id="missing-column",
        ),
        pytest.param(
            lambda d: d.replace(b";VAKANTIEREGIO", b";VAKANTIEREGIO;EXTRA", 1),
            "onverwachte kolom", 1, "EXTRA", "EXTRA", id="extra-column",
        ),
        pytest.param(b"", "leeg", None, None, None, id="empty-0-bytes"),
        pytest.param(HEADER + b"\r\n", "alleen een kopregel", 1, None, None, id="header-only"),
        pytest.param(b"PK\x03\x04\x14\x00", "Excel-bestand", None, None, None, id="xlsx-renamed"),
    ],
)  # fmt: skip
def test_structural_problems_name_file_row_column_value(
    tmp_path: Path,
    change: object,
    message: str,
    row: int | None,
    column: str | None,
    value: str | None,
) -> None:
    raw = _damage(tmp_path, change)
    with pytest.raises(InputError, match=message) as excinfo:
        parse_source(raw, "duo")
    problem = single_problem(excinfo)
    assert (problem.file, problem.row, problem.column) == (NAME, row, column)
    if value is not None:
        assert problem.value == value


def test_truncated_row_quotes_the_cut_row(tmp_path: Path) -> None:
    raw = _damage(tmp_path, lambda d: d[:-40])
    with pytest.raises(InputError) as excinfo:
        parse_source(raw, "duo")
    assert single_problem(excinfo).value.startswith("Zuidland;40001;99AA;99AA00;CBS Meerzicht")  # type: ignore[union-attr]


def test_file_over_size_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="te groot") as excinfo:
        parse_source(copy_mini(tmp_path), "duo", max_bytes=1000)
    assert single_problem(excinfo).file == NAME


def test_source_metadata_points_at_the_duo_file() -> None:
    assert duo.SOURCE.key == "duo" and duo.SOURCE.folder == "gebiedsindeling"
    assert [d.url for d in duo.SOURCE.downloads] == [duo.URL]
    assert duo.SOURCE.downloads[0].target == NAME
