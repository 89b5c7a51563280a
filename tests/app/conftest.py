"""AppTest helpers: the app's absolute path, a fresh AppTest with empty query caches (results
are cached process-wide), and page switching with deep-link parameters."""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def _app_test_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not os.environ.get("KOMPAS_DB"):
        pytest.skip("KOMPAS_DB is not set: the app needs a warehouse (tests/conftest.py sets it)")
    st.cache_data.clear()
    # the workshop pages write sessions: into this test's folder, never the repository's data/
    monkeypatch.setenv("KOMPAS_WORKSHOP_DB", str(tmp_path / "workshop.sqlite"))
    yield


def new_app(**query: str) -> AppTest:
    """An AppTest of app.py with the given query parameters (a deep link), not yet run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def open_page(page: str, **query: str) -> AppTest:
    """Run app.py, switch to `app_pages/<page>.py` with the given query parameters and run it."""
    at = new_app().run()
    if page != "overzicht":
        for key, value in query.items():
            at.query_params[key] = value
        at.switch_page(f"app_pages/{page}.py")
    else:
        for key, value in query.items():
            at.query_params[key] = value
    return at.run()


def plotly_specs(at: AppTest) -> list[dict[str, Any]]:
    """The plotly figures on the page, as JSON."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def readable(markdown: object) -> str:
    """The text a reader sees of Markdown the app escaped (dashboard/markup.py): a backslash
    before ASCII punctuation shows only that character, the word joiners are invisible."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", str(markdown)).replace("\u2060", "")


_INLINE_CHART = re.compile(
    r'^<div class="kompas-chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
    r'aria-label="([^"]*)"'
)


def _prose(markdown: str) -> str:
    """A Markdown element's text; of a chart drawn as SVG in the page its text alternative (a
    tooltip's `vsv %: 2,3%` is a label, as plotly's hover was, not a sentence)."""
    chart = _INLINE_CHART.match(markdown)
    return html.unescape(chart.group(1)) if chart else markdown


def texts(at: AppTest) -> str:
    """All Markdown, caption, info and warning text of the page as the reader sees it, joined;
    of a chart drawn in the page its text alternative."""
    parts = [_prose(m.value) for m in at.markdown] + [c.value for c in at.caption]
    parts += [w.value for w in at.warning] + [i.value for i in at.info]
    return "\n".join(readable(p) for p in parts)


@pytest.fixture
def store() -> Any:
    """The workshop store the pages use in this test (a fresh file, see _app_test_setup)."""
    from workshop.store import Store

    return Store(Path(os.environ["KOMPAS_WORKSHOP_DB"]))
