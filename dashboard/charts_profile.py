"""Pure chart functions for the Regioprofiel page: query DataFrames in, plotly figures out.

No Streamlit here. Colours and the base layout come from `dashboard.charts` (Okabe-Ito,
YlOrRd; safe for the common colour vision deficiencies); the region and the country also
differ in line style, so colour is never the only cue. Numbers in hover labels and axes use
Dutch separators (`layout.separators`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import (
    BLUE,
    GRID,
    MAP_COLOURSCALE,
    MUTED,
    NO_DATA,
    NO_DATA_OUTLINE,
    NO_FIGURE_META,
    VERMILLION,
    base_layout,
    figure,
    subset_shapes,
)

# Colours from the shared chart module: the region is the focus (vermillion, solid, thick),
# the country the reference (blue, dashed), as on the other pages.
REGION_COLOUR = VERMILLION
REGION_BAND = "rgba(213, 94, 0, 0.16)"
COUNTRY_COLOUR = BLUE
COUNTRY_BAND = "rgba(0, 114, 178, 0.12)"
BREAK_COLOUR = MUTED
TICK_ANGLE = -60
TICK_FONT_SIZE = 11
# A rotated tick label hangs to the left of its tick by its width times cos(angle); the first
# one ("2017-2018") would be cut off by the figure edge, because plotly's automargin only grows
# the bottom margin for x labels. Average glyph width of the font is about 0.6 em.
LEFT_MARGIN = 56
# The legend sits at the bottom of the figure, below the rotated labels: plotly places a legend
# by the plot area (so a fixed offset overlaps labels once they are long) and does not stack it
# with the axis labels' automargin. So the bottom margin holds both, estimated from the text.
GLYPH_EM = 0.6
TICK_GAP = 8
LEGEND_HEIGHT = 30


def value_format(unit: str, decimals: int) -> str:
    """d3 format for hover labels: `%{y:.1f}%` style suffix for shares, ` per 1.000` for rates."""
    suffix = "%" if unit == "%" else f" {unit}"
    return f":.{int(decimals)}f}}{suffix}"


def axis_title(indicator: Mapping[str, Any]) -> str:
    """Label with its unit, unless the label already names it ('... (%)', '... per 1.000')."""
    label, unit = str(indicator["label"]), str(indicator["unit"])
    return label if unit in label else f"{label} ({unit})"


def year_ticks(years: pd.DataFrame) -> tuple[list[int], list[str]]:
    """Tick positions (start years) and labels (`2023-2024`, with `*` when voorlopig)."""
    rows = years.drop_duplicates("school_year_start").sort_values("school_year_start")
    labels = [
        f"{label}*" if status == "voorlopig" else str(label)
        for label, status in zip(rows["school_year"], rows["status"], strict=True)
    ]
    return [int(s) for s in rows["school_year_start"]], labels


def _bottom_margin(ticktext: Sequence[str], legend_below: bool = True) -> int:
    """Pixels below the plot for the rotated school-year labels (plus the legend under them)."""
    longest = max((len(label) for label in ticktext), default=0) * GLYPH_EM * TICK_FONT_SIZE
    angle = math.radians(abs(TICK_ANGLE))
    labels = longest * math.sin(angle) + TICK_FONT_SIZE * math.cos(angle)
    return math.ceil(labels) + TICK_GAP + (LEGEND_HEIGHT if legend_below else 0)


def _band(
    x: Sequence[int], lower: pd.Series, upper: pd.Series, colour: str, name: str
) -> dict[str, Any]:
    """Closed polygons between the interval bounds, one per run of years with both bounds.

    Runs are separated by None, so a year without a figure leaves a gap instead of a bridge.
    """
    keep = lower.notna().to_numpy() & upper.notna().to_numpy()
    xs: list[float | None] = []
    ys: list[float | None] = []
    run: list[int] = []
    for i in [*range(len(keep)), len(keep)]:
        if i < len(keep) and keep[i]:
            run.append(i)
            continue
        if run:
            rx = [float(x[j]) for j in run]
            xs += rx + rx[::-1] + [None]
            ys += [float(upper.iloc[j]) for j in run]
            ys += [float(lower.iloc[j]) for j in run][::-1] + [None]
        run = []
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": colour,
        "line": {"width": 0},
        "hoverinfo": "skip",
        "name": name,
        "showlegend": False,  # the caption explains the bands; a short legend fits narrow columns
    }


def indicator_trend(
    series: pd.DataFrame,
    indicator: Mapping[str, Any],
    region_name: str,
    height: int = 300,
    compact: bool = False,
) -> go.Figure:
    """Lines with 95% bands for one indicator: the region (solid) against the country (dashed).

    Voorlopig years get an open marker and an asterisk on the axis; each trend break is a
    vertical dotted line just before the school year where the series breaks.

    Args:
        series: Rows of `profile_series.sql` (any number of indicators; this one is picked).
        indicator: A row of the indicator registry (indicator_key, label, unit, decimals,
            trend_breaks).
        region_name: Name of the region for the legend.
        height: Figure height in pixels.
        compact: For a low chart under a heading that names the indicator (the embedding
            page): no title, the legend above the plot on the right, next to the trend-break
            label, so the bottom holds only the school years.

    Returns:
        Figure with traces: country band, country line, region band, region line, in that order.
    """
    rows = series[series["indicator_key"] == indicator["indicator_key"]].sort_values(
        "school_year_start"
    )
    x = [int(v) for v in rows["school_year_start"]]
    fmt = value_format(str(indicator["unit"]), int(indicator["decimals"]))
    provisional = (rows["status"] == "voorlopig").to_numpy()
    symbols = ["circle-open" if p else "circle" for p in provisional]

    def line(
        name: str, prefix: str, colour: str, width: int, dash: str, size: int
    ) -> dict[str, Any]:
        lower, upper = f"{prefix}ci_lower", f"{prefix}ci_upper"
        return {
            "type": "scatter",
            "x": x,
            "y": rows[f"{prefix}value"].to_numpy(),
            "mode": "lines+markers",
            "name": name,
            "connectgaps": False,
            "line": {"color": colour, "width": width, "dash": dash},
            "marker": {"symbol": symbols, "size": size, "color": colour, "line": {"width": 2}},
            "customdata": rows[["school_year", lower, upper]].to_numpy(),
            "hovertemplate": (
                f"{name}, %{{customdata[0]}}<br>%{{y{fmt}<br>95%-interval "
                f"%{{customdata[1]{fmt} tot %{{customdata[2]{fmt}<extra></extra>"
            ),
        }

    # One unvalidated constructor call with a complete layout (see `charts.figure`).
    starts = dict(zip(rows["school_year"], x, strict=True))
    breaks = indicator.get("trend_breaks")
    positions = [
        starts[label] - 0.5
        for label in ([] if breaks is None else list(breaks))
        if label in starts and starts[label] != min(x)
    ]
    tickvals, ticktext = year_ticks(rows)
    if compact:
        top, legend = 28, {"x": 1, "xanchor": "right", "yref": "paper", "y": 1.02}
        heading: dict[str, Any] = {}
    else:
        top, legend = 40, {"x": 0, "yref": "container", "y": 0}
        heading = {"title": {"text": str(indicator["label"]), "font": {"size": 15}}}
    layout = base_layout(
        height,
        **heading,
        margin={"l": LEFT_MARGIN, "r": 10, "t": top, "b": _bottom_margin(ticktext, not compact)},
        showlegend=True,
        legend={"orientation": "h", **legend, "yanchor": "bottom"},
        hovermode="closest",
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": pos,
                "x1": pos,
                "y0": 0,
                "y1": 1,
                "line": {"color": BREAK_COLOUR, "dash": "dash", "width": 1.5},
            }
            for pos in positions
        ],
        annotations=[
            {
                "text": "trendbreuk",
                "x": pos,
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"color": BREAK_COLOUR, "size": 11},
            }
            for pos in positions
        ],
        xaxis={
            "tickvals": tickvals,
            "ticktext": ticktext,
            "tickangle": TICK_ANGLE,
            "tickfont": {"size": TICK_FONT_SIZE},
            "showgrid": False,
            "linecolor": MUTED,
            "automargin": True,
        },
        yaxis={
            "title": {"text": str(indicator["unit"])},
            "rangemode": "tozero",
            "gridcolor": GRID,
            "zeroline": False,
            "automargin": True,
        },
    )
    return figure(
        [
            _band(x, rows["nl_ci_lower"], rows["nl_ci_upper"], COUNTRY_BAND, "95%-interval NL"),
            line("Nederland", "nl_", COUNTRY_COLOUR, 2, "dash", 7),
            _band(x, rows["ci_lower"], rows["ci_upper"], REGION_BAND, "95%-interval regio"),
            line(region_name, "", REGION_COLOUR, 3, "solid", 9),
        ],
        layout,
    )


def members_map(
    members: pd.DataFrame, indicator: Mapping[str, Any], geojson: Mapping[str, Any]
) -> go.Figure:
    """Small choropleth of the gemeenten of one RMC-regio (go.Choropleth, offline topojson).

    Suppressed or missing gemeenten are drawn in light grey as a separate trace, so the colour
    scale only shows real values.

    Args:
        members: Rows of `profile_members.sql`.
        indicator: A row of the indicator registry (label, unit, decimals).
        geojson: FeatureCollection with `id` = region_code (at least the members' shapes).

    Returns:
        Figure with traces: values (colour scale), then suppressed/missing (grey).
    """
    shapes = subset_shapes(geojson, members["region_code"])
    fmt = value_format(str(indicator["unit"]), int(indicator["decimals"]))
    known = members[members["value"].notna()]
    unknown = members[members["value"].isna()]
    common = {"type": "choropleth", "geojson": shapes, "featureidkey": "id"}
    data = [
        {
            **common,
            "locations": known["region_code"].to_numpy(),
            "z": known["value"].to_numpy(),
            "text": known["region_name"].to_numpy(),
            "colorscale": MAP_COLOURSCALE,
            "marker": {"line": {"color": "white", "width": 1}},
            "colorbar": {
                "title": {"text": str(indicator["unit"])},
                "thickness": 12,
                "len": 0.8,
                "tickformat": f",.{int(indicator['decimals'])}f",
            },
            "hovertemplate": "%{text}<br>%{z" + fmt + "<extra></extra>",
            "name": str(indicator["short_label"]) if "short_label" in indicator else "waarde",
        },
        {
            **common,
            "locations": unknown["region_code"].to_numpy(),
            "z": [0] * len(unknown),
            "text": unknown["region_name"].to_numpy(),
            "colorscale": [[0, NO_DATA], [1, NO_DATA]],
            "showscale": False,
            "marker": {"line": {"color": NO_DATA_OUTLINE, "width": 1.2}},
            "hovertemplate": "%{text}<br>geen cijfer (kleine aantallen)<extra></extra>",
            "name": "geen cijfer",
            "meta": NO_FIGURE_META,
        },
    ]
    layout = base_layout(
        260,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        # Mercator, as the Vergelijken map: the default (equirectangular) stretches the
        # Netherlands east-west by 1/cos(52°)
        geo={"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}},
    )
    return figure(data, layout)
