"""Small helpers shared by test modules (not fixtures)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    import plotly.graph_objects as go

from etl.paths import SHARED_RAW_DIR


def require_shared_raw() -> Path:
    """Return ../shared/data/raw; skip when absent locally, fail when absent in CI."""
    if SHARED_RAW_DIR.is_dir():
        return SHARED_RAW_DIR
    reason = f"publishers' reference files not found at {SHARED_RAW_DIR}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " (CI must have shared/ beside the checkout)")
    pytest.skip(reason)


def all_checks_passed_line() -> str:
    """The line `python -m etl build/check` prints when every check in etl/checks passed."""
    from etl.paths import ETL_DIR

    count = len(list((ETL_DIR / "checks").glob("*.sql")))
    return f"{count} van {count} controles geslaagd"


def run_etl(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m etl ARGS` from the repository root, as a user would; output captured."""
    from etl.paths import REPO_ROOT

    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def assert_valid_figure(fig: go.Figure) -> None:
    """Re-check a chart function's figure with plotly's full validation.

    The chart functions build figures without validation (`dashboard.charts.figure`). This
    raises when any property is invalid, and fails when validation would change what is sent
    to the browser (say a colour-scale name that only the Python side expands).
    """
    import plotly.graph_objects as go
    import plotly.io as pio

    validated = go.Figure(fig.to_dict())  # ValueError on an invalid property
    sent = json.loads(pio.to_json(fig, validate=False))
    assert json.loads(pio.to_json(validated, validate=False)) == sent
