"""Vergelijken: one indicator across the regions of a level, against the country."""

from __future__ import annotations

import streamlit as st

from dashboard import components, embed, formatting, markup, narrative, queries
from dashboard.texts import vergelijken as text

PAGE = "vergelijken"
# pixel widths of the charts drawn in the page: one of two columns, the whole main area (a
# chart shrinks to a narrower one)
COLUMN_WIDTH = 430
FULL_WIDTH = 760

st.title(text.TITLE)
components.copy_link_button()
components.small_screen_style()
st.markdown(text.INTRO)
notices: list[str] = []
top = st.columns([1.3, 2.2, 1])
with top[0]:
    level = components.level_picker(key=f"{PAGE}__niveau", notices=notices)
with top[1]:
    indicator = components.indicator_picker(key=f"{PAGE}__indicator", notices=notices)
with top[2]:
    year, is_voorlopig = components.year_picker(indicator, key=f"{PAGE}__jaar", notices=notices)
# the carried RMC-regio or provincie at a lower level: its regions are the default set
area = components.carried_area(level)
second = st.columns([2, 2])
with second[0]:
    focus = components.focus_picker(level, key=f"{PAGE}__focus", notices=notices)
with second[1]:
    mode = components.compare_picker(
        level,
        key=f"{PAGE}__vergelijk",
        notices=notices,
        default=queries.COMPARE_CHOSEN if area else queries.COMPARE_ALL,
    )
chosen: list[str] = []
if mode == queries.COMPARE_CHOSEN:
    chosen = components.chosen_picker(
        level,
        key=f"{PAGE}__selectie",
        notices=notices,
        default=area.members if area else (),
    )
components.show_notices(notices)
embed.embed_button(focus, [indicator], page_path=PAGE, key=PAGE)

spec = queries.indicator_specs()[indicator]
comp = queries.comparison(indicator, level, year, mode, focus, chosen)
if comp.mode != mode:
    st.info(text.NO_FOCUS_FOR_AREA, icon=":material/info:")
set_text = (
    components.area_description(area, level)
    if area and comp.mode == queries.COMPARE_CHOSEN and sorted(chosen) == sorted(area.members)
    else narrative.set_description(level, comp.mode, comp.parent_names)
)
year_text = formatting.format_school_year(year, is_voorlopig)
national = comp.national.value if comp.national else None
focus_names = list(comp.values.loc[comp.values["is_focus"], "region_name"])
table = formatting.comparison_display(comp.in_set, spec.unit, spec.decimals)

st.header(markup.escape(f"{spec.label}, {year_text}"))
components.comparison_summary(
    comp,
    spec,
    region_level=level,
    school_year=year,
    is_voorlopig=is_voorlopig,
    set_text=set_text,
)

if comp.mode == queries.COMPARE_PEERS:
    components.peer_reasons(level, focus)

figures = components.comparison_figures(indicator, level, year, mode, focus, chosen)
left, right = st.columns(2)
with left:
    st.markdown(text.MAP)
    components.chart(
        figures["map"],
        alt_text=narrative.map_alt(
            set_text,
            formatting.sentence_label(spec.short_label, spec.unit),
            year_text,
            focus_names,
            comp.in_set,
        )
        + components.map_names_note(figures["map"], len(comp.in_set)),
        table=None,
        key=f"{PAGE}__kaart",
        is_map=True,
        size=(COLUMN_WIDTH, figures["map"].layout.height),
    )
with right:
    st.markdown(text.RANKING)
    components.chart(
        figures["ranking"],
        alt_text=narrative.ranking_alt(comp.in_set, spec.unit, spec.decimals, set_text, national)
        + text.RANKING_TABLE_NOTE,
        table=None,
        key=f"{PAGE}__rangorde",
        size=(COLUMN_WIDTH, figures["ranking"].layout.height),
    )

st.markdown(text.FUNNEL)
components.chart(
    figures["funnel"],
    alt_text=narrative.funnel_alt(
        list(comp.in_set["classification"]),
        set_text,
        comp.fit,
        level,
        comp.in_set,
        comp.national.response if comp.national else "",
    )
    + text.FUNNEL_TABLE_NOTE,
    table=None,
    key=f"{PAGE}__trechter",
    size=(FULL_WIDTH, figures["funnel"].layout.height),
)
st.markdown(text.TABLE)
components.data_table(
    table,
    key=f"{PAGE}__tabel",
    view=text.table_view(spec.label, year_text, set_text),
    indicators=[indicator],
)
st.caption(text.TABLE_CAPTION)
components.voorlopig_footnote()
components.source_note(spec.source_key, queries.build_info())
