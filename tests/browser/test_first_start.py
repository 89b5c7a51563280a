"""The very first start in a real browser: no warehouse yet, no network (KOMPAS_OFFLINE=1).

app.py builds the demo warehouse while a status box shows the steps. A newcomer must read only
plain Dutch steps there (no layer names like "staged:", no check or file names), and the box
must be gone once the first page is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from loadtest.server import StreamlitServer, start_server
from tests.browser.conftest import APP, OUTPUT_DIR
from tests.browser.helpers import exception_texts, wait_for_quiet, wait_for_script_finished
from tests.conftest_helpers import missing_prerequisite

BUILD_TIMEOUT_MS = 600_000

# Records every label the status box shows (st.status is an expander whose summary is the
# label), before the app's first message arrives.
_RECORD_LABELS_JS = """
window.__kompasLabels = [];
new MutationObserver(() => {
  // the label's own text, without the state icon (a ligature such as "check")
  for (const node of document.querySelectorAll(
      '[data-testid="stExpander"] summary [data-testid="stMarkdownContainer"]')) {
    const text = node.innerText.trim();
    const seen = window.__kompasLabels;
    if (text && seen[seen.length - 1] !== text) seen.push(text);
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""

# Words a newcomer should not meet: the pipeline's layer names, check names, file paths.
TECHNICAL = re.compile(r"staged|harmonised|marts|\braw\b|checks?\b|__|/|\.duckdb|\.csv|\.json")


@pytest.fixture(scope="module")
def first_start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StreamlitServer]:
    """`streamlit run app.py` with KOMPAS_DB in an empty folder and the publishers off."""
    if not APP.is_file():
        missing_prerequisite(f"{APP} does not exist yet")
    empty = tmp_path_factory.mktemp("first_start")
    try:
        server = start_server(
            APP,
            log_path=OUTPUT_DIR / "streamlit-first-start.log",
            env={"KOMPAS_DB": str(empty / "kompas.duckdb"), "KOMPAS_OFFLINE": "1"},
            cwd=APP.parent,
        )
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()
    assert (empty / "kompas.duckdb").is_file(), "the first start built no warehouse"


def test_first_start_shows_dutch_steps_and_clears_them(
    page: Page, first_start_server: StreamlitServer
) -> None:
    """Every step label is plain Dutch; the status box is gone when the first page is shown."""
    page.add_init_script(_RECORD_LABELS_JS)
    page.goto(first_start_server.base_url + "/", timeout=BUILD_TIMEOUT_MS)
    expect(page.locator("h1").first).to_have_text("Overzicht", timeout=BUILD_TIMEOUT_MS)
    wait_for_script_finished(page, BUILD_TIMEOUT_MS)
    wait_for_quiet(page, timeout_ms=BUILD_TIMEOUT_MS)
    assert exception_texts(page) == []

    recorded: list[str] = page.evaluate("window.__kompasLabels")
    # the status box's labels: everything up to its last step ("Klaar in ..."); expanders of
    # the first page itself ("Toon de cijfers als tabel") come after it. On a busy machine the
    # browser may never draw "Klaar in" (the box is emptied right after it): then the steps end
    # where the first page's own expanders begin.
    own = {
        text.strip()
        for text in page.locator(
            '[data-testid="stExpander"] summary [data-testid="stMarkdownContainer"]'
        ).all_inner_texts()
    }
    done = next(
        (i + 1 for i, label in enumerate(recorded) if label.startswith("Klaar in ")),
        next((i for i, label in enumerate(recorded) if label in own), len(recorded)),
    )
    labels = recorded[:done]
    assert any(label.startswith("Demogegevens maken") for label in labels), labels
    assert any(label.startswith("Gemeentelijke herindelingen verwerken") for label in labels), (
        labels
    )
    technical = [label for label in labels if TECHNICAL.search(label)]
    assert technical == [], f"technical words in the first-start steps: {technical}"

    leftover = page.locator('[data-testid="stExpander"] summary').filter(
        has_text=re.compile("|".join(re.escape(label) for label in labels))
    )
    expect(leftover).to_have_count(0)
