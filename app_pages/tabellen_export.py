"""Tabellen en export: pick indicators, level, regions and years; see the table; download it."""

from __future__ import annotations

import streamlit as st

from dashboard import components, export, formatting, queries, queries_explore
from dashboard import explore_tables as tables
from dashboard.db import suppression_threshold
from dashboard.formatting import label_legend
from ocw.workbook import WORKBOOK_NAME, set_workbook

PAGE = "tabellen_export"
LEVELS = ["gemeente", "rmc", "provincie", "nederland"]

st.title("Tabellen en export")
build = queries.build_info()
notices: list[str] = []
notice_area = st.container()
st.markdown(
    "Stel een tabel samen en neem hem mee als CSV (voor Excel: puntkomma en decimale komma) "
    "of als Excel-bestand. Elk bestand bevat een verantwoording: bron en licentie, datum van "
    "ophalen en van de build, definities, de gekozen selectie en de regel voor kleine aantallen."
)

regions = queries.all_regions()
indicators = queries.indicators()
registry = tables.indicator_map(indicators)
years = tables.year_labels(queries_explore.export_years())
year_list = list(years)
threshold = suppression_threshold()

left, right = st.columns(2)
with left:
    keys = components.url_multiselect(
        "Indicatoren",
        list(registry),
        key=f"{PAGE}__indicators",
        param="indicatoren",
        default=list(registry)[:1],
        notices=notices,
        format_func=lambda k: str(registry[k]["label"]),
        what="indicatoren",
        placeholder="Kies een of meer indicatoren",
    )
    level = components.url_select(
        "Niveau",
        LEVELS,
        key=f"{PAGE}__level",
        param="niveau",
        default="rmc",
        notices=notices,
        format_func=formatting.LEVEL_LABELS.__getitem__,
        what="het niveau",
    )
with right:
    region_names = tables.region_options(regions, [level])
    codes = components.url_multiselect(
        "Regio's (leeg = alle)",
        list(region_names),
        key=f"{PAGE}__regions",
        param="regios",
        default=[],
        notices=notices,
        format_func=region_names.__getitem__,
        what="regio's",
        placeholder=f"Alle regio's op niveau {formatting.LEVEL_LABELS[level]}",
    )
    chosen_years = components.url_multiselect(
        "Schooljaren",
        year_list,
        key=f"{PAGE}__years",
        param="jaren",
        default=year_list[-2:],
        notices=notices,
        format_func=years.__getitem__,
        what="schooljaren",
        placeholder="Kies een of meer schooljaren",
    )

if not keys or not chosen_years:
    st.info("Kies minstens één indicator en één schooljaar om een tabel te zien.")
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
    st.caption(
        f"{len(table)} rijen. * voorlopig cijfer (kan nog veranderen). {label_legend()} "
        f"Bij <{threshold} en x is geen waarde of interval getoond. '–': geen cijfer gepubliceerd."
    )
    st.dataframe(
        tables.export_display(table, values["decimals"]),
        hide_index=True,
        width="stretch",
        key=f"{PAGE}__table",
    )
    buttons = st.columns(2)
    with buttons[0]:
        st.download_button(
            "Download CSV (Excel, puntkomma)",
            data=lambda: export.to_csv_bytes(table, provenance),
            file_name=f"{stem}.csv",
            mime=export.CSV_MIME,
            on_click="ignore",
            key=f"{PAGE}__csv",
            icon=":material/download:",
        )
    with buttons[1]:
        st.download_button(
            "Download Excel (XLSX)",
            data=lambda: export.to_xlsx_bytes(table, provenance),
            file_name=f"{stem}.xlsx",
            mime=export.XLSX_MIME,
            on_click="ignore",
            key=f"{PAGE}__xlsx",
            icon=":material/download:",
        )
    st.caption(
        "De CSV begint met regels die met # beginnen: dat is de verantwoording. In Excel staan "
        "ze bovenaan; de tabel begint na de lege regel. In het Excel-bestand staat de "
        "verantwoording op het tabblad 'Verantwoording'."
    )

st.subheader("Tabellenset voor OCW")
st.markdown(
    "De vaste, genummerde tabellen die het bureau aan het ministerie van OCW stuurt: Nederland, "
    "RMC-regio's, provincies, gemeenten en de respons, in één Excel-bestand. Kleine aantallen "
    "zijn afgeschermd zoals overal in Kompas; elk tabblad zegt bovenaan wat erin staat, de "
    "bron, de stand van de cijfers en wat <5 en x betekenen."
)
st.download_button(
    "Download tabellenset OCW (XLSX)",
    data=set_workbook,
    file_name=WORKBOOK_NAME,
    mime=export.XLSX_MIME,
    on_click="ignore",
    key=f"{PAGE}__ocw",
    icon=":material/download:",
)

with notice_area:
    components.show_notices(notices)
