"""The OCW table set downloaded from Tabellen en export is the file `etl tables` writes."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from ocw.workbook import WORKBOOK_NAME
from tests.browser.helpers import open_page
from tests.conftest_helpers import run_etl


def test_app_offers_the_byte_identical_table_set(
    page: Page, browser_warehouse: Path, tmp_path: Path
) -> None:
    written = run_etl("tables", "--out", str(tmp_path / "cli"), "--db", str(browser_warehouse))
    assert written.returncode == 0, written.stderr
    open_page(page, "tabellen-en-export")
    button = page.get_by_role("button", name="Download tabellenset OCW (XLSX)")
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == WORKBOOK_NAME
    downloaded = tmp_path / "app.xlsx"
    info.value.save_as(downloaded)
    assert downloaded.read_bytes() == (tmp_path / "cli" / WORKBOOK_NAME).read_bytes()
