"""The SVG of a figure drawn in the page, kept as long as the figure itself.

The pages' figures are built once per selection and shared across sessions and reruns
(`st.cache_resource`); drawing one as SVG (`reports.draw.chart_svg`) costs up to ~70 ms (the
heatmap of 340 gemeenten) on every run otherwise. Plotly figures are unhashable, so the drawing
is kept per figure object (by id, with a weak reference that drops the entry when the cache
lets the figure go) and per size.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence

import plotly.graph_objects as go

from reports.draw import chart_svg

_DRAWN: dict[int, tuple[weakref.ref[go.Figure], dict[tuple[float, float], str]]] = {}
_LOCK = threading.RLock()  # re-entrant: a weak reference may fire while it is held


def _forget(key: int) -> Callable[[weakref.ref[go.Figure]], None]:
    """Drop a figure's drawings when the figure goes (called by its weak reference)."""

    def forget(_: weakref.ref[go.Figure]) -> None:
        with _LOCK:
            _DRAWN.pop(key, None)

    return forget


def figure_svg_once(fig: go.Figure, width: float, height: float, hatched: Sequence[int]) -> str:
    """`chart_svg(fig, width, height, hover=True, hatched=hatched)`, drawn once per figure and
    size (the figures passed here are never changed after they are built)."""
    key = id(fig)
    with _LOCK:
        entry = _DRAWN.get(key)
        if entry is not None and entry[0]() is fig and (width, height) in entry[1]:
            return entry[1][(width, height)]
    svg = chart_svg(fig, width, height, hover=True, hatched=hatched)
    with _LOCK:
        entry = _DRAWN.get(key)
        if entry is None or entry[0]() is not fig:
            entry = (weakref.ref(fig, _forget(key)), {})
            _DRAWN[key] = entry
        entry[1][(width, height)] = svg
    return svg
