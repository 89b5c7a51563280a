"""Regioprofiel: one RMC-regio or gemeente against the country, every indicator over all years."""

from __future__ import annotations

import streamlit as st

from dashboard import (
    charts,
    charts_profile,
    components,
    embed,
    expected_display,
    formatting,
    markup,
    queries,
    queries_explore,
    queries_structure,
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

regions = queries.all_regions()
indicators = queries.indicators()
registry = tables.indicator_map(indicators)
years = tables.year_labels(queries_explore.export_years())
options = tables.region_options(regions, ["rmc", "gemeente"])
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
expected = queries_structure.expected_region(code, newest) if level == "gemeente" else None
if expected is not None and not expected.empty:
    st.header(text.expected_header(formatting.format_school_year(newest)))
    st.markdown(expected_display.EXPECTED_MEANING)
    components.data_table(
        expected_display.expected_table(expected),
        key=f"{PAGE}__verwacht",
        view=text.expected_view(name, formatting.format_school_year(newest)),
        indicators=list(expected["indicator_key"]),
    )
    labels = dict(zip(expected["indicator_key"], expected["label"], strict=True))
    funnel_key = components.indicator_select(
        text.EXPECTED_FUNNEL_FOR,
        labels,
        key=f"{PAGE}__verwacht_indicator",
        param="verwacht",
        notices=notices,
    )
    ratio_values, ratio_limits = expected_display.ratio_funnel(
        queries_structure.expected_funnel(funnel_key, newest), code
    )
    components.chart(
        charts.funnel_plot(
            markup.plotly_names(ratio_values),
            ratio_limits,
            unit="",
            decimals=2,
            value_label=text.RATIO_LABEL,
            denominator_label=text.RATIO_DENOMINATOR,
            centre_label=text.RATIO_CENTRE,
            size_word=text.RATIO_SIZE_WORD,
        ),
        size=EXPECTED_FUNNEL_SIZE,
        alt_text=expected_display.ratio_funnel_alt(ratio_values, labels[funnel_key], name),
        table=expected_display.ratio_funnel_table(ratio_values),
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
    indicator = registry[indicator_key]
    members = queries_explore.profile_members(code, indicator_key, year)
    verdicts = [str(v) for v in members["funnel_class"]]
    left, right = st.columns([3, 2])
    with left:
        components.data_table(
            tables.members_table(members, indicator, verdicts),
            key=f"{PAGE}__members",
            view=text.members_view(name, str(indicator["label"]), years[year]),
            indicators=[indicator_key],
        )
    with right:
        components.chart(
            charts_profile.members_map(
                markup.plotly_names(members), indicator, queries.region_geojson("gemeente")
            ),
            size=MEMBERS_MAP_SIZE,
            alt_text=tables.members_alt_text(members, indicator, years[year]),
            table=None,  # the table on the left is this map's data
            key=f"{PAGE}__map",
            is_map=True,
        )

components.voorlopig_footnote()
st.caption(markup.escape(text.footer(label_legend(), threshold)))
with notice_area:
    components.show_notices(notices)
