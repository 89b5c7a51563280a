"""A plotly heatmap figure (Patronen's regions x school years) drawn as a static SVG text.

The part of plotly's heatmap the dashboard uses: one `heatmap` trace with categorical x (the
school years, written above the grid when `xaxis.side` is `top`) and y (the region names, the
first at the top when `yaxis.autorange` is `reversed`), `xgap`/`ygap` between the cells, the
colour of a cell from the colour scale over the smallest to the largest value (or `zmin` and
`zmax`), a cell without a value left in the plot's background colour (`plot_bgcolor`), the
cell's text from `texttemplate` in a colour that contrasts with the cell as plotly picks it,
and plotly's vertical colour bar (`reports.svg`'s), as long as `colorbar.len` says. With
`hover`, every cell, an empty one too, gets its hover text as an SVG `<title>` (a tooltip).
Anything else raises `reports.svg.UnsupportedFigure`. Names are Plotly text, turned back into
plain text and XML-escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go

from dashboard.formatting import format_number
from reports.hover import cell_texts
from reports.svg import (
    CHAR_WIDTH,
    FONT_FAMILY,
    UnsupportedFigure,
    _colour_bar,
    _format_decimals,
    _paint,
    _rgb,
    _text,
    _text_width,
    _titled,
    _View,
    colour_between,
    colour_stops,
    nice_ticks,
    plain_text,
)

# plotly's text on a cell: its default line colour on a light cell, white on a dark one
DARK_TEXT = "#444444"
LIGHT_TEXT = "#FFFFFF"
# classes naming the parts a test finds: the column and row labels and the cells' texts
X_TICK, Y_TICK, CELL_TEXT = {"class": "xtick"}, {"class": "ytick"}, {"class": "celltext"}


def contrast_colour(cell: str) -> str:
    """The colour plotly writes a cell's text in: white on a dark cell (perceived brightness
    (299 R + 587 G + 114 B) / 1000 below 128, as tinycolor's `isDark`), dark grey otherwise."""
    r, g, b = _rgb(cell)
    return LIGHT_TEXT if (299 * r + 587 * g + 114 * b) / 1000 < 128 else DARK_TEXT


@dataclass(frozen=True)
class _Grid:
    """Where the cells go: the plot's box in pixels and the size of one cell."""

    left: float
    top: float
    cell_width: float
    cell_height: float


def _bar_box(trace: Any, top: float, plot_height: float) -> tuple[float, float]:
    """Top and length (px) of the colour bar: `len` a share of the plot or, with `lenmode:
    "pixels"`, pixels; placed by `y` (a share of the plot from its bottom) and `yanchor`."""
    bar = trace.colorbar
    share = float(bar.len) if bar and bar.len is not None else 1.0
    length = share if bar and bar.lenmode == "pixels" else share * plot_height
    length = min(length, plot_height)
    at = top + plot_height * (1 - float(bar.y if bar and bar.y is not None else 0.5))
    anchor = str(bar.yanchor or "middle") if bar else "middle"
    start = at if anchor == "top" else at - length if anchor == "bottom" else at - length / 2
    return min(max(start, top), top + plot_height - length), length


def _bar_room(trace: Any, low: float, high: float, size: float) -> float:
    """Width (px) of the colour bar with its tick labels and title."""
    bar = trace.colorbar
    thickness = float(bar.thickness or 30) if bar else 30.0
    decimals = _format_decimals(bar.tickformat if bar else None) or 0
    labels = [format_number(t, decimals) for t in nice_ticks(low, high, 4)] or [""]
    title = plain_text(bar.title.text) if bar and bar.title and bar.title.text else ""
    widest = max(max(_text_width(label, size) for label in labels), _text_width(title, size))
    return 10 + thickness + 4 + widest + 4


def _cell_text(text: str, fill: str, x: float, y: float, grid: _Grid, size: float) -> str:
    fit = min(size, grid.cell_height * 0.62, grid.cell_width / max(len(text) * CHAR_WIDTH, 1))
    return _text(
        x,
        y + fit * 0.35,
        text,
        fit,
        contrast_colour(fill),
        text_anchor="middle",
        pointer_events="none",
        **CELL_TEXT,
    )


def heatmap_svg(figure: go.Figure, width: float, height: float, hover: bool = False) -> str:
    """Draw a one-trace heatmap figure as an SVG document of `width` x `height` pixels.

    Args:
        figure: A heatmap figure of the dashboard (`dashboard.charts_patterns.heatmap`).
        width: Width in pixels.
        height: Height in pixels (the figure's layout height: one row per region).
        hover: Give every cell its plotly hover text as a `<title>`.

    Returns:
        The SVG text.

    Raises:
        UnsupportedFigure: not exactly one heatmap trace.
    """
    fig = _View.of(figure)
    if len(fig.data) != 1 or fig.data[0].type != "heatmap":
        raise UnsupportedFigure("not a figure with one heatmap trace")
    trace, layout = fig.data[0], fig.layout
    z = np.asarray(trace.z, dtype=float)
    if z.ndim != 2:
        raise UnsupportedFigure("heatmap z is not a grid")
    rows, cols = z.shape
    columns = [plain_text(x) for x in (trace.x if trace.x is not None else range(cols))]
    names = [plain_text(y) for y in (trace.y if trace.y is not None else range(rows))]
    shown = z[np.isfinite(z)]
    low = float(trace.zmin) if trace.zmin is not None else float(shown.min(initial=math.inf))
    high = float(trace.zmax) if trace.zmax is not None else float(shown.max(initial=-math.inf))
    size = float(layout.font.size or 14) * 0.8
    colour = str(layout.font.color or "#1A1A1A")
    on_top = layout.xaxis.side == "top"
    reversed_rows = layout.yaxis.autorange == "reversed"

    bar_room = (
        _bar_room(trace, low, high, size) if shown.size and trace.showscale is not False else 0
    )
    left = 6 + max((_text_width(name, size) for name in names), default=0.0) + 4
    top = 6 + (size * 1.6 if on_top else 0)
    bottom = 6 + (0 if on_top else size * 1.6)
    plot_width, plot_height = width - left - bar_room - 6, height - top - bottom
    grid = _Grid(left, top, plot_width / max(cols, 1), plot_height / max(rows, 1))
    background = str(layout.plot_bgcolor or "white")
    paper = str(layout.paper_bgcolor or "white")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family="{FONT_FAMILY}">',
        f'<rect width="{width:g}" height="{height:g}" {_paint(paper, "fill")}/>',
        f'<rect x="{left:.2f}" y="{top:.2f}" width="{plot_width:.2f}" height="{plot_height:.2f}" '
        f"{_paint(background, 'fill')}/>",
    ]
    label_y = top - size * 0.5 if on_top else top + plot_height + size * 1.2
    # the years shrink to their column when the names leave the columns narrow
    widest = max((len(label) * CHAR_WIDTH for label in columns), default=1.0)
    label_size = min(size, (grid.cell_width - 4) / max(widest, 1.0))
    for j, label in enumerate(columns):
        x = left + (j + 0.5) * grid.cell_width
        out.append(_text(x, label_y, label, label_size, colour, text_anchor="middle", **X_TICK))
    xgap, ygap = float(trace.xgap or 0), float(trace.ygap or 0)
    stops = colour_stops(trace.colorscale)
    hovers = (
        cell_texts(trace, str(trace.hovertemplate))
        if hover and trace.hovertemplate and trace.hoverinfo != "skip"
        else None
    )
    texts = cell_texts(trace, str(trace.texttemplate)) if trace.texttemplate else None
    for i, name in enumerate(names):
        row = i if reversed_rows else rows - 1 - i
        y = top + row * grid.cell_height
        out.append(
            _text(
                left - 4,
                y + grid.cell_height / 2 + size * 0.35,
                name,
                size,
                colour,
                text_anchor="end",
                **Y_TICK,
            )
        )
        for j in range(cols):
            value = z[i, j]
            share = 0.5 if high <= low else (value - low) / (high - low)
            fill = colour_between(stops, share) if math.isfinite(value) else background
            x = left + j * grid.cell_width
            cell = (
                f'<rect x="{x + xgap / 2:.2f}" y="{y + ygap / 2:.2f}" '
                f'width="{max(grid.cell_width - xgap, 0):.2f}" '
                f'height="{max(grid.cell_height - ygap, 0):.2f}" {_paint(fill, "fill")}/>'
            )
            out.append(_titled(cell, hovers[i][j] if hovers else ""))
            if texts and texts[i][j]:
                centre_x, centre_y = x + grid.cell_width / 2, y + grid.cell_height / 2
                out.append(_cell_text(texts[i][j], fill, centre_x, centre_y, grid, size))
    if bar_room:
        bar_top, bar_length = _bar_box(trace, top, plot_height)
        out += _colour_bar(
            trace, low, high, width - bar_room + 10, bar_top, bar_length, size, width - 2
        )
    out.append("</svg>")
    return "".join(out)
