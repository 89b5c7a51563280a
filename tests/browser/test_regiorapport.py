"""The Regiorapport button on Regioprofiel in a real browser: the click delivers the PDF of the
region in the URL (title checked with pdfinfo), with no request off this machine."""

from __future__ import annotations

from pathlib import Path

import duckdb
from playwright.sync_api import Page

from loadtest.server import StreamlitServer
from tests.browser.helpers import exception_texts, open_page
from tests.reports.helpers import pdf_info, require_poppler


def test_the_button_delivers_the_regions_report(
    page: Page, app_server: StreamlitServer, browser_warehouse: Path, tmp_path: Path
) -> None:
    require_poppler()
    con = duckdb.connect(str(browser_warehouse), read_only=True)
    try:
        code, name = con.execute(
            "select region_code, region_name from marts.regions where region_level = 'rmc' "
            "order by region_name desc limit 1"
        ).fetchone()
    finally:
        con.close()
    open_page(page, f"/regioprofiel?regio={code}")
    assert exception_texts(page) == []
    button = page.get_by_role("button", name="Download regiorapport (PDF)")
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == f"regiorapport-{code}.pdf"
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert pdf_info(target)["Title"] == f"Regiorapport {name}"
