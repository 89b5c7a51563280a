"""A trace's plotly hover text per point, as plain text for an SVG `<title>` (a tooltip).

The charts drawn as inline SVG on the pages keep what plotly's hover told: the region's name,
its value and its verdict, from the same `hovertemplate` the chart definition gives plotly. The
templates of the dashboard's charts use a small part of plotly's syntax: `%{text}`,
`%{customdata}`, `%{customdata[i]}`, `%{x}`, `%{y}`, `%{z}` and `%{location}`, with an
optional d3 number format `:.1f` or `:,.0f`, and `<extra>...</extra>` for the side label (left
off here). As plotly does, the values are put into the template as they are (names are Plotly
text, escaped by `dashboard.markup.plotly_text`) and the whole is then read as Plotly text:
`<br>` becomes a line break, other tags (`<b>`) are dropped and entities decoded, so the result
is plain text, which the SVG writer escapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from dashboard.formatting import format_number

PLACEHOLDER = re.compile(r"%\{(text|customdata|x|y|z|location)(?:\[(\d+)\])?(?::([^}]*))?\}")
EXTRA = re.compile(r"<extra>.*?</extra>", re.DOTALL)
BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
FIXED = re.compile(r",?\.(\d+)f")
#: plotly's name of the property a placeholder reads, per placeholder
SOURCE = {"location": "locations"}


def _column(trace: Any, name: str, count: int) -> Sequence[Any]:
    values = getattr(trace, SOURCE.get(name, name))
    if values is None:
        return [None] * count
    if isinstance(values, str) or np.ndim(values) == 0:
        return [values] * count
    return list(values)


def _formatted(value: Any, spec: str | None) -> str:
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    match = FIXED.fullmatch(spec or "")
    if match and isinstance(value, (int, float, np.integer, np.floating)):
        return format_number(float(value), int(match.group(1)))
    if isinstance(value, (float, np.floating)) and not spec:
        return format_number(float(value), 0 if float(value).is_integer() else 2)
    return str(value)


def _fill(template: str, columns: dict[str, Sequence[Any]], count: int) -> list[str]:
    """`template` filled in for each of `count` points from the per-point `columns`."""

    def one(point: int) -> str:
        def value(match: re.Match[str]) -> str:
            name, index, spec = match.groups()
            item = columns[name][point]
            if index is not None and item is not None and not isinstance(item, str):
                item = item[int(index)] if hasattr(item, "__getitem__") else list(item)[int(index)]
            return _formatted(item, spec)

        text = BREAK.sub("\n", PLACEHOLDER.sub(value, template))
        lines = (html.unescape(TAG.sub("", line)).strip() for line in text.split("\n"))
        return "\n".join(line for line in lines if line)

    return [one(point) for point in range(count)]


def _used(template: str) -> set[str]:
    return {match.group(1) for match in PLACEHOLDER.finditer(template)}


def hover_texts(trace: Any, count: int) -> list[str] | None:
    """The hover text of each of the trace's `count` points (None: the trace has no hover).

    Args:
        trace: A trace as `reports.svg` reads it (attribute access to plotly's properties).
        count: Number of points (locations for a choropleth).
    """
    template = trace.hovertemplate
    if trace.hoverinfo == "skip" or not template:
        return None
    template = EXTRA.sub("", str(template))
    columns = {name: _column(trace, name, count) for name in _used(template)}
    return _fill(template, columns, count)


def cell_texts(trace: Any, template: str) -> list[list[str]]:
    """`template` (a heatmap's `hovertemplate` or `texttemplate`) filled in for every cell of
    a heatmap trace, row by row: `%{x}` is the cell's column, `%{y}` its row, and `%{z}`,
    `%{customdata}` and `%{text}` the cell's own item of those 2-D properties, as plotly
    reads them for a heatmap."""
    z = np.asarray(trace.z if trace.z is not None else [[]], dtype=float)
    rows, cols = z.shape if z.ndim == 2 else (0, 0)
    template = EXTRA.sub("", template)
    used = _used(template)

    def grid(name: str) -> list[Any]:
        values = getattr(trace, SOURCE.get(name, name))
        if name == "x":
            return [None if values is None else values[j] for _ in range(rows) for j in range(cols)]
        if name == "y":
            return [None if values is None else values[i] for i in range(rows) for _ in range(cols)]
        if values is None:
            return [None] * (rows * cols)
        return [values[i][j] for i in range(rows) for j in range(cols)]

    flat = _fill(template, {name: grid(name) for name in used}, rows * cols)
    return [flat[i * cols : (i + 1) * cols] for i in range(rows)]
