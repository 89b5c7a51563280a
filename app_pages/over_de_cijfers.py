"""Over de cijfers: definitions, sources, licences, years, build and checks, suppression."""

from __future__ import annotations

import streamlit as st

from dashboard import (
    components,
    expected_display,
    formatting,
    markup,
    narrative,
    queries,
    queries_structure,
)
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

st.header("Verwacht versus werkelijk")
fit = queries_structure.expected_fit(str(build["last_school_year"]))
st.markdown(expected_display.fit_text(fit, str(build["last_school_year"])))
if not fit.empty:
    st.dataframe(expected_display.fit_table(fit), hide_index=True, width="stretch")

st.header("Bronnen")
st.dataframe(formatting.sources_display(queries.sources()), hide_index=True, width="stretch")

st.header("Dit cijferbestand")
st.markdown(narrative.build_text(build))
st.markdown("**Controles bij het bouwen**")
st.markdown(narrative.checks_summary(queries.checks()))
# every check on screen at once (the default height shows ten rows; there are more checks)
st.dataframe(
    formatting.checks_display(queries.checks()), hide_index=True, width="stretch", height="content"
)
with st.expander("Controles met hun technische naam (voor beheerders)"):
    st.dataframe(
        formatting.checks_display(queries.checks(), technical=True),
        hide_index=True,
        width="stretch",
    )
with st.expander("Gelezen bestanden (met controlegetal)"):
    st.dataframe(formatting.files_display(queries.files()), hide_index=True, width="stretch")
components.voorlopig_footnote()
