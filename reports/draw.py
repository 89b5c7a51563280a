"""One entry for drawing any of the dashboard's figures as SVG: the renderer for its kind.

Maps (choropleth traces, with names as a text trace) go to `reports.svg.map_svg`, the ranking
(a bar trace) to `reports.svg_bars.bar_svg`, a heatmap to `reports.svg_heatmap.heatmap_svg`,
line and point charts to `reports.svg.figure_svg`.
A figure none of them draws raises `reports.svg.UnsupportedFigure`.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from reports.svg import figure_svg, map_svg
from reports.svg_bars import bar_svg
from reports.svg_heatmap import heatmap_svg

MAP_TRACES = frozenset({"choropleth", "scattergeo"})


def chart_svg(
    fig: go.Figure, width: float, height: float, *, hover: bool = False, hatched: Sequence[int] = ()
) -> str:
    """`fig` as an SVG document of `width` x `height` pixels.

    Args:
        fig: A figure of the dashboard's chart functions.
        width, height: Size in pixels.
        hover: Every point, bar and region gets its plotly hover text as a `<title>`.
        hatched: Map traces drawn hatched over their fill (regions without a figure).
    """
    kinds = {trace.type for trace in fig.data}
    if kinds & MAP_TRACES:
        return map_svg(fig, width, height, hatched=hatched, hover=hover)
    if "bar" in kinds:
        return bar_svg(fig, width, height, hover=hover)
    if "heatmap" in kinds:
        return heatmap_svg(fig, width, height, hover=hover)
    return figure_svg(fig, width, height, hover=hover)
