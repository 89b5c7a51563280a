"""Only Dutch on screen: no English Streamlit control text or screen-reader label on any page.

Streamlit 1.67 draws some controls in English (dataframe toolbar, main menu, "Select all",
"Remove …" on multiselect chips, the "Page not found" dialog, the "Running..." widget). The app
hides or relabels them (dashboard/frame.py); these tests open every page, the first page under
its own name `/overzicht` and an unknown path, provoke the controls (hover a table, open a
multiselect, open the main menu if there is one) and look for the English strings in visible
text and in the aria-label/title of visible elements.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from loadtest.pages import discover_pages
from tests.browser.conftest import APP
from tests.browser.helpers import exception_texts, open_page

# Streamlit's English strings (from its frontend bundle) a Kompas user could meet.
ENGLISH = (
    "Page not found",
    "Running",
    "Select all",
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Show/hide columns",
    "Print",
    "Record screen",
    "Made with Streamlit",
    "Remove ",
    "Clear all",
    "Copy to clipboard",
)

# Visible text plus the labels of visible elements (what eyes and screen readers get).
_VISIBLE_WORDS_JS = """
() => {
  const parts = [document.body.innerText];
  for (const node of document.querySelectorAll('[aria-label], [title]')) {
    if (node.checkVisibility && !node.checkVisibility({visibilityProperty: true})) continue;
    parts.push(node.getAttribute('aria-label') || '', node.getAttribute('title') || '');
  }
  return parts.join('\\n');
}
"""

PATHS = ["/overzicht", "/deze-pagina-bestaat-niet"] + [s.browser_path for s in discover_pages(APP)]


def english_found(page: Page) -> list[str]:
    """The English strings present in the visible text or labels right now."""
    words: str = page.evaluate(_VISIBLE_WORDS_JS)
    return [english for english in ENGLISH if english in words]


def provoke_controls(page: Page) -> list[str]:
    """Show the controls that appear on demand; return the English seen along the way."""
    seen: set[str] = set()
    main = page.locator('[data-testid="stMain"]')
    tables = main.locator('[data-testid="stDataFrame"]')
    for i in range(tables.count()):
        if not tables.nth(i).is_visible():  # folded away in an expander
            continue
        tables.nth(i).hover()
        page.wait_for_timeout(300)  # the toolbar fades in on hover
        seen.update(english_found(page))
    boxes = main.locator('[data-testid="stMultiSelect"] input')
    for i in range(boxes.count()):
        boxes.nth(i).click()
        # a multiselect at its maximum opens no list; the next one may
        options = page.get_by_role("option")
        try:
            options.first.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        seen.update(english_found(page))
        page.keyboard.press("Escape")
        expect(options).to_have_count(0)
    menu = page.locator('[data-testid="stMainMenu"]')
    if menu.count():
        menu.first.click()
        page.wait_for_timeout(300)
        seen.update(english_found(page))
        page.keyboard.press("Escape")
    return sorted(seen)


@pytest.mark.parametrize("path", PATHS)
def test_no_english_streamlit_controls(page: Page, path: str) -> None:
    """Neither on load nor with the on-demand controls open does English show."""
    open_page(page, path)
    assert exception_texts(page) == []
    assert english_found(page) == [], f"English on {path} after loading"
    assert provoke_controls(page) == [], f"English on {path} with its controls open"


def test_first_page_under_its_own_name(page: Page) -> None:
    """`/overzicht` opens the first page (at `/`), like the sidebar link does."""
    open_page(page, "/overzicht")
    expect(page.locator("h1").first).to_have_text("Overzicht")
    assert urllib.parse.urlsplit(page.url).path == "/", page.url


def test_unknown_path_explains_in_dutch(page: Page) -> None:
    """An unknown path says so in Dutch and links to the first page."""
    open_page(page, "/bestaat-niet")
    expect(page.locator("h1").first).to_have_text("Deze pagina bestaat niet")
    page.get_by_role("link", name="Naar het overzicht").click()
    expect(page.locator("h1").first).to_have_text("Overzicht")


def test_check_names_only_in_the_details(page: Page, browser_warehouse: Path) -> None:
    """Over de cijfers describes each check in Dutch; technical names only when unfolded."""
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        rows = con.execute("select check_name, description from meta.checks").fetchall()
    assert rows, "the warehouse records no checks"
    open_page(page, "/over-de-cijfers")
    main = page.locator('[data-testid="stMain"]')
    shown = main.inner_text()
    assert [name for name, _ in rows if name in shown] == []
    for _, description in rows:
        expect(main.get_by_text(description, exact=True).first).to_be_attached()
    main.get_by_text("Controles met hun technische naam").click()
    details = main.locator('[data-testid="stExpander"]', has_text="technische naam")
    expect(details.locator('[data-testid="stDataFrame"]')).to_be_visible()
