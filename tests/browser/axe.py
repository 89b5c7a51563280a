"""axe-core in a real browser: the WCAG 2.1 A/AA rules run on the page's whole document.

axe-core comes from the npm registry (tests/browser/setup_axe.sh, pinned, into the git-ignored
node_modules/); the `axe_source` fixture (registered in conftest.py) runs that script when the
file is missing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.conftest_helpers import missing_prerequisite

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SETUP_AXE = Path(__file__).with_name("setup_axe.sh")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}


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


def serious_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """The serious and critical violations on the page as it is now."""
    return [v for v in run_axe(page, axe_source) if v["impact"] in FAILING_IMPACTS]
