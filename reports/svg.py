"""A plotly figure (the screen's chart definition) drawn as a static SVG text, in Python.

The report's charts are the figures the pages show (`dashboard.charts_profile.indicator_trend`,
`dashboard.charts.funnel_plot`, `dashboard.charts_profile.members_map`), so colours, bands, line
styles, marker shapes, axis ticks, trend-break lines, legend names and map colour scales are
decided in one place. Plotly itself can only export an image through kaleido, which drives a
Chromium at run time (seconds per start, a browser on the server); the figures use a small part
of plotly (scatter traces with lines, markers, text and `fill: toself`, vertical line shapes,
annotations, linear or log axes with given ticks; choropleth traces on inline GeoJSON with a
colour scale and bar), and this module draws exactly that part (`figure_svg`, `map_svg`).
Anything else raises `UnsupportedFigure`, so a chart that grows a new feature fails loudly
instead of being drawn wrong. The figure's property dicts are read directly (`_Props`), not
through plotly's attribute machinery, which cost most of the drawing time.

Texts in a figure are Plotly text (names HTML-escaped by `dashboard.markup.plotly_text`); they
are turned back into plain text and XML-escaped here, so a region name is always text in the
SVG, never markup.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import numpy as np
import plotly.graph_objects as go

from dashboard.formatting import format_number
from reports.hover import hover_texts

# DejaVu Sans first (the report embeds it); a browser without it uses a sans-serif like it
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
CHAR_WIDTH = 0.58  # average glyph width of the font, in em
# Bold glyphs are wider: DejaVu Sans Bold measured 0.56-0.62 em per character over the
# indicators' titles in Chromium; the margin covers Verdana Bold, the fallback without DejaVu.
BOLD_CHAR_WIDTH = 0.66
LEGEND_SCALE = 0.85  # legend text relative to tick text: many entries, a narrow column
DASHES = {"solid": None, "dash": (6.0, 4.0), "dot": (1.5, 3.0), "dashdot": (6.0, 3.0, 1.5, 3.0)}
# Classes naming the parts a test measures in a browser: x tick labels and the legend group.
X_TICK = {"class": "xtick"}
TAG = re.compile(r"<[^>]*>")
RGBA = re.compile(r"rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)")
SUPPORTED_SYMBOLS = ("circle", "triangle-up", "triangle-down", "diamond", "square")
EXTRA_SYMBOLS = ("cross", "x", "star")


# Properties that hold an object (a dict) in plotly's figure schema, as far as the drawn part
# uses them: reading one that is unset gives an empty object, as plotly's attribute access does.
OBJECT_PROPERTIES = frozenset(
    {
        "colorbar",
        "error_y",
        "font",
        "geo",
        "legend",
        "line",
        "marker",
        "projection",
        "textfont",
        "tickfont",
        "title",
        "xaxis",
        "yaxis",
    }
)
LIST_PROPERTIES = frozenset({"annotations", "shapes"})


class _Props:
    """Read-only attribute view of a plotly property dict: `trace.marker.line.color` as plotly
    answers it (None when unset; the template is not applied, as with plotly's attribute access),
    without plotly's property machinery, which costs about 10 µs a step and was most of the time
    of drawing a chart."""

    __slots__ = ("_props",)

    def __init__(self, props: object) -> None:
        self._props: dict[str, Any] = props if isinstance(props, dict) else {}

    def __getattr__(self, name: str) -> Any:
        value = self._props.get(name)
        if name in OBJECT_PROPERTIES:
            return _Props(value)
        if name in LIST_PROPERTIES and value is not None:
            return [_Props(item) for item in value]
        return value

    def __bool__(self) -> bool:
        return bool(self._props)


#: A figure's traces and layout as the plain dicts `dashboard.charts.figure` builds it from.
FigureParts = tuple[Sequence[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class _View:
    """A figure's traces and layout as `_Props`."""

    data: tuple[_Props, ...]
    layout: _Props

    @classmethod
    def of(cls, fig: go.Figure | FigureParts) -> _View:
        # the figure's own property dicts (what plotly's attribute access reads)
        data, layout = (fig._data, fig._layout) if isinstance(fig, go.Figure) else fig
        return cls(tuple(_Props(t) for t in data), _Props(layout))


class UnsupportedFigure(ValueError):
    """The figure uses a plotly feature this renderer does not draw."""


def plain_text(plotly_text: object) -> str:
    """Plotly text (`A &amp; B<br>`) as plain text (`A & B `)."""
    return html.unescape(TAG.sub(" ", str(plotly_text))).strip()


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width (px) of `text` at font `size`, bold or regular."""
    return len(text) * size * (BOLD_CHAR_WIDTH if bold else CHAR_WIDTH)


def _paint(colour: object, attribute: str) -> str:
    """`fill="#..."` or `stroke="#..."`, with an opacity attribute for rgba colours."""
    text = str(colour)
    match = RGBA.fullmatch(text.strip())
    if match:
        r, g, b, a = match.groups()
        return (
            f'{attribute}="rgb({int(float(r))},{int(float(g))},{int(float(b))})" '
            f'{attribute}-opacity="{float(a):g}"'
        )
    return f'{attribute}="{xml_escape(text, {chr(34): "&quot;"})}"'


def _numbers(values: object) -> np.ndarray:
    """Trace coordinates as floats; None and missing become NaN (a gap)."""
    if values is None:
        return np.array([], dtype=float)
    return np.array(
        [np.nan if v is None else float(v) for v in np.asarray(values, dtype=object)], dtype=float
    )


def _per_point(value: object, count: int) -> list[Any]:
    """A marker property that plotly allows as one value or one per point, as a list."""
    if isinstance(value, str) or value is None or not isinstance(value, Iterable):
        return [value] * count
    items = list(value)
    return items if len(items) == count else [items[0] if items else None] * count


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten (no 2,5,
    whose labels would need an extra digit), the step whose count is nearest `target`."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low] if math.isfinite(low) else []
    power = 10 ** math.floor(math.log10((high - low) / max(target - 1, 1)))

    def count(step: float) -> int:
        return math.floor(high / step + 1e-9) - math.ceil(low / step - 1e-9) + 1

    step = min((m * power for m in (1, 2, 5, 10)), key=lambda s: abs(count(s) - target))
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(count(step))]


def _step_decimals(ticks: Sequence[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0


@dataclass(frozen=True)
class _Axis:
    """One axis mapped onto pixels: data value -> pixel, with its ticks."""

    low: float
    high: float
    start: float
    end: float
    is_log: bool
    ticks: tuple[float, ...]
    labels: tuple[str, ...]

    def to_pixel(self, value: float) -> float:
        v = math.log10(value) if self.is_log else value
        if self.is_log and not math.isfinite(v):
            return math.nan
        return self.start + (v - self.low) / (self.high - self.low) * (self.end - self.start)


def _axis_range(spec: Any, values: np.ndarray, is_log: bool, tozero: bool) -> tuple[float, float]:
    if spec.range is not None:
        low, high = (float(v) for v in spec.range)
        return low, high
    data = values[np.isfinite(values)]
    if is_log:
        data = np.log10(data[data > 0])
    if data.size == 0:
        return (0.0, 1.0)
    low, high = float(data.min()), float(data.max())
    if tozero:
        low, high = min(low, 0.0), max(high, 0.0)
    pad = 0.05 * (high - low) if high > low else max(abs(high) * 0.1, 1.0)
    return (low if tozero and low == 0 else low - pad), high + pad


def _tick_labels(spec: Any, ticks: Sequence[float], decimals: int | None) -> list[str]:
    if spec.ticktext is not None:
        return [plain_text(t) for t in spec.ticktext]
    places = decimals if decimals is not None else _step_decimals(ticks)
    return [format_number(t, places) for t in ticks]


def _format_decimals(tickformat: str | None) -> int | None:
    match = re.search(r"\.(\d+)f", tickformat or "")
    return int(match.group(1)) if match else None


def _check_supported(fig: _View) -> None:
    for trace in fig.data:
        if trace.type != "scatter":
            raise UnsupportedFigure(f"trace type {trace.type!r}")
        if trace.fill not in (None, "none", "toself"):
            raise UnsupportedFigure(f"fill {trace.fill!r}")
    for shape in fig.layout.shapes or ():
        if shape.type != "line":
            raise UnsupportedFigure(f"shape type {shape.type!r}")


def _marker_path(symbol: str, x: float, y: float, size: float) -> str:
    """SVG path of one marker (size is plotly's: the diameter in pixels)."""
    r = size / 2
    if symbol in EXTRA_SYMBOLS:
        return _extra_symbol_path(symbol, x, y, r)
    if symbol == "triangle-up":
        return f"M{x:.2f},{y - r:.2f}L{x + r:.2f},{y + r * 0.8:.2f}L{x - r:.2f},{y + r * 0.8:.2f}Z"
    if symbol == "triangle-down":
        return f"M{x:.2f},{y + r:.2f}L{x + r:.2f},{y - r * 0.8:.2f}L{x - r:.2f},{y - r * 0.8:.2f}Z"
    if symbol == "diamond":
        return f"M{x:.2f},{y - r:.2f}L{x + r:.2f},{y:.2f}L{x:.2f},{y + r:.2f}L{x - r:.2f},{y:.2f}Z"
    if symbol == "square":
        return f"M{x - r:.2f},{y - r:.2f}h{size:.2f}v{size:.2f}h{-size:.2f}Z"
    arc = f"a{r:.2f},{r:.2f} 0 1,0"
    return f"M{x - r:.2f},{y:.2f}{arc} {size:.2f},0{arc} {-size:.2f},0Z"


def _extra_symbol_path(symbol: str, x: float, y: float, r: float) -> str:
    """SVG path of a plus (`cross`), a diagonal cross (`x`) or a five-pointed `star` centred on
    (x, y), with plotly's proportions for the radius `r` (half the marker size)."""
    if symbol == "cross":
        outer, inner = r * 1.2, r * 0.4
        corners = [
            (outer, inner), (inner, inner), (inner, outer), (-inner, outer), (-inner, inner),
            (-outer, inner), (-outer, -inner), (-inner, -inner), (-inner, -outer),
            (inner, -outer), (inner, -inner), (outer, -inner),
        ]  # fmt: skip
    elif symbol == "x":
        d = r * 0.8 / math.sqrt(2)
        corners = [
            (0, d), (d, 2 * d), (2 * d, d), (d, 0), (2 * d, -d), (d, -2 * d), (0, -d),
            (-d, -2 * d), (-2 * d, -d), (-d, 0), (-2 * d, d), (-d, 2 * d),
        ]  # fmt: skip
    else:
        s = r * 1.4
        corners = [
            (s * 0.225, -s * 0.309), (s * 0.951, -s * 0.309), (s * 0.363, s * 0.118),
            (s * 0.588, s * 0.809), (0, s * 0.382), (-s * 0.588, s * 0.809),
            (-s * 0.363, s * 0.118), (-s * 0.951, -s * 0.309), (-s * 0.225, -s * 0.309),
            (0, -s),
        ]  # fmt: skip
    return "M" + "L".join(f"{x + dx:.2f},{y + dy:.2f}" for dx, dy in corners) + "Z"


def marker_diameters(marker: Any, count: int) -> list[float]:
    """The drawn diameter (px) of each of `count` markers, as plotly sizes them: `size` as it
    is, or with `sizeref` (and `sizemode: "area"`, the size then proportional to the area)
    the radius `sqrt(size / 2 / sizeref)` (`size / 2 / sizeref` by diameter), at least
    `sizemin`; a size of 0 or less is not drawn (0)."""
    sizes = _per_point(marker.size if marker.size is not None else 6, count)
    if marker.sizeref is None and marker.sizemin is None and marker.sizemode is None:
        return [float(size) for size in sizes]
    ref, least = float(marker.sizeref or 1), float(marker.sizemin or 0)
    by_area = marker.sizemode == "area"

    def diameter(size: object) -> float:
        half = float(size) / 2 if size is not None else math.nan  # type: ignore[arg-type]
        radius = math.sqrt(half / ref) if by_area and half > 0 else half / ref
        return 2 * max(radius, least) if radius > 0 else 0.0

    return [diameter(size) for size in sizes]


def _error_arrays(trace: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """The trace's error bars above and below each value (None without shown bars)."""
    bars = trace.error_y
    if not bars or bars.visible is False or bars.array is None:
        return None
    upper = _numbers(bars.array)
    return upper, _numbers(bars.arrayminus) if bars.arrayminus is not None else upper


def _error_extent(trace: Any) -> np.ndarray:
    """The trace's y values and the ends of its error bars (for the axis range)."""
    ys = _numbers(trace.y)
    arrays = _error_arrays(trace)
    if arrays is None:
        return ys
    upper, lower = arrays
    return np.concatenate([ys, ys + upper, ys - lower])


def _error_bars(trace: Any, xs: np.ndarray, y_axis: _Axis) -> list[str]:
    """Vertical error bars (plotly `error_y` of type `data`): a line from value - arrayminus
    to value + array, with a crossbar `width` px to each side."""
    arrays = _error_arrays(trace)
    if arrays is None:
        return []
    bars = trace.error_y
    if bars.type not in (None, "data"):
        raise UnsupportedFigure(f"error_y type {bars.type!r}")
    values = _numbers(trace.y)
    upper, lower = arrays
    half = float(bars.width if bars.width is not None else 4)
    paint = f'{_paint(bars.color or "#444444", "stroke")} stroke-width="{bars.thickness or 2:g}"'
    parts = []
    for x, value, up, down in zip(xs, values, upper, lower, strict=True):
        if not all(math.isfinite(v) for v in (x, value, up, down)):
            continue
        high, low = y_axis.to_pixel(value + up), y_axis.to_pixel(value - down)
        parts.append(
            f'<path d="M{x:.2f},{low:.2f}V{high:.2f}M{x - half:.2f},{high:.2f}h{2 * half:.2f}'
            f'M{x - half:.2f},{low:.2f}h{2 * half:.2f}" fill="none" {paint}/>'
        )
    return parts


@dataclass(frozen=True)
class _Outline:
    """A marker's outline (plotly `marker.line`), read once per trace: attribute access on a
    plotly object is slow and a funnel has hundreds of markers."""

    width: float | None
    colour: object

    @classmethod
    def of(cls, line: Any) -> _Outline:
        if line is None:
            return cls(None, None)
        return cls(None if line.width is None else float(line.width), line.color)


def _marker(symbol: object, x: float, y: float, size: float, colour: object, line: _Outline) -> str:
    name = str(symbol or "circle")
    is_open = name.endswith("-open")
    shape = name.removesuffix("-open")
    if shape not in SUPPORTED_SYMBOLS + EXTRA_SYMBOLS:
        raise UnsupportedFigure(f"marker symbol {name!r}")
    path = _marker_path(shape, x, y, size)
    width = line.width if line.width is not None else (1.0 if is_open else 0.0)
    if is_open:
        return (
            f'<path d="{path}" fill="white" {_paint(colour, "stroke")} stroke-width="{width:g}"/>'
        )
    stroke = (
        f' {_paint(line.colour, "stroke")} stroke-width="{width:g}"'
        if line.colour is not None and width
        else ""
    )
    return f'<path d="{path}" {_paint(colour, "fill")}{stroke}/>'


def _titled(element: str, title: str) -> str:
    """A self-closing element with `title` as its tooltip (unchanged without a title)."""
    if not title:
        return element
    tag = element[1:].split(" ", 1)[0]
    return f"{element.removesuffix('/>')}><title>{xml_escape(title)}</title></{tag}>"


def _runs(xs: np.ndarray, ys: np.ndarray) -> list[list[tuple[float, float]]]:
    """Point runs separated by missing coordinates (a gap is never bridged)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, ys, strict=True):
        if math.isfinite(x) and math.isfinite(y):
            runs[-1].append((x, y))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _dash(line: Any) -> str:
    pattern = DASHES.get(str(line.dash or "solid"))
    if pattern is None:
        return ""
    width = float(line.width or 2)
    return f' stroke-dasharray="{" ".join(f"{p * max(width, 1) / 2:g}" for p in pattern)}"'


def _legend_items(fig: _View) -> list[Any]:
    if fig.layout.showlegend is False:
        return []
    return [t for t in fig.data if t.showlegend is not False and t.name]


def _legend_sample(trace: Any, x: float, y: float, size: float) -> str:
    parts = []
    mode = str(trace.mode or "")
    if "lines" in mode and trace.line.width != 0:
        parts.append(
            f'<line x1="{x:.2f}" y1="{y:.2f}" x2="{x + 2 * size:.2f}" y2="{y:.2f}" '
            f'{_paint(trace.line.color, "stroke")} stroke-width="{trace.line.width or 2}"'
            f"{_dash(trace.line)}/>"
        )
    if "markers" in mode:
        symbols = _per_point(trace.marker.symbol, max(len(_numbers(trace.x)), 1))
        colours = _per_point(trace.marker.color, max(len(_numbers(trace.x)), 1))
        outline = _Outline.of(trace.marker.line)
        parts.append(_marker(symbols[0], x + size, y, size * 0.7, colours[0], outline))
    return "".join(parts)


def _legend_rows(
    items: list[Any], width: float, size: float, indent: float = 0.0
) -> list[list[tuple[Any, float]]]:
    """Legend entries flowed into rows that fit `width`, the first row starting `indent` px in
    (after the legend's title): (trace, entry width) per entry."""
    rows: list[list[tuple[Any, float]]] = [[]]
    used = indent
    for trace in items:
        entry = 2.6 * size + _text_width(plain_text(trace.name), size) + size
        if rows[-1] and used + entry > width:
            rows.append([])
            used = 0.0
        rows[-1].append((trace, entry))
        used += entry
    return [row for row in rows if row]


def _legend_title(legend: Any) -> str:
    """The legend's title (plotly `legend.title.text`) as plain text, '' without one."""
    return plain_text(legend.title.text) if legend and legend.title and legend.title.text else ""


def _over_the_plot(note: Any) -> bool:
    """Whether an annotation labels a vertical line from above the plot (only its x is in data
    units, the trend-break labels), rather than sitting at a data point (x and y)."""
    return note.y is None or note.yref == "paper"


def _data_annotation(note: Any, x: float, y: float, small: float, colour: str) -> str:
    """An annotation without an arrow at a data point, anchored as its `xanchor` says."""
    if note.showarrow is not False:
        raise UnsupportedFigure("annotation with an arrow at a data point")
    anchor = {"left": "start", "right": "end"}.get(str(note.xanchor), "middle")
    size = float(note.font.size or small) if note.font else small
    fill = str(note.font.color or colour) if note.font else colour
    return _text(x, y + size * 0.35, plain_text(note.text), size, fill, text_anchor=anchor)


def _text(x: float, y: float, text: str, size: float, colour: str, **attrs: str) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{value}"' for key, value in attrs.items())
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:g}" fill="{colour}"{extra}>'
        f"{xml_escape(text)}</text>"
    )


def figure_svg(
    figure: go.Figure | FigureParts, width: float, height: float, hover: bool = False
) -> str:
    """Draw a scatter figure as an SVG document of `width` x `height` pixels.

    Args:
        figure: A figure of the dashboard's chart functions (scatter traces only), or its
            parts as `dashboard.charts.figure` takes them: a chart that is only ever drawn
            here skips building the plotly figure, which costs more than the drawing.
        width: Width in pixels (the report scales the image to its column).
        height: Height in pixels (replaces the layout's screen height).
        hover: Give every marker its plotly hover text as a `<title>` (a tooltip where the SVG
            is inline in a page; `reports.hover`).

    Returns:
        The SVG text.

    Raises:
        UnsupportedFigure: the figure uses a feature this renderer does not draw.
    """
    fig = _View.of(figure)
    _check_supported(fig)
    layout = fig.layout
    base = float(layout.font.size or 14)
    text_colour = str(layout.font.color or "#1A1A1A")
    small = base * 0.8
    title = plain_text(layout.title.text) if layout.title and layout.title.text else ""
    title_size = float(layout.title.font.size or base + 1) if title else 0.0
    if title:  # a long title shrinks to the width (bold, so BOLD_CHAR_WIDTH)
        title_size = min(title_size, (width - 8) / (len(title) * BOLD_CHAR_WIDTH))

    xspec, yspec = layout.xaxis, layout.yaxis
    x_log, y_log = xspec.type == "log", yspec.type == "log"
    if y_log:
        raise UnsupportedFigure("log value axis")
    xs_all = np.concatenate([_numbers(t.x) for t in fig.data] or [np.array([])])
    ys_all = np.concatenate([_error_extent(t) for t in fig.data] or [np.array([])])
    x_low, x_high = _axis_range(xspec, xs_all, x_log, False)
    if xspec.range is None and xspec.tickvals and not x_log:
        ticks = [float(v) for v in xspec.tickvals]
        pad = 0.04 * (max(ticks) - min(ticks) or 1)
        x_low, x_high = min(x_low, min(ticks) - pad), max(x_high, max(ticks) + pad)
    y_low, y_high = _axis_range(yspec, ys_all, False, yspec.rangemode == "tozero")

    # the layout's nticks (the Overzicht sparklines ask for 3) is the target count
    y_ticks = nice_ticks(y_low, y_high, int(yspec.nticks) if yspec.nticks else 5)
    y_labels = _tick_labels(yspec, y_ticks, _format_decimals(yspec.tickformat))
    given = [float(v) for v in xspec.tickvals or ()]
    x_ticks = given or nice_ticks(x_low, x_high)
    x_labels = _tick_labels(xspec, x_ticks, None)
    angle = float(xspec.tickangle or 0)
    tick_size = float(xspec.tickfont.size or small) if xspec.tickfont else small

    legend = _legend_items(fig)
    legend_size = small * LEGEND_SCALE
    legend_title = _legend_title(layout.legend) if legend else ""
    title_room = _text_width(legend_title, legend_size) + legend_size if legend_title else 0.0
    legend_rows = _legend_rows(legend, width - 10, legend_size, title_room)
    legend_height = len(legend_rows) * legend_size * 1.45
    legend_on_top = layout.legend.y is not None and layout.legend.y >= 1

    y_title = plain_text(yspec.title.text) if yspec.title and yspec.title.text else ""
    x_title = plain_text(xspec.title.text) if xspec.title and xspec.title.text else ""
    longest_x = max((_text_width(t, tick_size) for t in x_labels), default=0.0)
    x_label_height = (
        longest_x * abs(math.sin(math.radians(angle))) + tick_size if angle else tick_size * 1.4
    )
    left = (
        6
        + (small * 1.4 if y_title else 0)
        + max((_text_width(t, small) for t in y_labels), default=0)
    )
    left = max(left, longest_x * abs(math.cos(math.radians(angle))) * 0.9 if angle else left)
    top = 6 + (title_size * 1.5 if title else 0) + (legend_height if legend_on_top else 0)
    top += small * 1.4 if any(_over_the_plot(note) for note in layout.annotations or ()) else 0
    bottom = 6 + x_label_height + (small * 1.6 if x_title else 0)
    bottom += 0 if legend_on_top else legend_height + 4
    # room for half of a flat x label centred on the axis' right end (plotly keeps such a
    # label inside the figure by its right margin)
    last_x_half = _text_width(x_labels[-1], tick_size) / 2 if x_labels and not angle else 0.0
    right = max(12.0, last_x_half + 2)
    x_axis = _Axis(x_low, x_high, left, width - right, x_log, tuple(x_ticks), tuple(x_labels))
    y_axis = _Axis(y_low, y_high, height - bottom, top, False, tuple(y_ticks), tuple(y_labels))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family="{FONT_FAMILY}">',
        f'<rect width="{width:g}" height="{height:g}" fill="white"/>',
        f'<clipPath id="plot"><rect x="{left:.2f}" y="{top:.2f}" '
        f'width="{width - right - left:.2f}" height="{height - bottom - top:.2f}"/></clipPath>',
    ]
    if title:
        out.append(_text(4, 4 + title_size, title, title_size, text_colour, font_weight="bold"))
    grid = str(yspec.gridcolor or "#D9D9D9")
    for value, label in zip(y_ticks, y_labels, strict=False):
        py = y_axis.to_pixel(value)
        out.append(
            f'<line x1="{left:.2f}" y1="{py:.2f}" x2="{width - right:.2f}" y2="{py:.2f}" '
            f'stroke="{grid}" stroke-width="1"/>'
        )
        out.append(_text(left - 4, py + small * 0.35, label, small, text_colour, text_anchor="end"))
    axis_y = height - bottom
    out.append(
        f'<line x1="{left:.2f}" y1="{axis_y:.2f}" x2="{width - right:.2f}" y2="{axis_y:.2f}" '
        f'stroke="{xspec.linecolor or grid}" stroke-width="1"/>'
    )
    free_from = -math.inf  # flat tick labels: skip one that would overlap the one before
    for value, label in zip(x_ticks, x_labels, strict=False):
        px = x_axis.to_pixel(value)
        if not math.isfinite(px) or px < left - 1 or px > width - right + 1:
            continue
        half = _text_width(label, tick_size) / 2
        if not angle and px - half < free_from:
            continue
        free_from = px + half + tick_size * 0.5
        ty = axis_y + tick_size * 1.1
        if angle:
            out.append(
                _text(
                    px,
                    ty,
                    label,
                    tick_size,
                    text_colour,
                    text_anchor="end",
                    transform=f"rotate({angle:g} {px:.2f} {ty:.2f})",
                    **X_TICK,
                )
            )
        else:
            out.append(_text(px, ty, label, tick_size, text_colour, text_anchor="middle", **X_TICK))
    if y_title:
        cy = (top + axis_y) / 2
        title_fit = min(small, (axis_y - top) / max(len(y_title) * CHAR_WIDTH, 1))
        out.append(
            _text(
                small,
                cy,
                y_title,
                title_fit,
                text_colour,
                text_anchor="middle",
                transform=f"rotate(-90 {small:.2f} {cy:.2f})",
            )
        )
    if x_title:
        out.append(
            _text(
                (left + width - right) / 2,
                axis_y + x_label_height + small * 1.3,
                x_title,
                small,
                text_colour,
                text_anchor="middle",
            )
        )

    out.append('<g clip-path="url(#plot)">')
    for trace in fig.data:
        out.extend(_trace(trace, x_axis, y_axis, hover))
    out.append("</g>")
    for shape in layout.shapes or ():
        out.append(_shape(shape, x_axis, y_axis))
    for note in layout.annotations or ():
        px = x_axis.to_pixel(float(note.x))
        if not _over_the_plot(note):
            out.append(
                _data_annotation(note, px, y_axis.to_pixel(float(note.y)), small, text_colour)
            )
            continue
        out.append(
            _text(
                px,
                top - 2,
                plain_text(note.text),
                float(note.font.size or small) if note.font else small,
                str(note.font.color or text_colour) if note.font else text_colour,
                text_anchor="middle",
            )
        )
    legend_top = (top - legend_height) if legend_on_top else (height - legend_height)
    out.append('<g class="legend">')
    if legend_title:
        ly = legend_top + 0.5 * legend_size * 1.45 + legend_size * 0.35
        out.append(_text(4, ly, legend_title, legend_size, text_colour))
    for number, row in enumerate(legend_rows):
        ly = legend_top + (number + 0.5) * legend_size * 1.45
        lx = 4.0 + (title_room if number == 0 else 0.0)
        for trace, entry in row:
            out.append(_legend_sample(trace, lx, ly, legend_size))
            label = plain_text(trace.name)
            out.append(
                _text(
                    lx + 2.4 * legend_size, ly + legend_size * 0.35, label, legend_size, text_colour
                )
            )
            lx += entry
    out.append("</g></svg>")
    return "".join(out)


def _trace(trace: Any, x_axis: _Axis, y_axis: _Axis, hover: bool = False) -> list[str]:
    """The SVG elements of one scatter trace: fill, line, markers, text."""
    xs = np.array([x_axis.to_pixel(v) for v in _numbers(trace.x)], dtype=float)
    ys = np.array([y_axis.to_pixel(v) for v in _numbers(trace.y)], dtype=float)
    mode = str(trace.mode or "lines+markers")
    parts: list[str] = []
    runs = _runs(xs, ys)
    if trace.fill == "toself":
        for run in runs:
            points = " ".join(f"{x:.2f},{y:.2f}" for x, y in run)
            parts.append(f'<polygon points="{points}" {_paint(trace.fillcolor, "fill")}/>')
    if "lines" in mode and trace.line.width != 0:
        for run in runs:
            points = " ".join(f"{x:.2f},{y:.2f}" for x, y in run)
            parts.append(
                f'<polyline points="{points}" fill="none" {_paint(trace.line.color, "stroke")} '
                f'stroke-width="{trace.line.width or 2}" stroke-linejoin="round"'
                f"{_dash(trace.line)}/>"
            )
    count = len(xs)
    if "markers" in mode:
        parts += _error_bars(trace, xs, y_axis)
    if "markers" in mode and count:
        marker = trace.marker
        symbols = _per_point(marker.symbol, count)
        sizes = marker_diameters(marker, count)
        colours = _per_point(marker.color, count)
        opacity = f' opacity="{marker.opacity:g}"' if marker.opacity is not None else ""
        outline = _Outline.of(marker.line)
        titles = (hover_texts(trace, count) if hover else None) or [""] * count
        parts.append(f"<g{opacity}>")
        for x, y, symbol, size, colour, title in zip(
            xs, ys, symbols, sizes, colours, titles, strict=True
        ):
            if math.isfinite(x) and math.isfinite(y) and size > 0:
                parts.append(_titled(_marker(symbol, x, y, float(size), colour, outline), title))
        parts.append("</g>")
    if "text" in mode and trace.text is not None and count:
        size = float(trace.textfont.size or 12) if trace.textfont else 12.0
        colour = str(trace.textfont.color or "#1A1A1A") if trace.textfont else "#1A1A1A"
        marker_size = float(_per_point(trace.marker.size, count)[0] or 6)
        left, right = sorted((x_axis.start, x_axis.end))
        for x, y, label in zip(xs, ys, _per_point(trace.text, count), strict=True):
            if math.isfinite(x) and math.isfinite(y):
                text = plain_text(label)
                # centred over its point, but moved inwards as far as it needs to stay in the
                # plot (a point at the right edge lost half its name)
                half = _text_width(text, size, bold=True) / 2
                centre = min(max(x, left + half), right - half) if right - left > 2 * half else x
                parts.append(
                    _text(
                        centre,
                        y - marker_size / 2 - 3,
                        text,
                        size,
                        colour,
                        text_anchor="middle",
                        font_weight="bold",
                    )
                )
    return parts


def _shape(shape: Any, x_axis: _Axis, y_axis: _Axis) -> str:
    """A line shape; x in data units, y in data units or as a share of the plot (`paper`)."""

    def y_pixel(value: float) -> float:
        if shape.yref == "paper":
            return y_axis.start + value * (y_axis.end - y_axis.start)
        return y_axis.to_pixel(value)

    def x_pixel(value: float) -> float:
        if shape.xref == "paper":
            return x_axis.start + value * (x_axis.end - x_axis.start)
        return x_axis.to_pixel(value)

    line = shape.line
    return (
        f'<line x1="{x_pixel(float(shape.x0)):.2f}" y1="{y_pixel(float(shape.y0)):.2f}" '
        f'x2="{x_pixel(float(shape.x1)):.2f}" y2="{y_pixel(float(shape.y1)):.2f}" '
        f'{_paint(line.color or "#595959", "stroke")} stroke-width="{line.width or 1}"'
        f"{_dash(line)}/>"
    )


# --- maps ----------------------------------------------------------------------------------

HATCH_COLOUR = "#595959"
PROJECTIONS = (None, "equirectangular", "mercator")


def _project(lon: np.ndarray, lat: np.ndarray, projection: str | None) -> np.ndarray:
    """Longitude/latitude (degrees) -> plane coordinates of the projection (y up)."""
    x = np.radians(lon)
    if projection == "mercator":
        y = np.log(np.tan(np.pi / 4 + np.radians(np.clip(lat, -85.0, 85.0)) / 2))
    else:
        y = np.radians(lat)
    return np.column_stack([x, y])


def _rings(geometry: dict[str, Any]) -> list[list[Any]]:
    """The rings of a Polygon or MultiPolygon (exterior and holes alike)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return list(geometry["coordinates"])
    if kind == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    raise UnsupportedFigure(f"geometry type {kind!r}")


def _colour_at(scale: Sequence[Sequence[Any]], position: float) -> str:
    """The colour at `position` (0..1) of a plotly colour scale, interpolated in RGB as
    plotly does."""
    return colour_between(colour_stops(scale), position)


#: A colour scale read once: (position, (r, g, b)) per stop.
ColourStops = list[tuple[float, tuple[int, int, int]]]


def colour_stops(scale: Sequence[Sequence[Any]]) -> ColourStops:
    """A plotly colour scale's stops as numbers (for many colours from one scale)."""
    return [(float(p), _rgb(c)) for p, c in scale]


def colour_between(stops: ColourStops, position: float) -> str:
    """The colour at `position` (0..1) between the `stops`, interpolated in RGB."""
    position = min(max(position, stops[0][0]), stops[-1][0])
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if position <= p1:
            t = 0.0 if p1 == p0 else (position - p0) / (p1 - p0)
            r, g, b = (round(a + (z - a) * t) for a, z in zip(c0, c1, strict=True))
            return f"#{r:02X}{g:02X}{b:02X}"
    r, g, b = stops[-1][1]
    return f"#{r:02X}{g:02X}{b:02X}"


def _is_transparent(scale: Sequence[Sequence[Any]]) -> bool:
    """Whether every stop of a colour scale is fully transparent (`rgba(0,0,0,0)`: a trace
    that only outlines its regions, as the focus outline of the comparison map)."""
    alphas = [RGBA.fullmatch(str(colour).strip()) for _, colour in scale]
    return all(match is not None and float(match.group(4)) == 0 for match in alphas)


@lru_cache(maxsize=1024)
def _rgb(colour: object) -> tuple[int, int, int]:
    """(r, g, b) of a `#RRGGBB`, `rgb(...)` or `rgba(...)` colour (a few distinct colours
    are read for every region and cell, so each is parsed once)."""
    text = str(colour).strip()
    if text.startswith("#") and len(text) == 7:
        return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)
    match = re.fullmatch(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)[^)]*\)", text)
    if match is None:
        raise UnsupportedFigure(f"colour {text!r}")
    r, g, b = (round(float(v)) for v in match.groups())
    return r, g, b


@dataclass(frozen=True)
class _Region:
    """One location of a choropleth trace: its rings in plane coordinates and its paint."""

    rings: tuple[np.ndarray, ...]
    fill: str
    stroke: object
    stroke_width: float
    hatched: bool
    title: str = ""


def _choropleth_regions(
    trace: Any, projection: str | None, hatched: bool, hover: bool = False
) -> tuple[list[_Region], tuple[float, float] | None]:
    """The trace's locations as projected regions (with their hover text if asked), and its
    colour range (None without z)."""
    features = {f.get("id"): f for f in (trace.geojson or {}).get("features", [])}
    locations = [str(code) for code in (trace.locations if trace.locations is not None else ())]
    z = _numbers(trace.z)
    scale = trace.colorscale
    shown = z[np.isfinite(z)]
    low = float(trace.zmin) if trace.zmin is not None else float(shown.min(initial=np.inf))
    high = float(trace.zmax) if trace.zmax is not None else float(shown.max(initial=-np.inf))
    line = trace.marker.line if trace.marker else None
    stroke = (line.color if line is not None else None) or "white"
    width = float(line.width) if line is not None and line.width is not None else 1.0
    regions = []
    titles = (hover_texts(trace, len(locations)) if hover else None) or [""] * len(locations)
    # the scale read once for all regions (a map has hundreds)
    stops = None if scale is None or _is_transparent(scale) else colour_stops(scale)
    for code, value, title in zip(locations, z, titles, strict=True):
        feature = features.get(code)
        if feature is None or not math.isfinite(value) or scale is None:
            continue
        position = 0.5 if high <= low else (value - low) / (high - low)
        arrays = [np.asarray(ring, dtype=float) for ring in _rings(feature["geometry"])]
        rings = tuple(_project(a[:, 0], a[:, 1], projection) for a in arrays)
        fill = "none" if stops is None else colour_between(stops, position)
        regions.append(_Region(rings, fill, stroke, width, hatched, title))
    colour_range = (low, high) if shown.size and trace.showscale is not False else None
    return regions, colour_range


def _map_names(trace: Any, points: Sequence[tuple[float, float]], right: float) -> list[str]:
    """A text trace's names centred on their points (moved inwards as far as needed to stay
    between 0 and `right`, the colour bar's edge), with a white halo (plotly's textfont
    shadow) that keeps them readable on the dark end of the scale; the pointer passes through
    to the region's tooltip."""
    size = float(trace.textfont.size or 12) if trace.textfont else 12.0
    colour = str(trace.textfont.color or "#1A1A1A") if trace.textfont else "#1A1A1A"

    def inside(x: float, name: str) -> float:
        half = _text_width(name, size) / 2 + 2
        return min(max(x, half), right - half) if right > 2 * half else x

    return [
        _text(
            inside(x, plain_text(name)),
            y + size * 0.35,
            plain_text(name),
            size,
            colour,
            text_anchor="middle",
            stroke="white",
            stroke_width="3",
            paint_order="stroke",
            pointer_events="none",
        )
        for (x, y), name in zip(points, _per_point(trace.text, len(points)), strict=True)
    ]


def _colour_bar(
    trace: Any,
    low: float,
    high: float,
    x: float,
    top: float,
    height: float,
    size: float,
    right: float,
) -> list[str]:
    """A vertical colour bar (plotly's colorbar: title above, ticks to the right)."""
    bar = trace.colorbar
    thickness = float(bar.thickness or 30) if bar else 30.0
    title = plain_text(bar.title.text) if bar and bar.title and bar.title.text else ""
    stops = "".join(
        f'<stop offset="{float(p):g}" stop-color="{_colour_at(trace.colorscale, float(p))}"/>'
        for p, _ in trace.colorscale
    )
    parts = [
        f'<linearGradient id="scale" x1="0" y1="1" x2="0" y2="0">{stops}</linearGradient>',
        f'<rect x="{x:.2f}" y="{top:.2f}" width="{thickness:g}" height="{height:.2f}" '
        f'fill="url(#scale)" stroke="{HATCH_COLOUR}" stroke-width="0.5"/>',
    ]
    if title:
        # above the bar, shifted left as far as it needs to stay inside the figure
        title_x = min(x, right - _text_width(title, size))
        parts.append(_text(title_x, top - size * 0.6, title, size, "#1A1A1A"))
    ticks = [t for t in nice_ticks(low, high, 4) if low - 1e-9 <= t <= high + 1e-9] or [low]
    decimals = _format_decimals(bar.tickformat if bar else None)
    labels = [
        format_number(t, decimals if decimals is not None else _step_decimals(ticks)) for t in ticks
    ]
    for tick, label in zip(ticks, labels, strict=True):
        share = 0.5 if high <= low else (tick - low) / (high - low)
        py = top + height * (1 - share)
        parts.append(
            f'<line x1="{x + thickness:.2f}" y1="{py:.2f}" x2="{x + thickness + 3:.2f}" '
            f'y2="{py:.2f}" stroke="{HATCH_COLOUR}" stroke-width="0.8"/>'
        )
        parts.append(_text(x + thickness + 4, py + size * 0.35, label, size, "#1A1A1A"))
    return parts


def map_svg(
    figure: go.Figure,
    width: float,
    height: float,
    hatched: Sequence[int] = (),
    hover: bool = False,
) -> str:
    """Draw a choropleth figure (`go.Choropleth` traces on inline GeoJSON) as an SVG document.

    The map is fitted to the drawn locations (plotly's `fitbounds: "locations"`) in the
    layout's projection (equirectangular, plotly's default, or Mercator); rings are filled with
    the even-odd rule, so their orientation does not matter. The first trace with a shown
    colour scale gets plotly's vertical colour bar at the right.

    Args:
        figure: A figure of the dashboard's map functions (choropleth traces only).
        width: Width in pixels.
        height: Height in pixels.
        hatched: Indices of traces drawn with diagonal hatching over their fill, so that those
            regions (no figure) differ from the colour scale by pattern too, also in grey print.
        hover: Give every region its plotly hover text as a `<title>` (a tooltip where the SVG
            is inline in a page; `reports.hover`).

    Returns:
        The SVG text.

    Raises:
        UnsupportedFigure: a trace other than a choropleth, another projection or geometry.
    """
    fig = _View.of(figure)
    names = [t for t in fig.data if t.type == "scattergeo"]
    for trace in fig.data:
        if trace.type not in ("choropleth", "scattergeo") or (
            trace.type == "scattergeo" and trace.mode != "text"
        ):
            raise UnsupportedFigure(f"trace type {trace.type!r} on a map")
    geo = fig.layout.geo
    projection = geo.projection.type if geo and geo.projection else None
    if projection not in PROJECTIONS:
        raise UnsupportedFigure(f"projection {projection!r}")
    base = float(fig.layout.font.size or 14)
    small = base * 0.8
    regions: list[_Region] = []
    scale_trace, colour_range = None, None
    for number, trace in enumerate(fig.data):
        if trace.type != "choropleth":
            continue
        found, found_range = _choropleth_regions(trace, projection, number in hatched, hover)
        regions += found
        if found_range is not None and scale_trace is None:
            scale_trace, colour_range = trace, found_range
    bar_width = 0.0
    if scale_trace is not None:
        thickness = float(scale_trace.colorbar.thickness or 30) if scale_trace.colorbar else 30.0
        bar_width = thickness + 6 + small * CHAR_WIDTH * 5
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{height:g}" '
        f'viewBox="0 0 {width:g} {height:g}" font-family="{FONT_FAMILY}">',
        f'<rect width="{width:g}" height="{height:g}" fill="white"/>',
        f'<pattern id="hatch" patternUnits="userSpaceOnUse" width="4" height="4" '
        f'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="4" '
        f'stroke="{HATCH_COLOUR}" stroke-width="1.2"/></pattern>',
    ]
    if regions:
        points = np.concatenate([ring for region in regions for ring in region.rings])
        (x_low, y_low), (x_high, y_high) = points.min(axis=0), points.max(axis=0)
        pad = 4.0
        room_x, room_y = width - bar_width - 2 * pad, height - 2 * pad
        scale = min(room_x / max(x_high - x_low, 1e-12), room_y / max(y_high - y_low, 1e-12))
        off_x = pad + (room_x - (x_high - x_low) * scale) / 2
        off_y = pad + (room_y - (y_high - y_low) * scale) / 2
        point = "{:.1f},{:.1f}".format
        for region in regions:
            # the arithmetic on whole rings at once (a map of 340 gemeenten has ~35,000 points)
            path = "".join(
                "M"
                + "L".join(
                    map(
                        point,
                        (off_x + (ring[:, 0] - x_low) * scale).tolist(),
                        (off_y + (y_high - ring[:, 1]) * scale).tolist(),
                    )
                )
                + "Z"
                for ring in region.rings
            )
            shape = (
                f'<path d="{path}" fill-rule="evenodd" {_paint(region.fill, "fill")} '
                f'{_paint(region.stroke, "stroke")} stroke-width="{region.stroke_width:g}" '
                'stroke-linejoin="round"/>'
            )
            out.append(_titled(shape, region.title))
            if region.hatched:  # over the region, letting the pointer through to its tooltip
                out.append(
                    f'<path d="{path}" fill-rule="evenodd" fill="url(#hatch)" '
                    'pointer-events="none"/>'
                )
        for trace in names:
            plane = _project(_numbers(trace.lon), _numbers(trace.lat), projection)
            out += _map_names(
                trace,
                [(off_x + (x - x_low) * scale, off_y + (y_high - y) * scale) for x, y in plane],
                width - bar_width,
            )
    if scale_trace is not None and colour_range is not None:
        bar = scale_trace.colorbar
        share = float(bar.len or 1) if bar else 1.0
        bar_height = (height - small * 2.5) * share
        top = small * 1.8 + (height - small * 2.5 - bar_height) / 2
        out += _colour_bar(
            scale_trace, *colour_range, width - bar_width + 4, top, bar_height, small, width - 2
        )
    out.append("</svg>")
    return "".join(out)
