"""AppTest helpers: the app's absolute path, a fresh AppTest, and two workarounds.

1. Streamlit 1.67's AppTest resets `PagesManager.uses_pages_directory` before every run; with a
   folder named `pages/` next to app.py it then takes the legacy (v1) route on reruns and runs
   the page file alone, without app.py's frame. The real server sets the flag once per process
   when app.py calls st.navigation. The fixture below makes AppTest behave like the server.
2. Query results are cached process-wide; each test starts with empty caches.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _app_test_setup(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: the app needs a warehouse (tests/conftest.py sets it)")
    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    st.cache_data.clear()
    yield


def new_app(**query: str) -> AppTest:
    """An AppTest of app.py with the given query parameters (a deep link), not yet run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def open_page(page: str, **query: str) -> AppTest:
    """Run app.py, switch to `pages/<page>.py` with the given query parameters and run it."""
    at = new_app().run()
    if page != "overzicht":
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(f"pages/{page}.py")
    else:
        for key, value in query.items():
            at.query_params[key] = value
    return at.run()


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page, as JSON."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def texts(at: AppTest) -> str:
    """All Markdown, caption, info and warning text of the page, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)
