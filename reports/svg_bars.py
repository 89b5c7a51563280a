"""The ranking (`dashboard.charts.ranking_bar`) drawn as a static SVG, as plotly draws it.

One bar trace, horizontal with the regions' names on a categorical axis (the first at the top,
plotly's `autorange: "reversed"`) or vertical over their ranks 1..n when there are too many for
names; one dashed line shape for Nederland; annotations for the value labels (on a white box, so
the national line stops at a label), the focus regions' names with an arrow, and the national
line's label above the plot. The colours, hatching of the focus bar, axis titles, tick formats
and gaps are the figure's, read as `reports.svg` reads a figure. With `hover`, every bar gets
its plotly hover text as a `<title>` (a tooltip where the SVG is inline in a page).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import plotly.graph_objects as go

from reports.hover import hover_texts
from reports.svg import (
    FONT_FAMILY,
    UnsupportedFigure,
    _format_decimals,
    _numbers,
    _paint,
    _per_point,
    _text,
    _text_width,
    _tick_labels,
    _titled,
    _View,
    nice_ticks,
    plain_text,
)

PAD = 4.0
BAR_HATCH = (
    '<pattern id="bar-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="white" '
    'stroke-width="2"/></pattern>'
)


def _range(spec: Any, values: np.ndarray) -> tuple[float, float]:
    """The value axis: the layout's range, else from 0 (or below) to 5% above the longest bar."""
    if spec.range is not None:
        low, high = (float(v) for v in spec.range)
        return low, high
    shown = values[np.isfinite(values)]
    top = float(shown.max(initial=0.0))
    return min(0.0, float(shown.min(initial=0.0))), top * 1.05 if top > 0 else 1.0


def _label_box(x: float, y: float, text: str, size: float, note: Any, anchor: str) -> list[str]:
    """An annotation's text with its background box (plotly's `bgcolor`, `borderpad`)."""
    width = _text_width(plain_text(note.text), size, "<b>" in str(note.text))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    parts = []
    if note.bgcolor:
        pad = float(note.borderpad or 1)
        parts.append(
            f'<rect x="{left - pad:.2f}" y="{y - size * 0.85 - pad:.2f}" '
            f'width="{width + 2 * pad:.2f}" height="{size * 1.1 + 2 * pad:.2f}" '
            f"{_paint(note.bgcolor, 'fill')}/>"
        )
    weight = {"font_weight": "bold"} if "<b>" in str(note.text) else {}
    parts.append(_text(x, y, text, size, "#1A1A1A", text_anchor=anchor, **weight))
    return parts


def bar_svg(figure: go.Figure, width: float, height: float, hover: bool = False) -> str:
    """Draw a ranking figure (one bar trace) as an SVG document of `width` x `height` pixels.

    Raises:
        UnsupportedFigure: anything but one bar trace, or a shape other than a line.
    """
    fig = _View.of(figure)
    if len(fig.data) != 1 or fig.data[0].type != "bar":
        raise UnsupportedFigure("a ranking is one bar trace")
    for shape in fig.layout.shapes or ():
        if shape.type != "line":
            raise UnsupportedFigure(f"shape type {shape.type!r}")
    trace, layout = fig.data[0], fig.layout
    horizontal = trace.orientation == "h"
    small = float(layout.font.size or 14) * 0.8
    value_spec = layout.xaxis if horizontal else layout.yaxis
    values = _numbers(trace.x if horizontal else trace.y)
    count = len(values)
    low, high = _range(value_spec, values)
    ticks = [t for t in nice_ticks(low, high) if low - 1e-9 <= t <= high + 1e-9]
    tick_text = _tick_labels(value_spec, ticks, _format_decimals(value_spec.tickformat))
    names = [str(n) for n in (trace.y if horizontal else ())]
    paper_notes = [n for n in layout.annotations or () if n.xref == "paper"]
    top = PAD + (small * 1.6 if paper_notes else 0.0)
    bottom = height - PAD - small * 3.2
    if horizontal:
        left = PAD + max((_text_width(plain_text(n), small, "<b>" in n) for n in names), default=0)
        left += 6
    else:
        left = PAD + small * 1.6 + max((_text_width(t, small) for t in tick_text), default=0) + 6
    right = width - PAD - (small if horizontal else 0)

    def value_px(v: float) -> float:
        share = (v - low) / (high - low) if high > low else 0.0
        return left + share * (right - left) if horizontal else bottom - share * (bottom - top)

    band = ((bottom - top) if horizontal else (right - left)) / max(count, 1)
    thickness = band * (1 - float(layout.bargap if layout.bargap is not None else 0.2))

    def place_px(i: float) -> float:  # centre of bar i (0-based) across the bars
        return (top if horizontal else left) + (i + 0.5) * band

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family="{FONT_FAMILY}">',
        f'<rect width="{width:g}" height="{height:g}" fill="white"/>',
        BAR_HATCH,
    ]
    grid = value_spec.gridcolor or "#E5E5E5"
    for tick, label in zip(ticks, tick_text, strict=True):
        p = value_px(tick)
        if horizontal:
            out.append(
                f'<line x1="{p:.2f}" y1="{top:.2f}" x2="{p:.2f}" y2="{bottom:.2f}" '
                f'stroke="{grid}" stroke-width="1"/>'
            )
            out.append(
                _text(p, bottom + small * 1.2, label, small, "#1A1A1A", text_anchor="middle")
            )
        else:
            out.append(
                f'<line x1="{left:.2f}" y1="{p:.2f}" x2="{right:.2f}" y2="{p:.2f}" '
                f'stroke="{grid}" stroke-width="1"/>'
            )
            out.append(
                _text(left - 4, p + small * 0.35, label, small, "#1A1A1A", text_anchor="end")
            )
    colours = _per_point(trace.marker.color, count)
    pattern = trace.marker.pattern if trace.marker else None
    hatches = _per_point(pattern.get("shape") if isinstance(pattern, dict) else None, count)
    titles = (hover_texts(trace, count) if hover else None) or [""] * count
    zero = value_px(max(low, 0.0))
    for i, (value, colour, hatch, title) in enumerate(
        zip(values, colours, hatches, titles, strict=True)
    ):
        if not np.isfinite(value):
            continue
        end, middle = value_px(float(value)), place_px(i)
        if horizontal:
            x, y, w, h = min(zero, end), middle - thickness / 2, abs(end - zero), thickness
        else:
            x, y, w, h = middle - thickness / 2, min(zero, end), thickness, abs(end - zero)
        box = f'x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"'
        out.append(_titled(f"<rect {box} {_paint(colour, 'fill')}/>", title))
        if hatch:
            out.append(f'<rect {box} fill="url(#bar-hatch)" pointer-events="none"/>')
    line_colour = layout.xaxis.linecolor or "#767676"
    if horizontal:
        out.append(
            f'<line x1="{left:.2f}" y1="{top:.2f}" x2="{left:.2f}" y2="{bottom:.2f}" '
            f'stroke="{line_colour}" stroke-width="1"/>'
        )
        for i, name in enumerate(names):
            weight = {"font_weight": "bold"} if "<b>" in name else {}
            out.append(
                _text(
                    left - 5,
                    place_px(i) + small * 0.35,
                    plain_text(name),
                    small,
                    "#1A1A1A",
                    text_anchor="end",
                    **weight,
                )
            )
    else:
        out.append(
            f'<line x1="{left:.2f}" y1="{bottom:.2f}" x2="{right:.2f}" y2="{bottom:.2f}" '
            f'stroke="{line_colour}" stroke-width="1"/>'
        )
        for rank in nice_ticks(1, count, 4):
            if 1 <= rank <= count:
                out.append(
                    _text(
                        place_px(rank - 1),
                        bottom + small * 1.2,
                        f"{rank:g}",
                        small,
                        "#1A1A1A",
                        text_anchor="middle",
                    )
                )
    for shape in layout.shapes or ():
        if horizontal:
            x1 = x2 = value_px(float(shape.x0))
            y1, y2 = top, bottom
        else:
            x1, x2 = left, right
            y1 = y2 = value_px(float(shape.y0))
        dash = ' stroke-dasharray="6,4"' if shape.line and shape.line.dash == "dash" else ""
        out.append(
            f'<line x1="{x1:.2f}" y1="{y1:.2f}" x2="{x2:.2f}" y2="{y2:.2f}" '
            f"{_paint(shape.line.color or '#000000', 'stroke')} "
            f'stroke-width="{shape.line.width or 2}"{dash} pointer-events="none"/>'
        )
    out += _annotations(layout, names, value_px, place_px, horizontal, small, right, top)
    titles_x = layout.xaxis.title.text if layout.xaxis.title else ""
    titles_y = layout.yaxis.title.text if layout.yaxis.title else ""
    if titles_x:
        out.append(
            _text(
                (left + right) / 2,
                height - PAD - small * 0.3,
                plain_text(titles_x),
                small,
                "#767676",
                text_anchor="middle",
            )
        )
    if titles_y and not horizontal:
        x, y = PAD + small, (top + bottom) / 2
        out.append(
            _text(
                x,
                y,
                plain_text(titles_y),
                small,
                "#767676",
                text_anchor="middle",
                transform=f"rotate(-90 {x:.2f} {y:.2f})",
            )
        )
    out.append("</svg>")
    return "".join(out)


def _annotations(
    layout: Any,
    names: list[str],
    value_px: Any,
    place_px: Any,
    horizontal: bool,
    small: float,
    right: float,
    top: float,
) -> list[str]:
    """Value labels right of their bars, focus names above theirs with an arrow, and the
    national line's label above the plot at the right."""
    out: list[str] = []
    rows = {name: i for i, name in enumerate(names)}
    for note in layout.annotations or ():
        text = plain_text(note.text)
        size = float(note.font.size or small) if note.font else small
        if note.xref == "paper":
            out += _label_box(right, top - 4, text, size, note, "end")
        elif horizontal:
            x = value_px(float(note.x)) + float(note.xshift or 0)
            y = place_px(rows.get(str(note.y), 0)) + size * 0.35
            out += _label_box(x, y, text, size, note, "start")
        else:
            x, y = place_px(float(note.x) - 1), value_px(float(note.y))
            lift = -float(note.ay if note.ay is not None else -30)
            out.append(
                f'<line x1="{x:.2f}" y1="{y - lift + 4:.2f}" x2="{x:.2f}" y2="{y - 3:.2f}" '
                'stroke="#1A1A1A" stroke-width="1.5" pointer-events="none"/>'
            )
            out.append(
                f'<path d="M{x - 3.5:.2f},{y - 8:.2f}L{x + 3.5:.2f},{y - 8:.2f}L{x:.2f},'
                f'{y - 2:.2f}Z" fill="#1A1A1A"/>'
            )
            out += _label_box(x, y - lift, text, size, note, "middle")
    return out
