"""WCAG 2.1 A/AA checks with axe-core on every page, and the app driven by keyboard alone.

axe-core comes from the npm registry (tests/browser/setup_axe.sh, pinned, into the git-ignored
node_modules/); the fixture runs that script when the file is missing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from loadtest.pages import PageSpec
from tests.browser.conftest import REPO_ROOT
from tests.browser.helpers import (
    exception_texts,
    open_page,
    selected_value,
    view_fingerprint,
    wait_for_view_change,
)
from tests.browser.test_smoke import PAGES, _page_params, _require
from tests.conftest_helpers import missing_prerequisite

AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SETUP_AXE = Path(__file__).with_name("setup_axe.sh")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

# The page the keyboard test walks: it must have a selectbox and a download button.
KEYBOARD_PAGE = "tabellen_export"
MAX_TABS = 80


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script, installed from the npm registry on first use."""
    if not AXE_JS.is_file():
        proc = subprocess.run(
            ["bash", str(SETUP_AXE)], capture_output=True, text=True, timeout=300, check=False
        )
        if proc.returncode != 0 or not AXE_JS.is_file():
            missing_prerequisite(
                f"axe-core not installed ({SETUP_AXE} failed: {proc.stderr.strip()[-500:]})"
            )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """Inject axe-core and return the WCAG 2.1 A/AA violations on the whole document."""
    page.add_script_tag(content=axe_source)
    result: dict[str, Any] = page.evaluate(
        """(tags) => axe.run(document, {
              runOnly: {type: 'tag', values: tags},
              resultTypes: ['violations'],
           })""",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """A readable report: rule, impact, what to fix, and where (first targets)."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


@pytest.mark.parametrize("spec", _page_params())
def test_page_has_no_serious_wcag_violations(
    page: Page, spec: PageSpec | None, axe_source: str
) -> None:
    """axe-core finds no serious or critical violation of WCAG 2.1 A/AA rules."""
    spec = _require(spec)
    open_page(page, spec.browser_path)
    assert exception_texts(page) == []
    # WCAG 3.1.1: the page declares its (Dutch) language; axe only checks that one is declared
    assert page.evaluate("document.documentElement.lang") == "nl"
    violations = [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
    assert not violations, f"{spec.key}: {len(violations)} rule(s) violated\n" + describe(
        violations
    )


# -- keyboard ------------------------------------------------------------------------------

_FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {kind: 'body', label: ''};
  const label = el.getAttribute('aria-label') || el.innerText || el.getAttribute('title') || '';
  if (el.getAttribute('role') === 'combobox') {
    const kind = el.closest('[data-testid="stSelectbox"]') ? 'selectbox' : 'combobox';
    return {kind: kind, label: label};
  }
  if (el.closest('[data-testid="stDownloadButton"]')) return {kind: 'download', label: label};
  return {kind: el.tagName.toLowerCase(), label: label.slice(0, 60)};
}
"""


def tab_until(page: Page, kind: str, skip: int = 0) -> dict[str, str]:
    """Press Tab until an element of `kind` has focus (passing `skip` of them first)."""
    seen: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focus: dict[str, str] = page.evaluate(_FOCUS_JS)
        seen.append(f"{focus['kind']}:{focus['label']}")
        if focus["kind"] == kind:
            if skip == 0:
                return focus
            skip -= 1
    raise AssertionError(f"no {kind} reached with {MAX_TABS} Tab presses; focus went: {seen}")


def _keyboard_page() -> PageSpec | None:
    return next((s for s in PAGES if s.key == KEYBOARD_PAGE), None)


def test_keyboard_alone_reaches_and_operates_controls(page: Page, tmp_path: Path) -> None:
    """Tab to the first selectbox, pick another option with the arrow keys, then download with
    Enter and with Space."""
    spec = _keyboard_page()
    if spec is None:
        missing_prerequisite(f"page {KEYBOARD_PAGE} is not registered in the app yet")
    assert spec is not None
    open_page(page, spec.browser_path)
    page.locator("body").focus()

    focus = tab_until(page, "selectbox")
    box = page.get_by_role("combobox", name=focus["label"], exact=True)
    current = selected_value(box)
    before = view_fingerprint(page)
    page.keyboard.press("ArrowDown")  # opens the list, focus stays in the combobox
    options = page.get_by_role("option")
    options.first.wait_for()
    names = [n.strip() for n in options.all_inner_texts()]
    # Pick the neighbour of the current option: react-aria lists do not wrap around.
    index = names.index(current) if current in names else -1
    target = names[index + 1] if index + 1 < len(names) else names[index - 1]
    key = "ArrowDown" if names.index(target) > index else "ArrowUp"
    # The combobox keeps focus; the highlighted option is its aria-activedescendant.
    for _ in range(len(names) + 1):
        active = page.evaluate(
            """() => {
              const id = document.activeElement.getAttribute('aria-activedescendant');
              const el = id && document.getElementById(id);
              return el ? el.innerText.trim() : null;
            }"""
        )
        if active == target:
            break
        page.keyboard.press(key)
    else:
        raise AssertionError(f"arrow keys never focused option {target!r} of {names}")
    page.keyboard.press("Enter")
    wait_for_view_change(page, before)
    assert selected_value(box) == target

    downloads = page.locator('[data-testid="stDownloadButton"] button')
    assert downloads.count() >= 1
    for i, key in enumerate(["Enter", "Space"][: downloads.count()]):
        page.locator("body").focus()
        tab_until(page, "download", skip=i)
        with page.expect_download() as info:
            page.keyboard.press(key)
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.stat().st_size > 0, f"download via {key} is empty"
