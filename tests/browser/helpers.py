"""Playwright helpers for driving the Streamlit app: waits, controls, view fingerprints.

Selectors verified on streamlit 1.67 (the `data-testid` attributes it renders).
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
EXCEPTION = '[data-testid="stException"]'
MAP_FEATURE = ".choroplethlocation"  # a region of a plotly map (the embedding page's)
# a region of a map drawn as SVG in the page: a path with its tooltip
SVG_MAP_REGION = '[data-testid="stMain"] svg[role="img"][aria-label^="Kaart"] path:has(> title)'
DEFAULT_TIMEOUT_MS = 60_000

# Everything a user sees of the data in the main area: text of charts (titles, ticks, legends),
# the shapes plotly drew (path geometry, without plotly's random clip-path ids), the static
# chart images (Overzicht's sparklines: their SVG data URI and alternative text), the charts drawn
# as SVG in the page (their markup), and the cells
# of tables and dataframes (st.dataframe keeps an accessible <table> beside its canvas).
_FINGERPRINT_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const charts = Array.from(main.querySelectorAll('.js-plotly-plot')).map(plot =>
    Array.from(plot.querySelectorAll('svg.main-svg text, svg.main-svg path'))
      .map(n => n.tagName === 'path' ? (n.getAttribute('d') || '') + (n.style.fill || '')
                                     : n.textContent)
      .join('|'))
    .concat(Array.from(main.querySelectorAll('img[src^="data:image/svg+xml"]'))
      .map(img => img.getAttribute('alt') + '|' + img.getAttribute('src')))
    .concat(Array.from(main.querySelectorAll('svg[role="img"]')).map(svg => svg.outerHTML));
  const tables = Array.from(main.querySelectorAll(
      '[data-testid="stDataFrame"] table, [data-testid="stTable"] table'))
    .map(t => Array.from(t.querySelectorAll('th, td')).map(c => c.innerText).join('|'));
  const text = Array.from(main.querySelectorAll(
      '[data-testid="stMarkdownContainer"], [data-testid="stMetric"], h1, h2, h3'))
    .map(n => n.innerText).join('|');
  return {charts: charts, tables: tables, text: text};
}
"""


def wait_for_script_finished(page: Page, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until the app has finished its script run and shows no stale elements.

    After an interaction, first wait for something that proves the rerun happened (see
    `wait_for_view_change`), because the state can still read notRunning before it starts.
    """
    page.wait_for_selector(SCRIPT_DONE, timeout=timeout_ms)
    page.wait_for_function(
        """() => {
          const app = document.querySelector('[data-testid="stApp"]');
          return app && app.getAttribute('data-test-script-state') === 'notRunning'
            && app.getAttribute('data-test-connection-state') === 'CONNECTED'
            && !document.querySelector('[data-stale="true"]');
        }""",
        timeout=timeout_ms,
    )


def open_page(page: Page, path: str, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
    """Go to `path` (relative to base_url, e.g. "/vergelijken?x=y") and wait for the run."""
    page.goto(path, timeout=timeout_ms)
    wait_for_script_finished(page, timeout_ms)
    wait_for_quiet(page, timeout_ms=timeout_ms)
    wait_for_charts(page, timeout_ms)


def wait_for_charts(page: Page, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until every visible chart slot in the main area holds a drawn plotly figure.

    Plotly's code is loaded on demand, so on a busy machine the DOM can be quiet for a while
    before a chart exists at all; a quiet DOM alone is no proof that the page is drawn.
    Streamlit marks the container of every graphic element with the class stPrintGraphic.
    """
    page.wait_for_function(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]') || document.body;
          return Array.from(main.querySelectorAll('.stPrintGraphic'))
            .filter(slot => slot.offsetParent !== null)
            .every(slot => slot.querySelector('.js-plotly-plot svg.main-svg, img, iframe'));
        }""",
        timeout=timeout_ms,
    )
    wait_for_quiet(page, timeout_ms=timeout_ms)


def wait_for_quiet(page: Page, quiet_ms: int = 600, timeout_ms: int = DEFAULT_TIMEOUT_MS) -> None:
    """Wait until the DOM has not changed for `quiet_ms` (lazy chart code, plotly drawing).

    Needed because charts are drawn after the script run ends: plotly's code is loaded on
    demand and geo maps fetch their topojson first.
    """
    page.evaluate(
        """([quietMs, timeoutMs]) => new Promise((resolve, reject) => {
          let timer = setTimeout(done, quietMs);
          const obs = new MutationObserver(() => {
            clearTimeout(timer);
            timer = setTimeout(done, quietMs);
          });
          const giveUp = setTimeout(() => {
            obs.disconnect();
            reject(new Error('DOM never settled'));
          }, timeoutMs);
          function done() { obs.disconnect(); clearTimeout(giveUp); resolve(true); }
          obs.observe(document.body,
                      {subtree: true, childList: true, attributes: true, characterData: true});
        })""",
        [quiet_ms, timeout_ms],
    )


def exception_texts(page: Page) -> list[str]:
    """Texts of Streamlit exception boxes on the page (empty when none)."""
    return [t.strip() for t in page.locator(EXCEPTION).all_inner_texts()]


def view_fingerprint(page: Page) -> dict[str, object]:
    """What the main area shows: chart text and shapes, table cells, headings and text."""
    result: dict[str, object] = page.evaluate(_FINGERPRINT_JS)
    return result


def wait_for_view_change(
    page: Page, before: dict[str, object], timeout_ms: int = DEFAULT_TIMEOUT_MS
) -> dict[str, object]:
    """Wait until the view differs from `before` and the rerun is over; return the new view."""
    page.wait_for_function(
        f"(before) => JSON.stringify(({_FINGERPRINT_JS})()) !== JSON.stringify(before)",
        arg=before,
        timeout=timeout_ms,
    )
    wait_for_script_finished(page, timeout_ms)
    wait_for_charts(page, timeout_ms)
    return view_fingerprint(page)


def selectbox(page: Page, label: str | None = None) -> Locator:
    """The combobox input of the selectbox with this label, or the first one in the main area.

    Streamlit 1.67 renders st.selectbox as a react-aria ComboBox: an
    `<input role="combobox" aria-label=LABEL value=CURRENT>` plus a listbox of options.
    """
    boxes = page.locator(
        '[data-testid="stMain"] [data-testid="stSelectbox"] input[role="combobox"]'
    )
    if label is None:
        return boxes.first
    return page.get_by_role("combobox", name=label, exact=True).first


def selected_value(box: Locator) -> str:
    """The option a selectbox shows as chosen."""
    return box.input_value()


def option_names(page: Page, box: Locator) -> list[str]:
    """Open a selectbox, read its options, close it again with Escape."""
    box.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    names = [n.strip() for n in options.all_inner_texts()]
    page.keyboard.press("Escape")
    expect(options).to_have_count(0)
    return names


def select_option(page: Page, label: str | None, option: str) -> None:
    """Choose `option` in the selectbox labelled `label` (first selectbox when None)."""
    selectbox(page, label).click()
    page.get_by_role("option", name=option, exact=True).click()
