"""The three compact views of the embedding page, made of the pages' own parts.

- `kerncijfers`: the region's card metric of Overzicht (newest value or its `<5`/`x`/`geen
  opgave` label, change against the year before, 95%-interval, verdict against Nederland, or
  for an estimate its response) and Nederland (with its response when estimated);
- `trend`: the Regioprofiel line chart (region against Nederland with 95% bands);
- `kaart`: the Vergelijken map of gemeenten: a gemeente outlined among the gemeenten of its
  RMC-regio, an RMC-regio or provincie as its own gemeenten.

Each view starts with the region's name and the indicator, says in one plain sentence where
the region's newest figure lies against Nederland (the sentence of Vergelijken), and ends with
the source, DEMO for a demo warehouse, and a link to the whole picture in Kompas. Figures are
built once per region, indicator and warehouse and shared read-only, like the pages' own.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import (
    charts_profile,
    components,
    markup,
    narrative,
    queries,
    queries_explore,
)
from dashboard import explore_tables as tables
from dashboard.formatting import (
    format_school_year,
    format_value,
    hidden_label,
    label_legend,
    level_label,
    row_response,
)
from dashboard.texts import insluiten as text
from stats.response import NO_SUBMISSION

TREND_HEIGHT = 210
MAP_HEIGHT = 200
# Constant CSS, no user input: an iframe is small, so less space above and between the parts
# than on a page (Streamlit's embed mode keeps the top padding of its header).
COMPACT_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding: 0.5rem 0.75rem 0.25rem !important; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: 0.35rem; }
[data-testid="stMain"] h3 { padding: 0 !important; }
/* the footer is small grey text like a caption, but not faded: a caption's opacity would
   bring its link to 3:1 on white (WCAG AA asks 4.5:1; grey #595959 is 7:1) */
.st-key-insluiten-voet p { font-size: 0.875rem; color: #595959; }
</style>
"""


def _newest(series: pd.DataFrame) -> dict[str, Any] | None:
    rows = series.sort_values("school_year_start").to_dict("records")
    return rows[-1] if rows else None


def _year(row: dict[str, Any]) -> str:
    return format_school_year(str(row["school_year"]), row["status"] == "voorlopig")


def header(name: str, spec: queries.Indicator, row: dict[str, Any] | None) -> None:
    """The region's name, the indicator and the school year of its newest figure."""
    st.subheader(markup.escape(name), anchor=False)
    year = f", schooljaar {_year(row)}" if row else ""
    st.caption(markup.escape(f"{spec.label}{year}"))


def summary(
    name: str, level: str, spec: queries.Indicator, row: dict[str, Any], national: float | None
) -> None:
    """Where the newest figure lies against Nederland, in the words of Vergelijken."""
    flag = str(row.get("flag") or "")
    sentence = narrative.region_sentence(
        region_name=name,
        value=None if row["is_suppressed"] else row["value"],
        flag=flag,
        national_value=national,
        classification=str(row.get("funnel_class") or ""),
        unit=spec.unit,
        decimals=spec.decimals,
        higher_is_worse=spec.higher_is_worse,
        school_year=_year(row),
        region_level=level,
        response=row_response(row),
    )
    st.markdown(markup.escape(sentence))


def footer(spec: queries.Indicator, build: dict[str, Any], more_url: str) -> None:
    """One line: DEMO (for demo data), the source and the link to Kompas (a new tab)."""
    sources = queries.sources()
    rows = sources[sources["source_key"] == spec.source_key].to_dict("records")
    source = text.source_line(rows[0]["producer"], rows[0]["licence"]) if rows else ""
    parts = [text.DEMO] if build.get("is_demo") else []
    parts.append(markup.escape(source) if source else "")
    # the address is ours (dashboard.embed.full_view_url), percent-encoded; Streamlit opens
    # Markdown links in a new tab (target="_blank", rel="noopener noreferrer")
    parts.append(f"[{text.MORE}](<{more_url}>)")
    with st.container(key="insluiten-voet"):
        st.markdown(" · ".join(part for part in parts if part))


def kerncijfers(
    name: str, spec: queries.Indicator, region: pd.DataFrame, row: dict[str, Any]
) -> None:
    """The region's newest figure as on an Overzicht card, with Nederland beside it."""
    national = queries.national_series(spec.key)
    national_new = _newest(national)
    if national_new is None:
        components.region_metric(region, {"school_year": ""}, spec, name)
        return
    components.region_metric(region, national_new, spec, name)
    same_year = queries.national_figure(spec.key, str(row["school_year"]))
    if same_year is not None:
        value = format_value(same_year.value, spec.unit, spec.decimals)
        st.caption(
            markup.escape(
                text.national_line(
                    _year(row), f"{value} ({same_year.response})" if same_year.response else value
                )
            )
        )
    if str(row["flag"]) == NO_SUBMISSION:
        st.caption(markup.escape(text.no_opgave(name)))
    elif row["is_suppressed"]:
        st.caption(markup.escape(f"{hidden_label(str(row['flag']))}: {label_legend()}"))


@st.cache_resource(max_entries=64, show_spinner=False)
def _trend(
    level: str, code: str, name: str, indicator_key: str, warehouse: queries.Warehouse
) -> tuple[go.Figure, str]:
    series = queries_explore.profile_series(level, code)
    indicator = tables.indicator_map(queries.indicators())[indicator_key]
    fig = charts_profile.indicator_trend(
        series, indicator, markup.plotly_text(name), height=TREND_HEIGHT, compact=True
    )
    return fig, tables.trend_alt_text(series, indicator, name)


def trend(name: str, level: str, code: str, spec: queries.Indicator) -> None:
    """The Regioprofiel line chart of the indicator, lower."""
    fig, alt = _trend(level, code, name, spec.key, queries.warehouse_id())
    st.plotly_chart(
        fig, key="insluiten__trend", config=components.CHART_CONFIG, width="stretch", alt=alt
    )


def map_set(level: str, code: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The gemeenten the map shows: (comparison mode, focus codes, chosen codes)."""
    if level == "gemeente":
        return queries.COMPARE_RMC, (code,), ()
    area = components.area_members(level, code, "gemeente")
    return queries.COMPARE_CHOSEN, (), tuple(area.members) if area else ()


def kaart(name: str, level: str, code: str, spec: queries.Indicator, row: dict[str, Any]) -> None:
    """The gemeenten of the region (or of a gemeente's RMC-regio), coloured by the figure."""
    mode, focus, chosen = map_set(level, code)
    year = str(row["school_year"])
    fig = components.comparison_figures(spec.key, "gemeente", year, mode, focus, chosen)["map"]
    shown = queries.comparison(spec.key, "gemeente", year, mode, focus, chosen).in_set
    absent = shown.loc[shown["flag"] == NO_SUBMISSION, "region_name"]
    area = name if level == "gemeente" else f"{level_label(level)} {name}"
    alt = text.map_alt(
        area, spec.short_label, _year(row), outlined=name if focus else None, absent=list(absent)
    )
    st.plotly_chart(
        fig,
        key="insluiten__kaart",
        config=components.MAP_CONFIG,
        width="stretch",
        alt=alt,
        height=MAP_HEIGHT,
    )


def show(region: dict[str, Any], spec: queries.Indicator, view: str, more_url: str) -> None:
    """One view of one region: header, the view, the sentence against Nederland, the footer.

    Args:
        region: A row of all_regions.sql (gemeente, RMC-regio or provincie).
        spec: The indicator.
        view: "kerncijfers", "trend" or "kaart".
        more_url: Where "Meer in Kompas" leads.
    """
    st.html(COMPACT_CSS)
    code, name, level = (str(region[c]) for c in ("region_code", "region_name", "region_level"))
    series = queries.region_series(code, spec.key)
    row = _newest(series)
    header(name, spec, row)
    if row is None:
        st.info(text.NO_FIGURE)
    elif view == "kerncijfers":
        kerncijfers(name, spec, series, row)
    else:
        if view == "trend":
            trend(name, level, code, spec)
        else:
            kaart(name, level, code, spec, row)
        national = queries.national_figure(spec.key, str(row["school_year"]))
        summary(name, level, spec, row, national.value if national else None)
    footer(spec, queries.build_info(), more_url)
