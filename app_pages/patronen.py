"""Patronen: how indicators go together across regions, a region x year heatmap, largest changes."""

from __future__ import annotations

import streamlit as st

from dashboard import components, markup, patterns_view, queries, queries_explore
from dashboard import explore_tables as tables
from dashboard.texts import patronen as text

PAGE = "patronen"
TOP_N = [5, 10, 15, 20]

st.title(text.TITLE)
components.copy_link_button()
components.small_screen_style()
notices: list[str] = []
notice_area = st.container()

regions = queries.all_regions()
registry = tables.indicator_map(queries.indicators())
keys = list(registry)
years = tables.year_labels(queries_explore.export_years())
year_list = list(years)


def indicator_label(key: str) -> str:
    return str(registry[key]["label"])


level = components.level_picker(key=f"{PAGE}__level", notices=notices)

# --- scatter -------------------------------------------------------------------------------
st.header(text.SCATTER)
controls = st.columns(3)
with controls[0]:
    x_key = components.url_select(
        text.X_AXIS,
        keys,
        key=f"{PAGE}__x",
        param="x",
        default=keys[0],
        notices=notices,
        format_func=indicator_label,
        what="de indicator",
    )
with controls[1]:
    y_key = components.url_select(
        text.Y_AXIS,
        keys,
        key=f"{PAGE}__y",
        param="y",
        default=keys[1] if len(keys) > 1 else keys[0],
        notices=notices,
        format_func=indicator_label,
        what="de indicator",
    )
with controls[2]:
    year = components.url_select(
        text.SCHOOL_YEAR,
        year_list[::-1],
        key=f"{PAGE}__year",
        param="jaar",
        default=year_list[-1],
        notices=notices,
        format_func=years.__getitem__,
        what="het schooljaar",
    )
scatter = patterns_view.scatter(level, year, x_key, y_key)
st.markdown(markup.escape(scatter.sentence))
components.chart(
    scatter.figure,
    size=scatter.size,
    alt_text=scatter.alt_text,
    table=scatter.table,
    key=f"{PAGE}__scatter",
    indicators=[x_key, y_key],
)

# --- heatmap and changes share one indicator -------------------------------------------------
st.header(text.HEATMAP)
controls = st.columns(2)
with controls[0]:
    key = components.url_select(
        text.INDICATOR,
        keys,
        key=f"{PAGE}__indicator",
        param="indicator",
        default=keys[0],
        notices=notices,
        format_func=indicator_label,
        what="de indicator",
    )
parents = tables.parent_options(regions, level)
with controls[1]:
    parent = components.url_select(
        text.WHICH_REGIONS,
        list(parents),
        key=f"{PAGE}__parent",
        param="binnen",
        default=components.carried_parent(list(parents)),
        notices=notices,
        format_func=parents.__getitem__,
        what="het gebied",
    )
heatmap = patterns_view.heatmap(level, key, parent)
components.chart(
    heatmap.figure,
    size=heatmap.size,
    alt_text=heatmap.alt_text,
    table=heatmap.table,
    key=f"{PAGE}__heatmap",
    indicators=[key],
)

st.header(text.CHANGES)
controls = st.columns(3)
with controls[0]:
    year_from = components.url_select(
        text.YEAR_FROM,
        year_list,
        key=f"{PAGE}__from",
        param="van",
        default=year_list[0],
        notices=notices,
        format_func=years.__getitem__,
        what="het schooljaar",
    )
with controls[1]:
    year_to = components.url_select(
        text.YEAR_TO,
        year_list[::-1],
        key=f"{PAGE}__to",
        param="tot",
        default=year_list[-1],
        notices=notices,
        format_func=years.__getitem__,
        what="het schooljaar",
    )
with controls[2]:
    top_n = components.url_select(
        text.HOW_MANY,
        TOP_N,
        key=f"{PAGE}__top",
        param="aantal",
        default=10,
        notices=notices,
        what="het aantal",
    )
if year_list.index(year_from) >= year_list.index(year_to):
    st.info(text.YEARS_REVERSED)
else:
    breaks = tables.breaks_between(registry[key], year_from, year_to)
    if breaks:
        st.warning(markup.escape(text.trend_break(", ".join(breaks))), icon="⚠️")
    changes = patterns_view.changes(level, key, year_from, year_to, top_n)
    components.chart(
        changes.figure,
        size=changes.size,
        alt_text=changes.alt_text,
        table=changes.table,
        key=f"{PAGE}__slope",
        indicators=[key],
    )

with notice_area:
    components.show_notices(notices)
