"""Regioprofiel on a warehouse with gemeenten missing (tests/conftest.py
`nonresponse_warehouse`): the table under an RMC-regio's trend says `geschat` with the response
for the year its gemeenten were missing, and a gemeente's own table says `geen opgave`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.app.explore_helpers import no_exception, page

PAGE = "regioprofiel"


@pytest.fixture(autouse=True)
def _on_nonresponse(nonresponse_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMPAS_DB", str(nonresponse_warehouse))


def _trend_tables(region_code: str) -> list[pd.DataFrame]:
    """The trend tables (one per indicator) of a region's profile, by school year."""
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__region").select(region_code).run()
    no_exception(at)
    return [
        frame.value.set_index("Schooljaar")
        for frame in at.dataframe
        if {"Respons", "Schooljaar"} <= set(frame.value.columns)
    ]


def test_rmc_trend_table_says_geschat_with_the_response() -> None:
    rows = _trend_tables("MC51")
    # one trend table per indicator: vsv (CBS, no estimates) and the seven verzuim indicators
    notes = [t.loc["2022-2023", "Respons"] for t in rows]
    assert notes.count("geschat; respons 4 van 6 gemeenten (67 %)") == 7
    assert notes.count("") == 1
    assert {t.loc["2021-2022", "Respons"] for t in rows} == {""}


def test_gemeente_without_opgave_reads_geen_opgave_not_zero() -> None:
    rows = _trend_tables("GM9101")
    verzuim = [t for t in rows if t.loc["2022-2023", "Respons"] == "geen opgave"]
    assert len(verzuim) == 7
    for table in verzuim:
        assert table.loc["2022-2023", "Teller"] == "geen opgave"
        assert table.loc["2022-2023", "Brakveen"] == "geen opgave"
