"""Speed as a user feels it: per page, a cold load, a page switch and a control change in a real
browser (Playwright driving Debian Chromium against `streamlit run serve.py`, the entry users
run).

"Usable" means: the script run is over, nothing is stale or spinning, and every chart in the
main area has drawn its SVG (plotly draws after the run) and every visible dataframe its canvas.
Cold load = a new browser context (empty cache, new session) from `goto` until usable; page
switch = click on the sidebar link until the new page's title is shown and usable; control
change = choose another option in the page's first selectbox outside a form until the view
differs and is usable. The baseline is the empty page (`benchmarks/empty_app.py`) loaded cold
in the same run.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from loadtest.pages import PageSpec, discover_pages
from loadtest.server import start_server
from loadtest.stats import summarize

EMPTY_APP = Path(__file__).resolve().parent / "empty_app.py"
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = int(os.environ.get("KOMPAS_BENCH_TIMEOUT_MS", "120000"))
#: The entry users run (`make run`): app.py plus serve.py's middleware, measured when present.
SERVE_ENTRY = "serve.py"
TARGETS = {"cold_load_s": 2.0, "switch_p95_s": 1.0, "control_p95_s": 1.0}

_USABLE_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning'
      || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (document.querySelector('[data-stale="true"], [data-testid="stSpinner"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('h1')) return false;
  // every visible graphic slot holds its drawn figure: plotly's code loads on demand, so a
  // chart's own element only appears after the script run is over
  for (const slot of main.querySelectorAll('.stPrintGraphic')) {
    if (slot.offsetParent !== null
        && !slot.querySelector('.js-plotly-plot svg.main-svg, img, iframe')) return false;
  }
  for (const table of main.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (table.checkVisibility() && !table.querySelector('canvas')) return false;
  }
  return true;
}
"""

# What the main area shows (chart text and shapes, table cells, headings): a control change
# is over when this differs from before and the page is usable again.
_VIEW_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return '';
  return Array.from(main.querySelectorAll(
      'svg.main-svg text, svg.main-svg path, [data-testid="stDataFrame"] td, '
      + '[data-testid="stMarkdownContainer"], [data-testid="stMetric"], h1, h2'))
    .map(n => n.tagName === 'path' ? (n.getAttribute('d') || '') : n.textContent).join('|');
}
"""


SETTLE_MS = 300
# true once the view (`_VIEW_JS`) has stayed the same for `ms` milliseconds of polling
_SETTLED_JS = (
    "(ms) => { const view = (" + _VIEW_JS + ")(); const now = performance.now(); "
    "if (window.__kompasView !== view) "
    "{ window.__kompasView = view; window.__kompasSince = now; return false; } "
    "return now - window.__kompasSince >= ms; }"
)


def _elapsed(action: Callable[[], None], done: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    done()
    return time.perf_counter() - started


def _measure(base_url: str, specs: list[PageSpec], baseline_url: str, reps: int) -> dict[str, Any]:
    """Cold load, switch and control change of every page on `base_url`."""
    from playwright.sync_api import Page, sync_playwright
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    def usable(page: Page) -> None:
        page.wait_for_function(_USABLE_JS, timeout=TIMEOUT_MS, polling="raf")

    def settled(page: Page) -> None:
        """Wait, untimed, until the view has not changed for `SETTLE_MS`: a table's cells can
        still be redrawn after the run is over, and without this the next change's `before`
        could be taken mid-redraw, so that late redraw counted as the change (Tabellen en
        export then lost step and waited for a view it already showed)."""
        page.wait_for_function(_SETTLED_JS, arg=SETTLE_MS, timeout=TIMEOUT_MS, polling="raf")

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        viewport = {"width": 1400, "height": 1000}

        def cold(url: str) -> float:
            context = browser.new_context(viewport=viewport, locale="nl-NL")
            page = context.new_page()
            try:
                return _elapsed(lambda: page.goto(url, timeout=TIMEOUT_MS), lambda: usable(page))
            finally:
                context.close()

        cold(baseline_url)  # warm-up: server imports, not counted
        baseline = [cold(baseline_url) for _ in range(reps)]
        pages: dict[str, Any] = {}
        for spec in specs:
            cold(base_url + spec.browser_path)  # warm-up: the page's first (cache-filling) run
            pages[spec.key] = {
                "title": spec.title,
                "path": spec.browser_path,
                "cold_load_s": summarize([cold(base_url + spec.browser_path) for _ in range(reps)]),
            }

        context = browser.new_context(viewport=viewport, locale="nl-NL")
        page = context.new_page()
        page.goto(base_url + specs[0].browser_path, timeout=TIMEOUT_MS)
        usable(page)
        switches: dict[str, list[float]] = {spec.key: [] for spec in specs}
        for _ in range(reps):
            for spec in specs[1:] + specs[:1]:
                link = page.locator('[data-testid="stSidebarNav"] a', has_text=spec.title).first

                def arrived(spec: PageSpec = spec) -> None:
                    page.wait_for_function(
                        "(title) => { const h = document.querySelector("
                        "'[data-testid=\"stMain\"] h1'); "
                        "return h && h.innerText.trim() === title; }",
                        arg=spec.title,
                        timeout=TIMEOUT_MS,
                    )
                    usable(page)

                switches[spec.key].append(_elapsed(link.click, arrived))
        for spec in specs:
            pages[spec.key]["switch_s"] = summarize(switches[spec.key])

        context.close()

        for spec in specs:
            # a fresh context per page: after the switches, a `goto` in the same tab could
            # report "usable" on the previous document
            context = browser.new_context(viewport=viewport, locale="nl-NL")
            page = context.new_page()
            page.goto(base_url + spec.browser_path, timeout=TIMEOUT_MS)
            usable(page)
            # the first selectbox that changes the view at once: one inside a form (Workshop,
            # Trainer) changes nothing until its form is submitted, a disabled one not at all
            box = page.locator(
                '[data-testid="stMain"] [data-testid="stSelectbox"]:not([data-testid="stForm"] *)'
                ' input[role="combobox"]:not([disabled])'
            ).first
            with contextlib.suppress(PlaywrightTimeout):  # no selectbox: nothing to change
                box.wait_for(state="visible", timeout=10_000)
            times: list[float] = []
            if box.count():
                for _ in range(reps):
                    settled(page)
                    current = box.input_value()
                    box.click()
                    options = page.get_by_role("option")
                    options.first.wait_for(timeout=TIMEOUT_MS)
                    names = [n.strip() for n in options.all_inner_texts()]
                    other = next((n for n in names if n != current), None)
                    if other is None:
                        page.keyboard.press("Escape")
                        break
                    before = page.evaluate(_VIEW_JS)

                    def changed(before: str = before, page: Page = page) -> None:
                        page.wait_for_function(
                            f"(before) => ({_VIEW_JS})() !== before",
                            arg=before,
                            timeout=TIMEOUT_MS,
                            polling="raf",
                        )
                        usable(page)

                    option = page.get_by_role("option", name=other, exact=True)
                    try:
                        times.append(_elapsed(option.click, changed))
                    except PlaywrightTimeout as error:
                        raise RuntimeError(
                            f"{spec.key}: choosing {other!r} instead of {current!r} in the first "
                            "selectbox did not change the view"
                        ) from error
            pages[spec.key]["control_s"] = summarize(times)
            context.close()
        browser.close()
    return {"baseline_cold_load_s": summarize(baseline), "pages": pages}


def _verdicts(result: dict[str, Any]) -> None:
    for page in result["pages"].values():
        cold, switch, control = page["cold_load_s"], page["switch_s"], page["control_s"]
        page["met"] = {
            "cold_load_s": cold["median"] <= TARGETS["cold_load_s"] if cold else None,
            "switch_p95_s": switch["p95"] <= TARGETS["switch_p95_s"] if switch else None,
            "control_p95_s": control["p95"] <= TARGETS["control_p95_s"] if control else None,
        }


def browser_missing() -> str | None:
    """Why the browser benchmark cannot run here (None when it can)."""
    if not CHROMIUM.is_file():
        return f"Chromium not found at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (requirements-dev.txt)"
    return None


def run_browser_benchmark(app: Path, db: Path, work: Path, reps: int) -> dict[str, Any]:
    """Measure cold load, page switch and control change of every page in the menu of `app`
    on `db` (a hidden page has no menu link to switch to)."""
    specs = [spec for spec in discover_pages(app) if not spec.hidden]
    if not specs:
        return {"status": "skipped", "reason": f"no pages registered in {app}"}
    env = {"KOMPAS_DB": str(db)}
    served = app.with_name(SERVE_ENTRY)
    entry = served if served.is_file() else app
    empty = start_server(EMPTY_APP, work / "server-browser-empty.log", env=env, cwd=app.parent)
    server = start_server(entry, work / "server-browser.log", env=env, cwd=app.parent)
    try:
        result = _measure(server.base_url, specs, empty.base_url + "/", reps)
    finally:
        server.stop()
        empty.stop()
    _verdicts(result)
    return {
        "status": "measured",
        "reps": reps,
        "targets": TARGETS,
        "entry": entry.name,
        **result,
    }
