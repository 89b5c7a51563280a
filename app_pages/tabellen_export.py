"""Tabellen en export: pick indicators, level, regions and years; see the table; download it."""

from __future__ import annotations

import streamlit as st

from dashboard import components, export, formatting, ocw_download, queries, queries_explore
from dashboard import explore_tables as tables
from dashboard.db import suppression_threshold
from dashboard.formatting import label_legend
from dashboard.texts import tabellen_export as text

PAGE = "tabellen_export"
LEVELS = ["gemeente", "rmc", "provincie", "nederland"]

st.title(text.TITLE)
build = queries.build_info()
notices: list[str] = []
notice_area = st.container()
st.markdown(text.INTRO)

regions = queries.all_regions()
indicators = queries.indicators()
registry = tables.indicator_map(indicators)
years = tables.year_labels(queries_explore.export_years())
year_list = list(years)
threshold = suppression_threshold()

left, right = st.columns(2)
with left:
    keys = components.url_multiselect(
        text.INDICATORS,
        list(registry),
        key=f"{PAGE}__indicators",
        param="indicatoren",
        default=list(registry)[:1],
        notices=notices,
        format_func=lambda k: str(registry[k]["label"]),
        what="indicatoren",
        placeholder=text.INDICATORS_PLACEHOLDER,
    )
    level = components.url_select(
        text.LEVEL,
        LEVELS,
        key=f"{PAGE}__level",
        param="niveau",
        default="rmc",
        notices=notices,
        format_func=formatting.level_title,
        what="het niveau",
    )
with right:
    region_names = tables.region_options(regions, [level])
    codes = components.url_multiselect(
        text.REGIONS,
        list(region_names),
        key=f"{PAGE}__regions",
        param="regios",
        default=[],
        notices=notices,
        format_func=region_names.__getitem__,
        what="regio's",
        placeholder=text.regions_placeholder(formatting.level_label(level, plural=True)),
    )
    chosen_years = components.url_multiselect(
        text.YEARS,
        year_list,
        key=f"{PAGE}__years",
        param="jaren",
        default=year_list[-2:],
        notices=notices,
        format_func=years.__getitem__,
        what="schooljaren",
        placeholder=text.YEARS_PLACEHOLDER,
    )

if not keys or not chosen_years:
    st.info(text.CHOOSE)
else:
    values = export.with_country(
        queries_explore.export_values(keys, level, codes, chosen_years),
        queries_explore.export_values(keys, "nederland", [], chosen_years),
    )
    table = export.export_table(values, threshold)
    selection = export.Selection(
        indicators=[str(registry[k]["label"]) for k in keys],
        level=level,
        regions=[region_names[c] for c in codes],
        years=[years[y] for y in chosen_years],
    )
    provenance = export.provenance_for(
        build, queries.sources(), indicators, keys, selection, threshold
    )
    stem = export.file_stem(level, build.get("built_at"))
    st.caption(text.table_caption(len(table), label_legend(), threshold))
    st.dataframe(
        tables.export_display(table, values["decimals"]),
        hide_index=True,
        width="stretch",
        key=f"{PAGE}__table",
    )
    buttons = st.columns(2)
    with buttons[0]:
        st.download_button(
            text.DOWNLOAD_CSV,
            data=lambda: export.to_csv_bytes(table, provenance),
            file_name=f"{stem}.csv",
            mime=export.CSV_MIME,
            on_click="ignore",
            key=f"{PAGE}__csv",
            icon=":material/download:",
        )
    with buttons[1]:
        st.download_button(
            text.DOWNLOAD_XLSX,
            data=lambda: export.to_xlsx_bytes(table, provenance),
            file_name=f"{stem}.xlsx",
            mime=export.XLSX_MIME,
            on_click="ignore",
            key=f"{PAGE}__xlsx",
            icon=":material/download:",
        )
    st.caption(text.FILES_NOTE)

st.subheader(text.OCW_TITLE)
st.markdown(text.OCW_INTRO)
ocw_download.table_set_buttons((text.DOWNLOAD_OCW, text.DOWNLOAD_OCW_PDF), key=f"{PAGE}__ocw")

with notice_area:
    components.show_notices(notices)
