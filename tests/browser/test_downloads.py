"""Kompas's own Dutch downloads in a real browser: the table a page shows arrives as a CSV with
its verantwoording, holding exactly the rows on screen (Streamlit's English toolbar is gone)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
from playwright.sync_api import Page, expect

from tests.browser.helpers import exception_texts, open_page


def test_vergelijken_table_downloads_as_shown_with_its_verantwoording(
    page: Page, browser_warehouse: Path, tmp_path: Path
) -> None:
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        names = {
            name
            for (name,) in con.execute(
                "select region_name from marts.regions where region_level = 'provincie'"
            ).fetchall()
        }
    open_page(page, "/vergelijken?niveau=provincie")
    assert exception_texts(page) == []
    buttons = page.get_by_role("button", name="Download als CSV")
    expect(buttons).to_have_count(1)  # the charts' data is this table
    with page.expect_download() as info:
        buttons.click()
    assert info.value.suggested_filename.startswith("kompas_vergelijken_tabel_")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    text = saved.read_bytes().decode("utf-8-sig")
    notes, table = text.split("\r\n\r\n", 1)
    labels = dict(row for row in csv.reader(notes.split("\r\n"), delimiter=";"))
    assert labels["# Weergave"].startswith("Vergelijken, ")
    assert "# Bron 1" in labels and "# Kleine aantallen" in labels
    rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
    assert {row["Regio"] for row in rows} == names
    assert "t.o.v. Nederland" in rows[0]
    assert page.locator('[data-testid="stElementToolbar"]:visible').count() == 0
