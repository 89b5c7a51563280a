"""Pure chart functions for the Patronen page: query DataFrames in, plotly figures out.

Also holds the line fit the scatter shows (weighted least squares) and the Pearson correlation
with its Fisher-z interval, because the chart and the sentence under it must use the same
numbers. No Streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import BLACK, BLUE, GRID, MAP_COLOURSCALE, VERMILLION, base_layout, figure
from dashboard.charts_profile import axis_title, value_format
from dashboard.formatting import (
    MISSING,
    format_number,
    format_value,
    row_response,
    with_response,
)
from stats.intervals import Z_95

# Colour and symbol together identify a provincie: the Okabe-Ito colours (Wong 2011; yellow
# left out for contrast on white) and distinct marker shapes, combined by `category_marker` so
# that no two of the first 49 groups share both and colour is never the only cue.
CATEGORY_COLOURS = (BLUE, "#E69F00", "#009E73", VERMILLION, "#CC79A7", "#56B4E9", BLACK)
CATEGORY_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star")
RISE_COLOUR = VERMILLION
FALL_COLOUR = BLUE
FIT_COLOUR = BLACK
#: Length of the heatmap's colour bar once the heatmap is taller than that (pixels).
HEATMAP_BAR_PX = 320


def category_marker(number: int) -> dict[str, str]:
    """Colour and symbol of the `number`-th group: colours cycle, and each next round of them
    shifts the symbols by one, so group 7 is not group 0 again (blue circles for both Drenthe
    and Noord-Holland, as when both cycled in step)."""
    colours, symbols = len(CATEGORY_COLOURS), len(CATEGORY_SYMBOLS)
    return {
        "color": CATEGORY_COLOURS[number % colours],
        "symbol": CATEGORY_SYMBOLS[(number + number // colours) % symbols],
    }


@dataclass(frozen=True)
class LineFit:
    """A fitted line y = intercept + slope * x and the correlation between x and y.

    Attributes:
        slope: Slope of the weighted least-squares line (weights = denominator of y).
        intercept: Intercept of that line.
        r: Pearson correlation with the same weights as the line, over the regions with both
            values; its sign is the sign of the slope.
        r_lower: Lower bound of the 95% interval of r (Fisher z with n regions, an
            approximation for a weighted r); NaN when n < 4.
        r_upper: Upper bound of that interval.
        n: Number of regions used.
    """

    slope: float
    intercept: float
    r: float
    r_lower: float
    r_upper: float
    n: int


def fit_line(pairs: pd.DataFrame) -> LineFit | None:
    """Weighted least-squares line and the weighted Pearson r for the scatter rows.

    Why weighted: a rate from a large population is measured more precisely; its variance is
    roughly proportional to 1 / denominator, so the weight is the denominator of y.

    Args:
        pairs: Rows of `patterns_scatter.sql` (x_value, y_value, y_denominator).

    Returns:
        The fit, or None when fewer than 3 regions have both values or x does not vary.
    """
    usable = pairs[pairs["x_value"].notna() & pairs["y_value"].notna()]
    n = len(usable)
    if n < 3:
        return None
    x = usable["x_value"].to_numpy(dtype=float)
    y = usable["y_value"].to_numpy(dtype=float)
    w = usable["y_denominator"].fillna(0).to_numpy(dtype=float)
    if np.ptp(x) == 0 or w.sum() <= 0:
        return None
    x_mean = np.average(x, weights=w)
    y_mean = np.average(y, weights=w)
    sxx = float(np.sum(w * (x - x_mean) ** 2))
    if sxx == 0:
        return None
    slope = float(np.sum(w * (x - x_mean) * (y - y_mean)) / sxx)
    intercept = float(y_mean - slope * x_mean)
    syy = float(np.sum(w * (y - y_mean) ** 2))
    # the same weights as the line, so r and the slope always have the same sign (an
    # unweighted r said "negatief" under a rising weighted line)
    r = float(np.sum(w * (x - x_mean) * (y - y_mean)) / math.sqrt(sxx * syy)) if syy > 0 else 0.0
    if n >= 4 and abs(r) < 1:
        z = math.atanh(r)
        half = Z_95 / math.sqrt(n - 3)
        r_lower, r_upper = math.tanh(z - half), math.tanh(z + half)
    else:
        r_lower = r_upper = float("nan")
    return LineFit(slope, intercept, r, r_lower, r_upper, n)


def _hover(prefix: str, indicator: Mapping[str, Any], axis: str) -> str:
    return f"{prefix}: %{{{axis}{value_format(str(indicator['unit']), int(indicator['decimals']))}"


def _estimate_notes(pairs: pd.DataFrame) -> list[str]:
    """Per scatter point `<br>`-led lines naming an estimated axis with its response
    (`<br>x geschat; respons 4 van 6 gemeenten (67 %)`); '' when both rest on all gemeenten."""
    notes = []
    for row in pairs.to_dict("records"):
        lines = [
            f"<br>{axis} {note}"
            for axis in ("x", "y")
            if (note := row_response({k.removeprefix(f"{axis}_"): v for k, v in row.items()}))
        ]
        notes.append("".join(lines))
    return notes


def scatter(
    pairs: pd.DataFrame,
    x_indicator: Mapping[str, Any],
    y_indicator: Mapping[str, Any],
    fit: LineFit | None,
) -> go.Figure:
    """Scatter of two indicators across regions, one trace per provincie, plus the fitted line.

    Marker area is proportional to the denominator of y; colour and shape mark the provincie.

    Args:
        pairs: Rows of `patterns_scatter.sql`; rows missing either value are left out.
        x_indicator: Registry row of the x indicator (label, short_label, unit, decimals).
        y_indicator: Registry row of the y indicator.
        fit: The fit from `fit_line`, or None for no line.

    Returns:
        Figure with one marker trace per provincie (alphabetical), then the line if any.
    """
    usable = pairs[pairs["x_value"].notna() & pairs["y_value"].notna()]
    max_size = float(usable["y_denominator"].max()) if len(usable) else 1.0
    sizeref = 2.0 * max(max_size, 1.0) / (38.0**2)
    traces: list[dict[str, Any]] = []
    for i, (name, group) in enumerate(usable.groupby("provincie_name", sort=True)):
        traces.append(
            {
                "type": "scatter",
                "x": group["x_value"].to_numpy(),
                "y": group["y_value"].to_numpy(),
                "mode": "markers",
                "name": str(name),
                "marker": {
                    "size": group["y_denominator"].fillna(0).to_numpy(),
                    "sizemode": "area",
                    "sizeref": sizeref,
                    "sizemin": 5,
                    **category_marker(i),
                    "opacity": 0.8,
                    "line": {"color": "white", "width": 1},
                },
                "customdata": np.column_stack(
                    [group["region_name"], group["y_denominator"], _estimate_notes(group)]
                ),
                "hovertemplate": (
                    "%{customdata[0]}<br>"
                    + _hover(str(x_indicator["short_label"]), x_indicator, "x")
                    + "<br>"
                    + _hover(str(y_indicator["short_label"]), y_indicator, "y")
                    + "<br>noemer %{customdata[1]:,.0f}%{customdata[2]}<extra>"
                    + str(name)
                    + "</extra>"
                ),
            }
        )
    if fit is not None and len(usable):
        x0, x1 = float(usable["x_value"].min()), float(usable["x_value"].max())
        traces.append(
            {
                "type": "scatter",
                "x": [x0, x1],
                "y": [fit.intercept + fit.slope * x0, fit.intercept + fit.slope * x1],
                "mode": "lines",
                "name": "lijn (gewogen kleinste kwadraten)",
                "line": {"color": FIT_COLOUR, "width": 2, "dash": "dash"},
                "hoverinfo": "skip",
            }
        )
    layout = base_layout(
        460,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        showlegend=True,
        legend={"title": {"text": "provincie"}, "itemsizing": "constant"},
        hovermode="closest",
        xaxis={
            "automargin": True,
            "title": {"text": axis_title(x_indicator)},
            "gridcolor": GRID,
            "zeroline": False,
        },
        yaxis={
            "automargin": True,
            "title": {"text": axis_title(y_indicator)},
            "gridcolor": GRID,
            "zeroline": False,
        },
    )
    return figure(traces, layout)


def _year_labels(values: pd.DataFrame) -> dict[str, str]:
    """School year -> column label in time order, `*` added to voorlopig years."""
    years = values.drop_duplicates("school_year_start").sort_values("school_year_start")
    return {
        year: f"{year}*" if status == "voorlopig" else str(year)
        for year, status in zip(years["school_year"], years["status"], strict=True)
    }


def heatmap_matrix(values: pd.DataFrame) -> pd.DataFrame:
    """Rows of `patterns_heatmap.sql` -> regions x school years, newest-year value high first.

    Columns are school-year labels in time order with `*` added to voorlopig years; regions
    without a value in the newest year go last.
    """
    labels = _year_labels(values)
    matrix = values.pivot_table(
        index="region_name", columns="school_year", values="value", aggfunc="first", dropna=False
    )
    matrix = matrix.reindex(columns=list(labels))
    if len(matrix.columns):
        matrix = matrix.sort_values(matrix.columns[-1], ascending=False, na_position="last")
    return matrix.rename(columns=labels)


def heatmap_cells(values: pd.DataFrame, unit: str, decimals: int) -> pd.DataFrame:
    """The cells of `heatmap_matrix(values)` as text, same rows and columns: the value with
    `unit` (the bare number when `unit` is ''), `geen opgave` for a year without opgave, an
    estimate with its response beside it (`formatting.with_response`), `–` when hidden or
    absent."""
    texts = [
        with_response(
            format_value(row["value"], unit, decimals)
            if unit
            else format_number(row["value"], decimals),
            row,
        )
        for row in values.to_dict("records")
    ]
    labels = _year_labels(values)
    cells = values.assign(_text=texts).pivot_table(
        index="region_name", columns="school_year", values="_text", aggfunc="first", dropna=False
    )
    cells = cells.reindex(index=heatmap_matrix(values).index, columns=list(labels))
    return cells.rename(columns=labels).fillna(MISSING)


def heatmap(values: pd.DataFrame, indicator: Mapping[str, Any]) -> go.Figure:
    """Heatmap of one indicator: regions (rows) x school years (columns), the map scale.

    Cells without a value (suppressed, without opgave or missing) stay empty and show the grey
    background; the hover of every cell, also an empty one, says what it holds
    (`heatmap_cells`).

    Args:
        values: Rows of `patterns_heatmap.sql`.
        indicator: Registry row (label, unit, decimals).

    Returns:
        Figure with a single Heatmap trace.
    """
    matrix = heatmap_matrix(values)
    decimals = int(indicator["decimals"])
    show_text = len(matrix) <= 25
    height = max(260, 24 * len(matrix) + 110)
    colour_bar: dict[str, Any] = {
        "title": {"text": str(indicator["unit"])},
        "thickness": 12,
        "tickformat": f",.{decimals}f",
    }
    if height > HEATMAP_BAR_PX + 110:
        # a bar as long as 340 gemeenten (8,000 px) spread its few ticks out of sight: keep it
        # at the top, where the years are
        colour_bar |= {"lenmode": "pixels", "len": HEATMAP_BAR_PX, "y": 1, "yanchor": "top"}
    layout = base_layout(
        height,
        plot_bgcolor=GRID,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        yaxis={"automargin": True, "autorange": "reversed", "showgrid": False},
        xaxis={"automargin": True, "side": "top", "showgrid": False, "tickangle": 0},
    )
    trace: dict[str, Any] = {
        "type": "heatmap",
        "z": matrix.to_numpy(dtype=float),
        "x": list(matrix.columns),
        "y": list(matrix.index),
        "colorscale": MAP_COLOURSCALE,
        "xgap": 1,
        "ygap": 1,
        "colorbar": colour_bar,
        # the cell's text: its value, `geen opgave`, or an estimate with its response
        "customdata": heatmap_cells(values, str(indicator["unit"]), decimals).to_numpy(),
        "hovertemplate": "%{y}, %{x}<br>%{customdata}<extra></extra>",
    }
    if show_text:
        trace["texttemplate"] = f"%{{z:.{decimals}f}}"
    return figure([trace], layout)


def spread_positions(values: list[float], min_gap: float) -> list[float]:
    """Move label positions apart so neighbours are at least `min_gap` apart, keeping order.

    Labels are pushed up from the lowest one, then the whole set is shifted back down so its
    centre stays where the values' centre was.
    """
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = [0.0] * len(values)
    previous = -math.inf
    for i in order:
        placed[i] = max(values[i], previous + min_gap)
        previous = placed[i]
    if values:
        shift = (sum(placed) - sum(values)) / len(values)
        placed = [p - shift for p in placed]
    return placed


def _label_ends(
    rows: pd.DataFrame, decimals: int, height: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Annotations (region name and change) at each line's right end, without overlaps, and
    thin leader lines from the end point to its label.

    Returns:
        (annotations, shapes) as plain layout dicts.
    """
    if rows.empty:
        return [], []
    ends = [float(v) for v in rows["value_to"]]
    lows = [float(v) for v in rows[["ci_lower_from", "ci_lower_to"]].min(axis=1)]
    highs = [float(v) for v in rows[["ci_upper_from", "ci_upper_to"]].max(axis=1)]
    span = max(max(highs) - min(lows), 1e-9)
    min_gap = span * 15.0 / max(height - 120, 100)
    right = 1 + float(rows["_offset"].max()) + 0.06
    annotations: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    for name, change, y_label, y_end, offset in zip(
        rows["region_name"],
        rows["change"],
        spread_positions(ends, min_gap),
        ends,
        rows["_offset"],
        strict=True,
    ):
        sign = "+" if change > 0 else ""
        number = f"{sign}{change:.{decimals}f}".replace(".", ",")
        annotations.append(
            {
                "x": right,
                "y": y_label,
                "text": f"{name} ({number})",
                "showarrow": False,
                "xanchor": "left",
                "font": {"size": 11, "color": "#262730"},
            }
        )
        shapes.append(
            {
                "type": "line",
                "x0": 1 + float(offset),
                "x1": right,
                "y0": y_end,
                "y1": y_label,
                "line": {"color": "#AAAAAA", "width": 0.6},
            }
        )
    return annotations, shapes


def year_rows(changes: pd.DataFrame, side: str) -> list[dict[str, Any]]:
    """The rows of `patterns_changes.sql` for one year (`from` or `to`), suffix dropped."""
    suffix = f"_{side}"
    part = changes[[c for c in changes.columns if c.endswith(suffix)]]
    return part.rename(columns=lambda c: c.removesuffix(suffix)).to_dict("records")


def _slope_points(part: pd.DataFrame, unit: str, decimals: int) -> list[str]:
    """The hover value of each point of a slope chart (`year_from` points first): the value
    with its unit, an estimate with its response beside it (`formatting.with_response`)."""
    return [
        with_response(format_value(row["value"], unit, decimals), row)
        for side in ("from", "to")
        for row in year_rows(part, side)
    ]


def slope_chart(
    changes: pd.DataFrame, indicator: Mapping[str, Any], year_from: str, year_to: str
) -> go.Figure:
    """Slope chart of the largest changes between two school years, with 95% intervals.

    Each region is a line from its value in `year_from` to its value in `year_to`; rises are
    vermillion and solid, falls blue and dashed. Regions are spread a little sideways so their
    error bars do not hide each other. The region name and the change label the right end; a
    point's hover says when its value is an estimate, with the response.

    Args:
        changes: Rows of `patterns_changes.sql`.
        indicator: Registry row (label, unit, decimals).
        year_from: Label of the first school year (axis text).
        year_to: Label of the second school year (axis text).

    Returns:
        Figure with, per direction present (rises first): a line trace and a marker trace.
    """
    unit, decimals = str(indicator["unit"]), int(indicator["decimals"])
    n = max(len(changes), 1)
    offsets = [(i - (n - 1) / 2) * 0.012 for i in range(len(changes))]
    rows = changes.assign(_offset=offsets)
    traces: list[dict[str, Any]] = []
    for name, mask, colour, dash in (
        ("gestegen", rows["change"] > 0, RISE_COLOUR, "solid"),
        ("gedaald of gelijk", rows["change"] <= 0, FALL_COLOUR, "dash"),
    ):
        part = rows[mask]
        if part.empty:
            continue
        line_x: list[float | None] = []
        line_y: list[float | None] = []
        for offset, start, end in zip(
            part["_offset"], part["value_from"], part["value_to"], strict=True
        ):
            line_x += [offset, 1 + offset, None]
            line_y += [float(start), float(end), None]
        traces.append(
            {
                "type": "scatter",
                "x": line_x,
                "y": line_y,
                "mode": "lines",
                "name": name,
                "legendgroup": name,
                "line": {"color": colour, "width": 2, "dash": dash},
                "hoverinfo": "skip",
            }
        )
        xs = list(part["_offset"]) + list(1 + part["_offset"])
        ys = list(part["value_from"]) + list(part["value_to"])
        upper = list(part["ci_upper_from"] - part["value_from"]) + list(
            part["ci_upper_to"] - part["value_to"]
        )
        lower = list(part["value_from"] - part["ci_lower_from"]) + list(
            part["value_to"] - part["ci_lower_to"]
        )
        names = list(part["region_name"]) * 2
        years = [year_from] * len(part) + [year_to] * len(part)
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "markers",
                "name": name,
                "legendgroup": name,
                "showlegend": False,
                "marker": {"color": colour, "size": 8},
                "error_y": {
                    "type": "data",
                    "array": upper,
                    "arrayminus": lower,
                    "color": colour,
                    "thickness": 1.2,
                    "width": 3,
                },
                "customdata": np.column_stack([names, years, _slope_points(part, unit, decimals)]),
                "hovertemplate": "%{customdata[0]}, %{customdata[1]}<br>%{customdata[2]}"
                "<extra></extra>",
            }
        )
    height = max(360, 30 * len(changes) + 140)
    annotations, shapes = _label_ends(rows, decimals, height)
    layout = base_layout(
        height,
        hovermode="closest",
        showlegend=True,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        annotations=annotations,
        shapes=shapes,
        xaxis={
            "automargin": True,
            "tickvals": [0, 1],
            "ticktext": [year_from, year_to],
            "range": [-0.15, 1.75],
            "showgrid": False,
            "zeroline": False,
        },
        yaxis={
            "automargin": True,
            "title": {"text": axis_title(indicator)},
            "gridcolor": GRID,
            "zeroline": False,
        },
    )
    return figure(traces, layout)
