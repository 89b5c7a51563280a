"""Over de cijfers: definitions, sources, licences, years, build and checks, suppression."""

from __future__ import annotations

import streamlit as st

from dashboard import components, formatting, markup, narrative, queries
from dashboard.db import suppression_threshold

build = queries.build_info()
threshold = suppression_threshold()

st.title("Over de cijfers")
st.markdown(
    "Wat de indicatoren meten, waar de cijfers vandaan komen, hoe Kompas ermee rekent en hoe "
    "dit cijferbestand is gemaakt."
)

if build.get("is_demo"):
    st.header("Waarom dit demogegevens zijn")
    st.markdown(narrative.demo_explanation(queries.sources()))

st.header("Indicatoren")
for block in narrative.indicator_blocks(
    queries.indicators(), queries.sources(), queries.indicator_coverage()
):
    with st.expander(markup.escape(block.title)):
        st.markdown(block.body)

st.header("Kleine aantallen")
st.markdown(narrative.suppression_text(threshold))

st.header("Hoe Kompas rekent")
st.markdown(narrative.METHODS_TEXT)

st.header("Bronnen")
components.data_table(
    formatting.sources_display(queries.sources()),
    key="over_de_cijfers__bronnen",
    view="Over de cijfers: de bronnen",
    indicators=None,
)

st.header("Dit cijferbestand")
st.markdown(narrative.build_text(build))
st.markdown("**Controles bij het bouwen**")
st.markdown(narrative.checks_summary(queries.checks()))
components.data_table(
    formatting.checks_display(queries.checks()),
    key="over_de_cijfers__controles",
    view="Over de cijfers: de controles bij het bouwen",
    indicators=None,
)
with st.expander("Controles met hun technische naam (voor beheerders)"):
    components.data_table(
        formatting.checks_display(queries.checks(), technical=True),
        key="over_de_cijfers__controles_technisch",
        view="Over de cijfers: de controles met hun technische naam",
        indicators=None,
    )
with st.expander("Gelezen bestanden (met controlegetal)"):
    components.data_table(
        formatting.files_display(queries.files(), queries.sources()),
        key="over_de_cijfers__bestanden",
        view="Over de cijfers: de gelezen bestanden",
        indicators=None,
    )
components.voorlopig_footnote()
