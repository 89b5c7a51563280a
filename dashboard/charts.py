"""DataFrames turned into plotly figures (pure functions; no Streamlit, no queries).

Every figure is built in one `figure(data, layout)` call from plain dicts, without plotly's
property validation and its add_*/update_* machinery (those cost 5-20 ms per figure on every
rerun that needs a new one); the tests re-validate each chart function's output with full
validation (`tests/conftest_helpers.py:assert_valid_figure`), so an invalid property still
fails. Colours are colour-blind safe: Okabe-Ito for categories (blue for regions, vermillion
for the focus, which stay distinct under protan-, deutan- and tritanopia) and YlOrRd for maps;
the focus is also marked without colour (a hatch pattern, a diamond marker, a thick outline, a
label). Text is near-black on white (contrast well above WCAG AA).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.colors
import plotly.graph_objects as go

from dashboard.formatting import (
    centre_name,
    format_number,
    format_value,
    response_column,
)
from dashboard.map_labels import FONT_SIZE, fitting_names
from dashboard.texts import verdicts
from stats import funnel
from stats.response import ESTIMATE_LABEL, NO_SUBMISSION, NO_SUBMISSION_LABEL

BLUE = "#0072B2"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
ORANGE = "#E69F00"
BLACK = "#000000"
TEXT = "#1A1A1A"
GRID = "#D9D9D9"
MUTED = "#595959"  # 7:1 on white
NO_DATA = "#BDBDBD"
NO_DATA_OUTLINE = MUTED  # "geen cijfer" also differs by its dark outline, not only by colour
# ColorBrewer YlOrRd: light yellow (low) to dark red (high), lightness falling monotonically,
# so it reads for the common colour-vision deficiencies; unlike cividis its middle is clearly
# coloured (orange) instead of a grey close to the "geen cijfer" grey.
MAP_SCALE = "YlOrRd"
# The scale as [position, colour] pairs: unvalidated figures pass it on as is.
MAP_COLOURSCALE: list[list[Any]] = plotly.colors.get_colorscale(MAP_SCALE)
FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
MANY_BARS = 40  # above this, the ranking drops the names and labels only the focus
#: `meta` of a map trace of regions without a figure: drawn as SVG, they are hatched too
NO_FIGURE_META = {"no_figure": True}
MARGIN = 10  # px on every side of a figure (base_layout)
# The map's assumed width for placing its names (the server does not know the real one): one of
# Vergelijken's two columns, measured in Chromium at 402 px in a 1280 px wide window and 462 px
# at 1400 px. In a narrower window the written names may touch; in a wider one fewer are left
# off than would fit.
MAP_WIDTH = 430
# px right of the map taken by the colour bar (plotly's automargin, measured in Chromium: 72 px
# under the title "%", 108 under "per 1.000"); the wider, so the names fit under either.
COLOURBAR_MARGIN = 108


def figure_parts(
    data: Sequence[dict[str, Any]], layout: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The traces and layout `figure` builds a figure from: the traces as a list, the layout
    without empty shape/annotation lists (validation would drop them, so the output is what a
    validated figure would send)."""
    kept = {
        key: value
        for key, value in layout.items()
        if not (isinstance(value, list | tuple) and len(value) == 0)
    }
    return list(data), kept


def figure(data: Sequence[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A figure from plain trace dicts (each with its `type`) and a complete layout dict.

    Skips plotly's property validation, which is most of the cost of building a figure; the
    chart tests validate every chart function's output instead. Pass arrays as numpy arrays or
    lists (not pandas objects), as validation would have converted them.
    """
    traces, kept = figure_parts(data, layout)
    return go.Figure(data=traces, layout=kept, _validate=False)


def base_layout(height: int, **extra: Any) -> dict[str, Any]:
    """Shared layout: Dutch separators, readable font, white background, tight margins."""
    layout: dict[str, Any] = {
        "height": height,
        "separators": ",.",
        "font": {"family": FONT, "size": 14, "color": TEXT},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "margin": {"l": MARGIN, "r": MARGIN, "t": MARGIN, "b": MARGIN},
        "hoverlabel": {"bgcolor": "white", "font": {"color": TEXT}},
        "showlegend": False,
    }
    layout.update(extra)
    return layout


def _axis(title: str = "", **extra: Any) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "title": {"text": title},
        "gridcolor": GRID,
        "zerolinecolor": GRID,
        "linecolor": MUTED,
        "tickfont": {"color": TEXT},
    }
    axis.update(extra)
    return axis


class SharedShapes(dict[str, Any]):
    """A read-only FeatureCollection that deep copies share instead of copying.

    plotly deep-copies every trace property when a figure is built and again in `to_dict`
    (which st.plotly_chart calls); for the gemeente map that is ~7 ms per copy. The shapes are
    never changed after they are made, so sharing them is safe. JSON and plotly's validation
    see an ordinary dict.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedShapes:
        return self

    def __copy__(self) -> SharedShapes:
        return self


def subset_shapes(geojson: Mapping[str, Any], codes: Iterable[str]) -> SharedShapes:
    """The features of `geojson` whose `id` is one of `codes`, as a new FeatureCollection."""
    wanted = set(codes)
    return SharedShapes(
        type="FeatureCollection",
        features=[f for f in geojson.get("features", []) if f.get("id") in wanted],
    )


def _values_text(values: pd.Series, unit: str, decimals: int) -> list[str]:
    return [format_value(v, unit, decimals) for v in values]


def _response_lines(rows: pd.DataFrame) -> list[str]:
    """Per row a `<br>`-led hover line with an estimate's response (`<br>geschat; respons 4 van
    6 gemeenten (67 %)`), '' for a figure resting on all its gemeenten or rows without the
    response columns."""
    return [f"<br>{note}" if note else "" for note in response_column(rows)]


def _is_estimate(rows: pd.DataFrame) -> np.ndarray:
    """Which rows are estimates (False without an is_estimate column)."""
    if "is_estimate" not in rows:
        return np.zeros(len(rows), dtype=bool)
    return rows["is_estimate"].fillna(False).to_numpy(dtype=bool)


def _outline_marker(colour: str, width: float) -> dict[str, Any]:
    return {"line": {"color": colour, "width": width}}


def choropleth(
    values: pd.DataFrame,
    geojson: dict[str, Any],
    *,
    unit: str,
    decimals: int,
    height: int = 520,
    show_names: bool = False,
) -> go.Figure:
    """Map of one level: the comparison set coloured by value, the focus outlined.

    Args:
        values: One row per region with region_code, region_name, value, is_suppressed,
            in_set, is_focus.
        geojson: FeatureCollection with `id` = region_code (clockwise exterior rings).
        unit: Indicator unit for the colour bar and hover.
        decimals: Decimals to show.
        height: Figure height in pixels.
        show_names: Write the regions' names on the map (RMC-regio's and provincies; the
            gemeenten are too many and too small): as many as fit without overlapping on a
            map `MAP_WIDTH` wide (`map_labels.fitting_names`; every region keeps its name on
            hover).

    Returns:
        Traces in order: coloured regions, regions without a figure (if any), focus outline
        (if any), names (if asked and any fit). Regions outside the comparison set are left
        off, so the map zooms to the set.
    """
    shown = values[values["in_set"] & values["value"].notna()]
    no_figure = values[values["in_set"] & values["value"].isna()]
    focus = values[values["is_focus"]]
    data: list[dict[str, Any]] = [
        {
            "type": "choropleth",
            "name": "waarde",
            "geojson": subset_shapes(geojson, shown["region_code"]),
            "featureidkey": "id",
            "locations": shown["region_code"].to_numpy(),
            "z": shown["value"].to_numpy(),
            "text": shown["region_name"].to_numpy(),
            "customdata": [
                value + note
                for value, note in zip(
                    _values_text(shown["value"], unit, decimals),
                    _response_lines(shown),
                    strict=True,
                )
            ],
            "hovertemplate": "<b>%{text}</b><br>%{customdata}<extra></extra>",
            "colorscale": MAP_COLOURSCALE,
            "marker": _outline_marker("white", 0.6),
            "colorbar": {
                "title": {"text": unit},
                "thickness": 14,
                "len": 0.8,
                "tickformat": f",.{decimals}f",
            },
        }
    ]
    if not no_figure.empty:
        text = "geen cijfer (te klein aantal of ontbreekt)"
        flags = no_figure["flag"] if "flag" in no_figure else pd.Series("", index=no_figure.index)
        data.append(
            {
                "type": "choropleth",
                "name": text,
                "geojson": subset_shapes(geojson, no_figure["region_code"]),
                "featureidkey": "id",
                "locations": no_figure["region_code"].to_numpy(),
                "z": np.zeros(len(no_figure)),
                "text": no_figure["region_name"].to_numpy(),
                # a region without opgave says so, a hidden one why it is grey
                "customdata": [
                    NO_SUBMISSION_LABEL if flag == NO_SUBMISSION else text for flag in flags
                ],
                "hovertemplate": "<b>%{text}</b><br>%{customdata}<extra></extra>",
                "colorscale": [[0, NO_DATA], [1, NO_DATA]],
                "showscale": False,
                "marker": _outline_marker(NO_DATA_OUTLINE, 1.2),
                "meta": NO_FIGURE_META,
            }
        )
    if not focus.empty:
        # one subset object for both outline traces (a white halo under a black outline reads
        # on light and dark fills alike)
        sub = subset_shapes(geojson, focus["region_code"])
        data += [
            {
                "type": "choropleth",
                "name": "focus",
                "geojson": sub,
                "featureidkey": "id",
                "locations": focus["region_code"].to_numpy(),
                "z": np.zeros(len(focus)),
                "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                "showscale": False,
                "hoverinfo": "skip",
                "marker": _outline_marker(colour, width),
            }
            for colour, width in (("white", 6), (BLACK, 2.5))
        ]
    if show_names:
        data += _name_traces(values, geojson, height)
    geo = {
        "bgcolor": "white",
        "fitbounds": "locations",
        "visible": False,
        "projection": {"type": "mercator"},
    }
    return figure(data, base_layout(height, geo=geo, dragmode=False))


def _name_traces(
    values: pd.DataFrame, geojson: dict[str, Any], height: int
) -> list[dict[str, Any]]:
    """The names that fit on a map `MAP_WIDTH` x `height`, as one text trace ([] if none)."""
    names = fitting_names(
        values, geojson, width=MAP_WIDTH - MARGIN - COLOURBAR_MARGIN, height=height - 2 * MARGIN
    )
    if names.empty:
        return []
    return [
        {
            "type": "scattergeo",
            "name": "namen",
            "mode": "text",
            "lon": names["lon"].to_numpy(),
            "lat": names["lat"].to_numpy(),
            "text": names["name"].to_numpy(),
            # a white halo keeps the dark text readable on the dark end of the scale
            "textfont": {"color": TEXT, "size": FONT_SIZE, "shadow": "0 0 3px white"},
            "hoverinfo": "skip",
        }
    ]


def _national_marks(
    national_value: float | None,
    unit: str,
    decimals: int,
    *,
    horizontal: bool,
    estimate: bool = False,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The dashed national line across a bar chart and its label (`geschat` after an
    estimate): (shapes, annotations)."""
    if national_value is None:
        return [], []
    if horizontal:  # bars along x: a vertical line at x = national value
        line = {"xref": "x", "x0": national_value, "x1": national_value}
        line |= {"yref": "paper", "y0": 0, "y1": 1}
    else:
        line = {"xref": "paper", "x0": 0, "x1": 1}
        line |= {"yref": "y", "y0": national_value, "y1": national_value}
    shape = {"type": "line", "line": {"color": BLACK, "width": 2, "dash": "dash"}, **line}
    label = {
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": 1.01,
        "xanchor": "right",
        "yanchor": "bottom",
        "showarrow": False,
        "text": f"– – Nederland: {format_value(national_value, unit, decimals)}"
        + (f" ({ESTIMATE_LABEL})" if estimate else ""),
    }
    return [shape], [label]


def ranking_bar(
    values: pd.DataFrame,
    *,
    unit: str,
    decimals: int,
    national_value: float | None,
    value_label: str,
    national_estimate: bool = False,
) -> go.Figure:
    """Regions of the comparison set ranked by value; focus highlighted, the country a line.
    An estimate's bar label says `geschat` and its hover the response.

    Args:
        values: Rows with region_name, value, is_focus (regions without a value are left out).
        unit: Indicator unit.
        decimals: Decimals to show.
        national_value: National value for the reference line (None: no line).
        value_label: Axis title for the value.
        national_estimate: Whether the national value is an estimate (its label says so).

    Returns:
        One bar trace (horizontal with names up to MANY_BARS regions, else vertical without
        names and the focus annotated) plus the national line as a shape.
    """
    ranked = values[values["value"].notna()].sort_values("value", ascending=False)
    many = len(ranked) > MANY_BARS
    is_focus = ranked["is_focus"].to_numpy(dtype=bool)
    texts = [
        value + note
        for value, note in zip(
            _values_text(ranked["value"], unit, decimals), _response_lines(ranked), strict=True
        )
    ]
    bar: dict[str, Any] = {
        "type": "bar",
        "marker": {
            "color": np.where(is_focus, VERMILLION, BLUE).astype(object),
            "pattern": {"shape": np.where(is_focus, "/", "").astype(object), "fgcolor": "white"},
        },
        "customdata": np.column_stack([ranked["region_name"], texts]),
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        "name": value_label,
    }
    shapes, annotations = _national_marks(
        national_value, unit, decimals, horizontal=not many, estimate=national_estimate
    )
    if many:
        positions = np.arange(1, len(ranked) + 1)
        bar |= {"x": positions, "y": ranked["value"].to_numpy()}
        focus_marks = [
            {
                "x": pos,
                "y": value,
                "text": f"<b>{name}</b>",
                "showarrow": True,
                "arrowhead": 2,
                "arrowcolor": TEXT,
                "ax": 0,
                "ay": -30,
                "bgcolor": "rgba(255,255,255,0.85)",
            }
            for pos, value, name in zip(
                positions[is_focus].tolist(),
                ranked["value"].to_numpy()[is_focus].tolist(),
                ranked["region_name"].to_numpy()[is_focus],
                strict=True,
            )
        ]
        layout = base_layout(
            380,
            bargap=0.05,
            xaxis=_axis("rang (1 = hoogste waarde)", showgrid=False),
            yaxis=_axis(value_label, tickformat=f",.{decimals}f"),
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
            annotations=focus_marks + annotations,
            shapes=shapes,
        )
    else:
        names = [
            f"<b>{n}</b>" if f else n for n, f in zip(ranked["region_name"], is_focus, strict=True)
        ]
        bar |= {"x": ranked["value"].to_numpy(), "y": names, "orientation": "h"}
        layout = base_layout(
            max(220, 26 * len(ranked) + 70),
            bargap=0.25,
            xaxis=_axis(
                value_label,
                tickformat=f",.{decimals}f",
                range=_ranking_range(
                    ranked["value"], national_value, bool(_is_estimate(ranked).any())
                ),
            ),
            yaxis=_axis(autorange="reversed", automargin=True),
            margin={"l": 10, "r": 10, "t": 40, "b": 10},
            annotations=_bar_labels(ranked["value"], names, decimals, _is_estimate(ranked))
            + annotations,
            shapes=shapes,
        )
    return figure([bar], layout)


RANKING_LABEL_ROOM = 0.25  # share of the axis kept free right of the longest bar for its label


def _ranking_range(
    values: pd.Series, national_value: float | None, estimates: bool = False
) -> list[float]:
    """Value axis of the horizontal ranking: from 0 to the longest bar plus room for its label
    (a label outside the plot area was cut off at the figure edge), twice that room when a
    label says `geschat`."""
    top = max(float(values.max()), national_value or 0.0)
    room = RANKING_LABEL_ROOM * (2 if estimates else 1)
    return [min(0.0, float(values.min())), top * (1 + room) if top > 0 else 1.0]


def _bar_labels(
    values: pd.Series, names: Sequence[str], decimals: int, estimates: np.ndarray
) -> list[dict[str, Any]]:
    """Value labels right of each bar, as annotations on a white box: annotations are drawn
    above shapes, so the dashed national line stops at a label instead of running through it.
    The axis title names the unit, so the label is the number alone (`geschat` after an
    estimate; the hover and the table give its response)."""
    return [
        {
            "x": value,
            "y": name,
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "xshift": 3,
            "showarrow": False,
            "text": format_number(value, decimals) + (f" {ESTIMATE_LABEL}" if estimate else ""),
            "bgcolor": "white",
            "borderpad": 1,
        }
        for value, name, estimate in zip(values.tolist(), names, estimates, strict=True)
    ]


def _funnel_limits(
    limits: pd.DataFrame,
    unit: str,
    decimals: int,
    centre_label: str | None = None,
    centre_response: str = "",
) -> list[dict[str, Any]]:
    """Centre line, 95% and 99.8% limits of a funnel plot (nothing without limits)."""
    if limits.empty:
        return []
    centre = float(limits["centre"].iloc[0])
    x = limits["denominator"].to_numpy()
    traces: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "x": x,
            "y": limits["centre"].to_numpy(),
            "mode": "lines",
            "name": centre_label
            or centre_name(format_value(centre, unit, decimals), centre_response),
            "line": {"color": BLACK, "width": 2},
            "hoverinfo": "skip",
        }
    ]
    for level, dash, width, name in (
        ("95", "dash", 1.5, "95%-grenzen"),
        ("998", "dot", 2, "99,8%-grenzen"),
    ):
        traces.append(
            {
                "type": "scatter",
                "x": np.concatenate([x, [np.nan], x]),
                "y": np.concatenate([limits[f"lower_{level}"], [np.nan], limits[f"upper_{level}"]]),
                "mode": "lines",
                "name": name,
                "connectgaps": False,
                "line": {"color": MUTED if level == "95" else BLACK, "width": width, "dash": dash},
                "hoverinfo": "skip",
            }
        )
    return traces


# verdict -> (colour, marker symbol): colour and shape both carry the verdict (Okabe-Ito
# colours; triangles point the way a region deviates, open ones for the 95% band); the legend
# names are the short verdicts of `dashboard.texts.verdicts`
FUNNEL_STYLES: dict[str, tuple[str, str]] = {
    funnel.ABOVE_998: (VERMILLION, "triangle-up"),
    funnel.ABOVE_95: (ORANGE, "triangle-up-open"),
    funnel.WITHIN: (MUTED, "circle"),
    funnel.BELOW_95: (SKY, "triangle-down-open"),
    funnel.BELOW_998: (BLUE, "triangle-down"),
}


def funnel_plot(
    values: pd.DataFrame,
    limits: pd.DataFrame,
    *,
    unit: str,
    decimals: int,
    value_label: str,
    denominator_label: str,
    centre_label: str | None = None,
    centre_response: str = "",
    size_word: str = "noemer",
) -> go.Figure:
    """Funnel plot: value against denominator with over-dispersion-aware control limits.

    Args:
        values: Rows with region_name, value, denominator, numerator, is_focus, classification
            (a `stats.funnel` code); rows with is_estimate true are left out.
        limits: Output of `stats.funnel.FunnelFit.limits` (denominator, centre, lower_95,
            upper_95, lower_998, upper_998).
        unit: Indicator unit.
        decimals: Decimals to show.
        value_label: Y axis title.
        denominator_label: X axis title.
        centre_label: Legend name of the centre line (default `Nederland (<value>)`).
        centre_response: The national row's response note (`row_response`): for an estimate
            the default legend name says `geschat` with it (`formatting.centre_name`).
        size_word: What the x value is called in the hover text (`noemer`, `verwacht`).

    Returns:
        Traces in order: centre line, 95% limits, 99.8% limits, one trace per verdict present
        (colour and shape per verdict, named in Dutch in the legend), focus regions last.
    """
    # an estimate has no verdict and is no point of the funnel (docs/nonresponse.md)
    points = values[values["value"].notna() & ~_is_estimate(values)]
    data = _funnel_limits(limits, unit, decimals, centre_label, centre_response)
    others = points[~points["is_focus"]]
    for code, (colour, symbol) in FUNNEL_STYLES.items():
        frame = others[others["classification"] == code]
        if frame.empty:
            continue
        data.append(
            _funnel_points(
                frame,
                verdicts.short(code),
                {"color": colour, "size": 8, "symbol": symbol, "opacity": 0.85},
                unit,
                decimals,
                size_word,
            )
        )
    focus = points[points["is_focus"]]
    focus_trace = _funnel_points(
        focus,
        "focus",
        {
            "color": [FUNNEL_STYLES.get(c, (MUTED, ""))[0] for c in focus["classification"]],
            "size": 14,
            "symbol": "diamond",
            "line": {"color": BLACK, "width": 2},
        },
        unit,
        decimals,
        size_word,
    )
    focus_trace.update(mode="markers+text", textposition="top center")
    focus_trace["textfont"] = {"color": TEXT, "size": 13}
    focus_trace["text"] = focus["region_name"].to_numpy()
    data.append(focus_trace)
    layout = base_layout(
        480,
        showlegend=True,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        xaxis=_axis(denominator_label, type="log", **_log_ticks(points["denominator"])),
        yaxis=_axis(
            value_label, tickformat=f",.{decimals}f", range=_funnel_y_range(points, limits)
        ),
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
    )
    return figure(data, layout)


def _funnel_points(
    frame: pd.DataFrame,
    name: str,
    marker: dict[str, Any],
    unit: str,
    decimals: int,
    size_word: str = "noemer",
) -> dict[str, Any]:
    """One marker trace of funnel points with the hover text (name, value, size, verdict)."""
    trace: dict[str, Any] = {
        "type": "scatter",
        "x": frame["denominator"].to_numpy(),
        "y": frame["value"].to_numpy(),
        "mode": "markers",
        "name": name,
        "marker": marker,
        "hovertemplate": (
            "<b>%{customdata[0]}</b><br>%{customdata[1]} (" + size_word + " %{customdata[2]})"
            "<br>%{customdata[3]}<extra></extra>"
        ),
    }
    if not frame.empty:
        trace["customdata"] = np.column_stack(
            [
                frame["region_name"],
                _values_text(frame["value"], unit, decimals),
                [format_number(d) for d in frame["denominator"]],
                [verdicts.short(c) for c in frame["classification"]],
            ]
        )
    return trace


MIN_LOG_TICKS = 4
# mantissas of log-axis ticks, coarse to fine: the first set that gives MIN_LOG_TICKS wins
LOG_TICK_STEPS = ((1, 2, 5), (1, 1.5, 2, 3, 5, 7), (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9))


def _log_range(denominators: pd.Series) -> tuple[float, float] | None:
    n = denominators.to_numpy(dtype=float, na_value=np.nan)
    n = n[np.isfinite(n) & (n > 0)]
    return None if n.size == 0 else (float(n.min()) * 0.8, float(n.max()) * 1.1)


def _log_ticks(denominators: pd.Series) -> dict[str, Any]:
    """Round ticks for a log axis (1-2-5, finer when the data span less than a decade, so there
    are at least MIN_LOG_TICKS) with Dutch thousands separators, and the axis range of the data."""
    span = _log_range(denominators)
    if span is None:
        return {}
    low, high = span
    decades = range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1)
    ticks: list[float] = []
    for steps in LOG_TICK_STEPS:
        ticks = [m * 10**e for e in decades for m in steps if low <= m * 10**e <= high]
        if len(ticks) >= MIN_LOG_TICKS:
            break
    return {
        "tickvals": ticks,
        "ticktext": [format_number(t) for t in ticks],
        "range": [float(np.log10(low)), float(np.log10(high))],
    }


def _funnel_y_range(points: pd.DataFrame, limits: pd.DataFrame) -> list[float] | None:
    """Value axis of the funnel: the points and the 99,8% limits within the points' denominator
    range, with 5% padding (starting at 0 left the plot half empty at RMC level)."""
    span = _log_range(points["denominator"])
    if span is None:
        return None
    inside = limits[(limits["denominator"] >= span[0]) & (limits["denominator"] <= span[1])]
    ys = np.concatenate(
        [
            points["value"].to_numpy(dtype=float),
            inside["lower_998"].to_numpy(dtype=float) if len(inside) else [],
            inside["upper_998"].to_numpy(dtype=float) if len(inside) else [],
        ]
    )
    ys = ys[np.isfinite(ys)]
    low, high = float(ys.min()), float(ys.max())
    pad = 0.05 * (high - low) if high > low else max(abs(high) * 0.1, 1.0)
    return [max(0.0, low - pad), high + pad]


def _break_positions(breaks: Sequence[str], starts: dict[str, int]) -> list[float]:
    """A break at school year Y is drawn between Y-1 and Y (x = start - 0.5)."""
    return [starts[b] - 0.5 for b in breaks if b in starts]


def sparkline(series: pd.DataFrame, **options: Any) -> go.Figure:
    """`sparkline_parts` as a plotly figure (the cards draw the parts as an SVG image)."""
    return figure(*sparkline_parts(series, **options))


def sparkline_parts(
    series: pd.DataFrame,
    *,
    unit: str,
    decimals: int,
    trend_breaks: Sequence[str] = (),
    region_series: pd.DataFrame | None = None,
    region_name: str | None = None,
    height: int = 150,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Small trend line: the country (and optionally one region) over the school years, as the
    parts of a figure (`figure_parts`): the Overzicht cards only draw it as an SVG image
    (`reports.svg.figure_svg`), and building a plotly figure costs more than that drawing.

    Args:
        series: National rows with school_year, school_year_start, value, status.
        unit: Indicator unit.
        decimals: Decimals to show.
        trend_breaks: School-year labels where the series breaks (dashed vertical lines).
        region_series: Optional rows of one region (same columns).
        region_name: Its name for the hover.
        height: Figure height.

    Returns:
        One line trace per series (country first), voorlopig points drawn as open markers, and
        one dashed vertical line shape per trend break.
    """
    starts = dict(zip(series["school_year"], series["school_year_start"], strict=True))
    data: list[dict[str, Any]] = []
    for frame, colour, name, dash in (
        (series, BLUE, "Nederland", "solid"),
        (region_series, VERMILLION, region_name or "regio", "dot"),
    ):
        if frame is None or frame.empty:
            continue
        voorlopig = (frame["status"] == "voorlopig").to_numpy()
        labels = [f"{y}*" if v else y for y, v in zip(frame["school_year"], voorlopig, strict=True)]
        data.append(
            {
                "type": "scatter",
                "x": frame["school_year_start"].to_numpy(),
                "y": frame["value"].to_numpy(),
                "mode": "lines+markers",
                "name": name,
                "line": {"color": colour, "width": 2, "dash": dash},
                "marker": {
                    "color": np.where(voorlopig, "white", colour).astype(object),
                    "line": {"color": colour, "width": 2},
                    "size": np.where(voorlopig, 9, 6),
                    "symbol": "circle",
                },
                "customdata": np.column_stack(
                    [labels, _values_text(frame["value"], unit, decimals)]
                ),
                "hovertemplate": f"{name}<br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
            }
        )
    breaks = [
        {
            "type": "line",
            "xref": "x",
            "x0": x,
            "x1": x,
            "yref": "y domain",
            "y0": 0,
            "y1": 1,
            "line": {"color": MUTED, "width": 1.5, "dash": "dash"},
        }
        for x in _break_positions(trend_breaks, starts)
    ]
    first, last = min(starts.values(), default=0), max(starts.values(), default=0)
    layout = base_layout(
        height,
        margin={"l": 0, "r": 36, "t": 4, "b": 0},
        shapes=breaks,
        xaxis=_axis(
            tickmode="array",
            tickvals=[first, last],
            ticktext=[f"{first}-{first + 1}", f"{last}-{last + 1}"],
            showgrid=False,
            range=[first - 0.4, last + 0.4],
            fixedrange=True,
        ),
        yaxis=_axis(tickformat=f",.{decimals}f", nticks=3, fixedrange=True),
    )
    return figure_parts(data, layout)
