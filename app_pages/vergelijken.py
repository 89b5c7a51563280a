"""Vergelijken: one indicator across the regions of a level, against the country."""

from __future__ import annotations

import streamlit as st

from dashboard import comparison_view, components, embed, formatting, markup, queries
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
view = comparison_view.comparison_view(
    indicator,
    level,
    year,
    is_voorlopig,
    mode,
    focus,
    chosen,
    area_text=components.area_description(area, level)
    if area and sorted(chosen) == sorted(area.members)
    else "",
)
if view.comparison.mode != mode:
    st.info(text.NO_FOCUS_FOR_AREA, icon=":material/info:")
year_text = formatting.format_school_year(year, is_voorlopig)

st.header(markup.escape(f"{spec.label}, {year_text}"))
for sentence in view.sentences:
    st.markdown(sentence)
for note in view.notes:
    st.caption(note)

if view.comparison.mode == queries.COMPARE_PEERS:
    components.peer_reasons(level, focus)

left, right = st.columns(2)
with left:
    st.markdown(text.MAP)
    components.chart(
        view.figures["map"],
        alt_text=view.map_alt,
        table=None,
        key=f"{PAGE}__kaart",
        is_map=True,
        size=(COLUMN_WIDTH, view.figures["map"].layout.height),
    )
with right:
    st.markdown(text.RANKING)
    components.chart(
        view.figures["ranking"],
        alt_text=view.ranking_alt,
        table=None,
        key=f"{PAGE}__rangorde",
        size=(COLUMN_WIDTH, view.figures["ranking"].layout.height),
    )

st.markdown(text.FUNNEL)
components.chart(
    view.figures["funnel"],
    alt_text=view.funnel_alt,
    table=None,
    key=f"{PAGE}__trechter",
    size=(FULL_WIDTH, view.figures["funnel"].layout.height),
)
st.markdown(text.TABLE)
components.data_table(
    view.table,
    key=f"{PAGE}__tabel",
    view=text.table_view(spec.label, year_text, view.set_text),
    indicators=[indicator],
)
st.caption(text.TABLE_CAPTION)
components.voorlopig_footnote()
components.source_note(spec.source_key, queries.build_info())
