"""The OCW table set downloaded from Tabellen en export is the set `etl tables` writes: the
workbook and the verantwoording (PDF), byte for byte."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from ocw.verantwoording import PDF_NAME
from ocw.workbook import WORKBOOK_NAME
from tests.browser.helpers import open_page
from tests.conftest_helpers import run_etl


def test_app_offers_the_byte_identical_table_set(
    page: Page, browser_warehouse: Path, tmp_path: Path
) -> None:
    written = run_etl("tables", "--out", str(tmp_path / "cli"), "--db", str(browser_warehouse))
    assert written.returncode == 0, written.stderr
    open_page(page, "tabellen-en-export")
    for label, name in [
        ("Download tabellenset OCW (XLSX)", WORKBOOK_NAME),
        ("Download verantwoording tabellenset OCW (PDF)", PDF_NAME),
    ]:
        with page.expect_download() as info:
            page.get_by_role("button", name=label).click()
        assert info.value.suggested_filename == name
        downloaded = tmp_path / "app" / name
        info.value.save_as(downloaded)
        assert downloaded.read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
