"""The three charts of Patronen (scatter, heatmap, largest changes), each with its text
alternative and its table, built once per selection and warehouse.

Building them (plotly figures, and the heatmap's text for every region and year) is most of
the page's work, and a new visitor opens the page with the default selection: cached, that
first run only sends what was built before. The results are shared read-only between
sessions and reruns (the SVG writer only reads a figure; st.dataframe serialises a copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts_patterns, formatting, markup, queries, queries_explore
from dashboard import explore_tables as tables
from dashboard.texts import patronen as text

#: Width (px) of Patronen's charts, drawn as SVG in the page: the page's main column at a
#: 1400 px wide window (they shrink to a narrower one).
CHART_WIDTH = 740


@dataclass(frozen=True)
class PatternChart:
    """A Patronen chart: the figure, its text alternative and its table."""

    figure: go.Figure
    alt_text: str
    table: pd.DataFrame

    @property
    def size(self) -> tuple[int, int]:
        """Width and height (px) to draw the chart in: the column's width and the figure's
        own height (the heatmap's grows with its rows, 24 px per region)."""
        return CHART_WIDTH, int(self.figure.layout.height)


@dataclass(frozen=True)
class ScatterChart(PatternChart):
    """The scatter, with the sentence that reads its line and correlation."""

    sentence: str


def _registry() -> dict[str, dict[str, Any]]:
    return tables.indicator_map(queries.indicators())


def _year_labels() -> dict[str, str]:
    return tables.year_labels(queries_explore.export_years())


@st.cache_resource(max_entries=64, show_spinner=False)
def _scatter(
    level: str, year: str, x_key: str, y_key: str, warehouse: queries.Warehouse
) -> ScatterChart:
    registry = _registry()
    x_ind, y_ind = registry[x_key], registry[y_key]
    pairs = queries_explore.patterns_scatter(level, year, x_key, y_key)
    fit = charts_patterns.fit_line(pairs)
    left_out = len(pairs) - (fit.n if fit else 0)
    return ScatterChart(
        figure=charts_patterns.scatter(markup.plotly_names(pairs), x_ind, y_ind, fit),
        alt_text=text.scatter_alt(formatting.LEVEL_LABELS[level], _year_labels()[year]),
        table=tables.scatter_table(pairs, x_ind, y_ind),
        sentence=tables.scatter_sentence(fit, x_ind, y_ind, left_out, level),
    )


def scatter(level: str, year: str, x_key: str, y_key: str) -> ScatterChart:
    """Two indicators across the regions of `level` in school year `year`, with the fitted
    line and the sentence reading it."""
    return _scatter(level, year, x_key, y_key, queries.warehouse_id())


@st.cache_resource(max_entries=64, show_spinner=False)
def _heatmap(
    level: str, indicator_key: str, parent: str, warehouse: queries.Warehouse
) -> PatternChart:
    indicator = _registry()[indicator_key]
    values = queries_explore.patterns_heatmap(level, indicator_key, parent)
    return PatternChart(
        figure=charts_patterns.heatmap(markup.plotly_names(values), indicator),
        alt_text=tables.heatmap_alt_text(values, indicator, level) + text.HEATMAP_NOTE,
        table=tables.heatmap_table(values, indicator),
    )


def heatmap(level: str, indicator_key: str, parent: str) -> PatternChart:
    """One indicator for the regions of `level` (within `parent`, '' for all) x school years."""
    return _heatmap(level, indicator_key, parent, queries.warehouse_id())


@st.cache_resource(max_entries=64, show_spinner=False)
def _changes(
    level: str,
    indicator_key: str,
    year_from: str,
    year_to: str,
    top_n: int,
    warehouse: queries.Warehouse,
) -> PatternChart:
    indicator = _registry()[indicator_key]
    years = _year_labels()
    label_from, label_to = years[year_from], years[year_to]
    changes = queries_explore.patterns_changes(level, indicator_key, year_from, year_to, top_n)
    return PatternChart(
        figure=charts_patterns.slope_chart(
            markup.plotly_names(changes), indicator, label_from, label_to
        ),
        alt_text=tables.changes_alt_text(changes, indicator, label_from, label_to, level)
        + text.CHANGES_NOTE,
        table=tables.changes_table(changes, indicator, label_from, label_to),
    )


def changes(
    level: str, indicator_key: str, year_from: str, year_to: str, top_n: int
) -> PatternChart:
    """The `top_n` regions of `level` whose `indicator_key` changed most between two school
    years, as a slope chart."""
    return _changes(level, indicator_key, year_from, year_to, top_n, queries.warehouse_id())
