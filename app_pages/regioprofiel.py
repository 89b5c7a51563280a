"""Regioprofiel: one RMC-regio or gemeente against the country, every indicator over all years."""

from __future__ import annotations

import streamlit as st

from dashboard import (
    components,
    embed,
    expected_display,
    formatting,
    markup,
    profile_view,
    queries,
    queries_explore,
)
from dashboard import explore_tables as tables
from dashboard.db import suppression_threshold
from dashboard.formatting import label_legend
from dashboard.texts import regioprofiel as text

PAGE = "regioprofiel"
# pixel sizes of the charts drawn in the page (they shrink to a narrower column)
EXPECTED_FUNNEL_SIZE = (760, 420)
MEMBERS_MAP_SIZE = (320, 260)

st.title(text.TITLE)
components.copy_link_button()
components.small_screen_style()
notices: list[str] = []
notice_area = st.container()

indicators = queries.indicators()
registry = tables.indicator_map(indicators)
years = tables.year_labels(queries_explore.export_years())
options = profile_view.region_options()
carried = components.carried_region()
default_region = carried[1] if carried and carried[1] in options else next(iter(options))

code = components.url_select(
    text.REGION,
    list(options),
    key=f"{PAGE}__region",
    param="regio",
    default=default_region,
    notices=notices,
    format_func=options.__getitem__,
    what="de regio",
    help=text.REGION_HELP,
)
region = queries.region_row(code) or {}
name = str(region["region_name"])
level = str(region["region_level"])
content = components.profile(level, code, name)
threshold = suppression_threshold()

if level == "gemeente":
    st.caption(markup.escape(text.gemeente_caption(region["rmc_name"], region["provincie_name"])))
else:
    st.caption(markup.escape(text.rmc_caption(region["provincie_name"])))
with st.container(horizontal=True):
    components.report_button(code)
    embed.embed_button([code], list(registry), page_path=PAGE, key=PAGE)

st.header(text.SUMMARY)
if content.summary:
    st.markdown("\n".join(f"- {markup.escape(sentence)}" for sentence in content.summary))
else:
    st.info(markup.escape(text.no_figures(name)))

st.header(markup.escape(text.trends_header(name)))
st.caption(text.TRENDS_CAPTION)
columns = st.columns(2)
for number, trend in enumerate(content.trends):
    with columns[number % 2]:
        components.static_chart(
            trend.image,
            alt_text=trend.alt_text,
            table=trend.table,
            key=f"{PAGE}__trend_{trend.key}",
            indicators=[trend.key],
        )

newest = str(queries.build_info()["last_school_year"])
expected = profile_view.expected_table(code, newest) if level == "gemeente" else None
if expected is not None:
    st.header(text.expected_header(formatting.format_school_year(newest)))
    st.markdown(expected_display.EXPECTED_MEANING)
    components.data_table(
        expected.table,
        key=f"{PAGE}__verwacht",
        view=text.expected_view(name, formatting.format_school_year(newest)),
        indicators=list(expected.labels),
    )
    funnel_key = components.indicator_select(
        text.EXPECTED_FUNNEL_FOR,
        expected.labels,
        key=f"{PAGE}__verwacht_indicator",
        param="verwacht",
        notices=notices,
    )
    ratios = profile_view.expected_funnel(
        code, funnel_key, expected.labels[funnel_key], name, newest
    )
    components.chart(
        ratios.figure,
        size=EXPECTED_FUNNEL_SIZE,
        alt_text=ratios.alt_text,
        table=ratios.table,
        indicators=[funnel_key],
        key=f"{PAGE}__verwacht_trechter",
    )

if level == "rmc":
    st.header(markup.escape(text.members_header(name)))
    left, right = st.columns(2)
    with left:
        indicator_key = components.indicator_select(
            text.INDICATOR,
            {key: str(spec["label"]) for key, spec in registry.items()},
            key=f"{PAGE}__member_indicator",
            param="indicator",
            notices=notices,
        )
    with right:
        year = components.url_select(
            text.SCHOOL_YEAR,
            list(years)[::-1],
            key=f"{PAGE}__member_year",
            param="jaar",
            default=list(years)[-1],
            notices=notices,
            format_func=years.__getitem__,
            what="het schooljaar",
        )
    members = profile_view.members(code, indicator_key, year)
    left, right = st.columns([3, 2])
    with left:
        components.data_table(
            members.table,
            key=f"{PAGE}__members",
            view=text.members_view(name, str(registry[indicator_key]["label"]), years[year]),
            indicators=[indicator_key],
        )
    with right:
        components.chart(
            members.figure,
            size=MEMBERS_MAP_SIZE,
            alt_text=members.alt_text,
            table=None,  # the table on the left is this map's data
            key=f"{PAGE}__map",
            is_map=True,
        )

components.voorlopig_footnote()
st.caption(markup.escape(text.footer(label_legend(), threshold)))
with notice_area:
    components.show_notices(notices)
