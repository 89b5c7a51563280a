"""WCAG 2.1 A/AA checks with axe-core on every page (tests/browser/axe.py), and the app driven by
keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from loadtest.pages import PageSpec
from tests.browser.axe import describe, serious_violations
from tests.browser.helpers import (
    exception_texts,
    open_page,
    selected_value,
    view_fingerprint,
    wait_for_view_change,
)
from tests.browser.test_smoke import PAGES, _page_params, _require
from tests.conftest_helpers import missing_prerequisite

# The page the keyboard test walks: it must have a selectbox and a download button.
KEYBOARD_PAGE = "tabellen_export"
MAX_TABS = 80


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
    violations = serious_violations(page, axe_source)
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
