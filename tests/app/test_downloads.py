"""Every table on every page has Kompas's own Dutch download next to it (Streamlit's English
dataframe toolbar is hidden and its CSV export switched off)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tests.app.explore_helpers import no_exception, page, sql

REPO = Path(__file__).resolve().parents[2]
PAGES = ["overzicht", "vergelijken", "regioprofiel", "patronen", "over_de_cijfers"]


def test_streamlit_own_table_export_is_switched_off() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True


@pytest.mark.parametrize("name", PAGES)
def test_each_table_has_a_dutch_csv_download(name: str) -> None:
    query = {}
    if name == "regioprofiel":  # an RMC-regio: its page also has the table of its gemeenten
        rmc = sql("select min(region_code) as c from marts.regions where region_level = 'rmc'")
        query = {"regio": str(rmc["c"].iloc[0])}
    at = page(name, **query)
    no_exception(at)
    buttons = at.get("download_button")
    labels = [button.proto.label for button in buttons]
    # Regioprofiel also offers the region's report; every other download is a table's CSV
    csv = [label for label in labels if label != "Download regiorapport (PDF)"]
    assert csv, f"{name}: no download"
    assert set(csv) == {"Download als CSV"}
    assert len(csv) == len(at.dataframe), f"{name}: {len(at.dataframe)} tables, {labels}"
    assert len(labels) - len(csv) == (1 if name == "regioprofiel" else 0)
