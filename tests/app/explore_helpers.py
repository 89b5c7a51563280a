"""Shared helpers for the AppTests of Overzicht, Regioprofiel, Patronen and Tabellen en export."""

from __future__ import annotations

import base64
import html
import json
import logging
import math
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import readable

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60

logging.getLogger("streamlit").setLevel(logging.ERROR)


def warehouse() -> str:
    """Path of the warehouse under test; skip when KOMPAS_DB names no file."""
    db = os.environ.get("KOMPAS_DB", "")
    if not db or not Path(db).is_file():
        pytest.skip("KOMPAS_DB does not name a warehouse file; page tests need a built one")
    return db


def sql(query: str, params: list[Any] | None = None) -> pd.DataFrame:
    """Query the warehouse directly (unsuppressed marts) to know what the page should show."""
    con = duckdb.connect(warehouse(), read_only=True)
    try:
        return con.execute(query, params or []).df()
    finally:
        con.close()


def page(name: str, **query: str) -> AppTest:
    """Run a page file once with the given URL query parameters."""
    warehouse()
    at = AppTest.from_file(str(REPO / "app_pages" / f"{name}.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def via_app(name: str) -> AppTest:
    """Open the app (`app.py`, st.navigation) and switch to the page, as a user would."""
    warehouse()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT).run()
    return at.switch_page(f"app_pages/{name}.py").run()


def _decode(node: Any) -> Any:
    """Plotly JSON with typed arrays ({"dtype", "bdata"}) -> plain lists; NaN -> None."""
    if isinstance(node, dict):
        if "bdata" in node and "dtype" in node:
            array = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
            if "shape" in node:
                shape = [int(n) for n in str(node["shape"]).split(",")]
                array = array.reshape(shape)
            return _decode(array.tolist())
        return {key: _decode(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_decode(item) for item in node]
    if isinstance(node, float) and math.isnan(node):
        return None
    return node


def figures(at: AppTest) -> list[dict[str, Any]]:
    """Plotly figure specs on the page, in order, with typed arrays decoded to lists."""
    return [_decode(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]


SVG = "{http://www.w3.org/2000/svg}"
_SVG_IMAGE = re.compile(r"!\[(.*)\]\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)")


def chart_images(at: AppTest) -> list[tuple[str, ET.Element]]:
    """The charts drawn as images (Markdown images of SVG data URIs), in order: the
    alternative text as a reader gets it and the parsed SVG."""
    found = []
    for element in at.markdown:
        match = _SVG_IMAGE.fullmatch(element.value)
        if match:
            svg = ET.fromstring(base64.b64decode(match.group(2)).decode("utf-8"))
            found.append((readable(match.group(1)), svg))
    return found


_INLINE_SVG = re.compile(
    r'<div class="kompas-chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
    r'aria-label="([^"]*)"'
)


def inline_charts(at: AppTest) -> list[tuple[str, ET.Element]]:
    """The charts drawn as SVG inside the page (`components.chart` with a size), in order: the text
    a screen reader gets (the aria-label) and the parsed SVG."""
    found = []
    for element in at.markdown:
        match = _INLINE_SVG.match(element.value)
        if match:
            (svg,) = ET.fromstring(element.value)  # the one child of the <div>
            found.append((html.unescape(match.group(1)), svg))
    return found


def titles(svg: ET.Element) -> list[str]:
    """The tooltips of an SVG chart's points and regions, in drawing order."""
    return [t.text or "" for t in svg.iter(f"{SVG}title")]


def markers(svg: ET.Element, colour: str | None = None) -> list[ET.Element]:
    """The marker shapes of an SVG chart (paths directly inside a group other than the
    legend), optionally only those filled or outlined in `colour`."""
    shapes = [
        path
        for group in svg.iter(f"{SVG}g")
        if group.get("class") != "legend"
        for path in group.findall(f"{SVG}path")
    ]
    if colour is None:
        return shapes
    return [p for p in shapes if colour in (p.get("fill"), p.get("stroke"))]


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]


def notices(at: AppTest) -> str:
    """Text of every notice box (URL notices are warnings; prompts to choose are infos)."""
    return "\n".join(readable(box.value) for box in [*at.warning, *at.info])
