"""Small helpers shared by test modules (not fixtures)."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd
import pytest

if TYPE_CHECKING:
    import plotly.graph_objects as go

from etl.paths import REFERENCE_DIR_SETTING, REPO_ROOT, reference_dir

#: Where the tests look for the publishers' reference files when KOMPAS_REFERENCE_DIR is unset:
#: shared/data/raw beside the checkout. The product itself has no default.
TESTS_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "data" / "raw"


def reference_dir_for_tests() -> Path:
    """KOMPAS_REFERENCE_DIR when set, else the tests' default beside the checkout."""
    return reference_dir() or TESTS_REFERENCE_DIR


T = TypeVar("T")


def run_in_own_loop(coroutine: Coroutine[Any, Any, T], timeout: float = 300) -> T:
    """Run `coroutine` to its end on a fresh event loop in a thread of its own.

    Playwright's sync API keeps an event loop running in the test thread while a browser
    fixture is alive, so `asyncio.run` there fails when a browser test ran earlier in the
    same worker. A thread of its own has no running loop.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=timeout)


def missing_prerequisite(reason: str) -> None:
    """Skip with `reason` locally; fail in CI (CI=true), where everything must be present."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this test may not be skipped)")
    pytest.skip(reason)


def require_shared_raw() -> Path:
    """Return the publishers' reference files; skip when absent locally, fail when absent in CI."""
    found = reference_dir_for_tests()
    if not found.is_dir():
        missing_prerequisite(
            f"publishers' reference files not found at {found} (set {REFERENCE_DIR_SETTING})"
        )
    return found


def all_checks_passed_line() -> str:
    """The line `python -m etl build/check` prints when every check in etl/checks passed."""
    from etl.paths import ETL_DIR

    count = len(list((ETL_DIR / "checks").glob("*.sql")))
    return f"{count} van {count} controles geslaagd"


def run_etl(
    *args: str, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m etl ARGS` from the repository root, as a user would; output captured
    (`input_text`: what the command reads on stdin)."""
    from etl.paths import REPO_ROOT

    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        input=input_text,
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


def three_region_ranking() -> go.Figure:
    """The ranking of three regions (Groot 18.99, Midden 12.345 in focus, Klein 4.2, per
    1.000, two decimals) with Nederland at 12.5."""
    from dashboard import charts

    values = pd.DataFrame(
        {
            "region_name": ["Groot", "Midden", "Klein"],
            "value": [18.99, 12.345, 4.2],
            "is_focus": [False, True, False],
        }
    )
    return charts.ranking_bar(
        values, unit="per 1.000", decimals=2, national_value=12.5, value_label="x (per 1.000)"
    )


def many_region_ranking() -> go.Figure:
    """The ranking of 60 regions R0..R59 valued 0..59 (%, one decimal), R10 in focus, with
    Nederland at 30: too many for names, so bars over their ranks."""
    from dashboard import charts

    many = pd.DataFrame(
        {
            "region_name": [f"R{i}" for i in range(60)],
            "value": [float(i) for i in range(60)],
            "is_focus": [i == 10 for i in range(60)],
        }
    )
    return charts.ranking_bar(many, unit="%", decimals=1, national_value=30.0, value_label="x")


def square_geojson(codes: Sequence[str]) -> dict[str, Any]:
    """A FeatureCollection in which every code has the same small square near Utrecht (for
    map tests that need shapes, not geography)."""
    square = {
        "type": "Polygon",
        "coordinates": [[[5, 52], [5, 52.1], [5.1, 52.1], [5.1, 52], [5, 52]]],
    }
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": code, "geometry": square} for code in codes],
    }


def rename_in_raw_file(path: Path, old: bytes, new: bytes) -> None:
    """Replace `old` in a demo raw file and keep its origin sidecar true to the new bytes."""
    data = path.read_bytes()
    assert data.count(old) >= 1, f"{old!r} not in {path}"
    data = data.replace(old, new)
    path.write_bytes(data)
    sidecar = path.with_name(path.name + ".origin.json")
    origin = json.loads(sidecar.read_text(encoding="utf-8"))
    origin.update(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    sidecar.write_text(json.dumps(origin), encoding="utf-8")


def duo_regions(raw: Path) -> pd.DataFrame:
    """Gemeente -> RMC-regio, provincie from the DUO file of the raw dir (the indeling)."""
    (duo,) = (raw / "gebiedsindeling").glob("*schoolvestigingen*.csv")
    frame = pd.read_csv(duo, sep=";", encoding="cp1252", dtype=str)
    return pd.DataFrame(
        {
            "gemeente": "GM" + frame["GEMEENTENUMMER"].str.strip(),
            "rmc_code": "MC" + frame["RMC-REGIO CODE"].str.strip(),
            "provincie": frame["PROVINCIE"].str.strip(),
        }
    ).drop_duplicates("gemeente")
