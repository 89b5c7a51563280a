"""Overzicht: the national figures of the newest school year, with change and trend."""

from __future__ import annotations

import streamlit as st

from dashboard import components, queries
from dashboard.texts import overzicht as text

PAGE = "overzicht"

st.title(text.TITLE)
components.copy_link_button()
components.small_screen_style()
st.markdown(text.INTRO)
notices: list[str] = []
left, _ = st.columns([2, 3])
with left:
    region_code = components.home_region_picker(key=f"{PAGE}__regio", notices=notices)
components.show_notices(notices)

region = queries.region_row(region_code) if region_code else None
region_name = str(region["region_name"]) if region else None
if region and region_code:
    components.area_link(str(region["region_level"]), region_code)
specs = list(queries.indicator_specs().values())
for start in range(0, len(specs), 3):
    for column, spec in zip(st.columns(3), specs[start : start + 3], strict=False):
        with column, st.container(border=True):
            components.indicator_card(
                spec, region_code=region_code, region_name=region_name, key=f"{PAGE}__{spec.key}"
            )

components.voorlopig_footnote()
build = queries.build_info()
for source_key in dict.fromkeys(spec.source_key for spec in specs):
    components.source_note(source_key, build)
