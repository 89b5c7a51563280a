"""Every page of the running app in a real browser: loads, draws, reacts, links, downloads.

Pages come from app.py (loadtest.pages.discover_pages), so a new page is covered as soon as it is
registered. What a page must additionally show lives in the one table PAGE_EXPECTATIONS below.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from dashboard import export
from loadtest.client import StreamlitSession
from loadtest.pages import PageSpec, discover_pages
from loadtest.server import StreamlitServer
from ocw.verantwoording import PDF_NAME
from ocw.workbook import WORKBOOK_NAME
from tests.browser.conftest import APP
from tests.browser.helpers import (
    SVG_MAP_REGION,
    exception_texts,
    open_page,
    option_names,
    select_option,
    selectbox,
    selected_value,
    view_fingerprint,
    wait_for_view_change,
)
from tests.conftest_helpers import missing_prerequisite, run_in_own_loop


@dataclass(frozen=True)
class PageExpectation:
    """What a page must show beyond loading without an exception.

    Attributes:
        map_regions_sql: SQL on the warehouse giving how many regions the page's map draws at
            first load (`.choroplethlocation` count); None when the page has no map.
        control: label of the selectbox the control test changes; "" = the first selectbox
            in the main area; None = the page has no control to change.
        must_change: which parts of the view a control change must alter:
            "charts", "tables", "text"; empty = anything visible.
        downloads: file extensions that must arrive from the page's download buttons.
    """

    map_regions_sql: str | None = None
    control: str | None = ""
    must_change: tuple[str, ...] = ()
    downloads: tuple[str, ...] = ()


_GEMEENTEN = "SELECT count(*) FROM marts.regions WHERE region_level = 'gemeente'"

# Keyed by page file stem (pages/<stem>.py). Pages not listed get PageExpectation().
PAGE_EXPECTATIONS: dict[str, PageExpectation] = {
    "overzicht": PageExpectation(must_change=("charts", "text")),
    "vergelijken": PageExpectation(map_regions_sql=_GEMEENTEN, must_change=("charts", "tables")),
    "tabellen_export": PageExpectation(must_change=("tables",), downloads=("csv", "xlsx")),
    "over_de_cijfers": PageExpectation(control=None),
    # the workshop pages open on a form (code, workshop choice): nothing to change in the URL
    "workshop": PageExpectation(control=None),
    "trainer": PageExpectation(control=None),
    # the bureau's page opens on its password form
    "bureau": PageExpectation(control=None),
    # the member page without a personal link shows only the refusal
    "opgave": PageExpectation(control=None),
    # the embedding page has no controls; opened without a region it shows a Dutch notice
    # (its views are drawn in tests/browser/test_embed.py)
    "insluiten": PageExpectation(control=None),
}

PAGES = discover_pages(APP)


def expectation(spec: PageSpec) -> PageExpectation:
    """The table entry for a page (defaults when it has none)."""
    return PAGE_EXPECTATIONS.get(spec.key, PageExpectation())


def _page_params(select: Callable[[PageSpec], bool] = lambda _: True) -> list[object]:
    if not PAGES:
        return [pytest.param(None, id="no-app-yet")]
    return [pytest.param(s, id=s.key) for s in PAGES if select(s)]


def _require(spec: PageSpec | None) -> PageSpec:
    if spec is None:
        missing_prerequisite(f"no pages registered: {APP} does not exist yet")
    assert spec is not None
    return spec


def test_discovered_pages_match_server_navigation(app_server: StreamlitServer) -> None:
    """The page list the tests use equals the navigation the running app announces."""
    _require(PAGES[0] if PAGES else None)

    async def announced() -> list[tuple[str, bool]]:
        async with StreamlitSession(app_server.base_url) as session:
            result = await session.open()
            assert result.ok, result
            return [(p.url_pathname, p.is_default) for p in session.pages]

    served = run_in_own_loop(announced(), timeout=120)
    expected = [("" if s.default else s.url_path, s.default) for s in PAGES]
    assert sorted(served) == sorted(expected)


@pytest.mark.parametrize("spec", _page_params())
def test_page_loads_and_draws(
    page: Page,
    spec: PageSpec | None,
    screenshot: Callable[[Page], Path],
    browser_warehouse: Path,
) -> None:
    """The page renders without a Streamlit exception; its map draws every region."""
    spec = _require(spec)
    open_page(page, spec.browser_path)
    shot = screenshot(page)
    assert shot.stat().st_size > 0
    assert exception_texts(page) == []
    assert page.locator('[data-testid="stMain"] [data-testid="stElementContainer"]').count() > 0

    sql = expectation(spec).map_regions_sql
    if sql is not None:
        with duckdb.connect(str(browser_warehouse), read_only=True) as con:
            row = con.execute(sql).fetchone()
        assert row is not None
        expect(page.locator(SVG_MAP_REGION)).to_have_count(row[0])


def _changed_parts(before: dict[str, object], after: dict[str, object]) -> set[str]:
    return {part for part in ("charts", "tables", "text") if before[part] != after[part]}


@pytest.mark.parametrize("spec", _page_params(lambda s: expectation(s).control is not None))
def test_control_changes_view_and_link_restores_it(
    page: Page, new_context: Callable[..., BrowserContext], spec: PageSpec | None
) -> None:
    """Choosing another option changes the view; the URL then reopens that same view."""
    spec = _require(spec)
    label = expectation(spec).control or None
    open_page(page, spec.browser_path)
    box = selectbox(page, label)
    assert box.count() == 1, (
        f"page {spec.key} shows no selectbox {label or '(any)'}; if it has no control, set "
        f"control=None for it in PAGE_EXPECTATIONS"
    )
    current = selected_value(box)
    others = [name for name in option_names(page, box) if name != current]
    assert others, f"selectbox {label or '(first)'} on {spec.key} offers only {current!r}"
    url_before = page.url
    before = view_fingerprint(page)

    select_option(page, label, others[0])
    after = wait_for_view_change(page, before)
    assert exception_texts(page) == []
    assert selected_value(selectbox(page, label)) == others[0]
    changed = _changed_parts(before, after)
    for part in expectation(spec).must_change:
        assert part in changed, f"changing {label or 'the first selectbox'} left {part} as is"
    assert page.url != url_before, "the choice is not in the URL, so a copied link loses it"

    other = new_context().new_page()
    open_page(other, page.url)
    assert selected_value(selectbox(other, label)) == others[0]
    assert view_fingerprint(other) == after


@pytest.mark.parametrize("spec", _page_params(lambda s: bool(expectation(s).downloads)))
def test_downloads_arrive_and_open(page: Page, spec: PageSpec | None, tmp_path: Path) -> None:
    """Each download button delivers a file that opens as a table."""
    spec = _require(spec)
    open_page(page, spec.browser_path)
    buttons = page.locator('[data-testid="stDownloadButton"] button')
    assert buttons.count() > 0, f"no download button on {spec.key}"
    arrived: dict[str, pd.DataFrame] = {}
    for i in range(buttons.count()):
        with page.expect_download() as info:
            buttons.nth(i).click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        if target.name in (WORKBOOK_NAME, PDF_NAME):
            continue  # the fixed OCW table set: its own test (test_ocw_download.py)
        arrived[target.suffix.lstrip(".").lower()] = read_table(target)
    for ext in expectation(spec).downloads:
        assert ext in arrived, f"no .{ext} download on {spec.key}; got {sorted(arrived)}"
        assert not arrived[ext].empty, f"the .{ext} download of {spec.key} holds no rows"


def read_table(path: Path) -> pd.DataFrame:
    """Open a download as the app writes it (dashboard/export.py) and check its provenance.

    CSV: UTF-8 with BOM, `;`, decimal comma, provenance lines starting with `#` before the
    table. XLSX: the table on the first sheet, the provenance on another sheet.
    """
    if path.suffix.lower() == ".xlsx":
        names = pd.ExcelFile(path).sheet_names
        assert len(names) >= 2, f"{path.name}: no provenance sheet beside the table"
        # the notes (demo, source) sit above the table on its sheet
        return pd.read_excel(path, sheet_name=names[0], header=export.DATA_HEADER_ROW)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path.name}: no UTF-8 BOM (Excel needs it)"
    text = raw.decode("utf-8-sig")
    assert text.startswith("#"), f"{path.name}: no provenance block at the top"
    return pd.read_csv(io.StringIO(text), sep=";", decimal=",", comment="#")
