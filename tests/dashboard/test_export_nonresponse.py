"""Downloads of a warehouse with gemeenten missing (tests/conftest.py `nonresponse_warehouse`):
a gemeente without a figure reads `geen opgave`, never 0 or an empty cell, and an estimated
total says `geschat` with its response."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard import queries_explore
from dashboard.export import export_table

KEY = "absoluut_verzuim_per_1000"


@pytest.fixture
def on_nonresponse(nonresponse_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMPAS_DB", str(nonresponse_warehouse))


@pytest.mark.usefixtures("on_nonresponse")
def test_gemeente_without_opgave_reads_geen_opgave() -> None:
    values = queries_explore.export_values([KEY], "gemeente", ["GM9101", "GM9103"], ["2022-2023"])
    table = export_table(values, 5).set_index("Regiocode")
    assert table.loc["GM9101", "Teller"] == "geen opgave"
    assert table.loc["GM9101", "Respons"] == "geen opgave"
    assert table.loc["GM9101", "Onderdrukt"] == "nee"
    assert pd.isna(table.loc["GM9101", "Waarde"])
    assert table.loc["GM9103", "Respons"] == ""


@pytest.mark.usefixtures("on_nonresponse")
def test_estimated_totals_say_geschat_with_their_response() -> None:
    values = queries_explore.export_values([KEY], "rmc", ["MC51", "MC53"], ["2022-2023"])
    table = export_table(values, 5).set_index("Regiocode")
    assert table.loc["MC51", "Respons"] == "geschat; respons 4 van 6 gemeenten (67 %)"
    assert table.loc["MC53", "Respons"] == ""
    national = queries_explore.export_values([KEY], "nederland", [], ["2022-2023"])
    assert export_table(national, 5)["Respons"].tolist() == [
        "geschat; respons 40 van 42 gemeenten (95 %)"
    ]
