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
from dashboard.texts import over_de_cijfers as text

build = queries.build_info()
threshold = suppression_threshold()

st.title(text.TITLE)
st.markdown(text.INTRO)

if build.get("is_demo"):
    st.header(text.DEMO)
    st.markdown(narrative.demo_explanation(queries.sources()))

st.header(text.INDICATORS)
for block in narrative.indicator_blocks(
    queries.indicators(), queries.sources(), queries.indicator_coverage()
):
    with st.expander(markup.escape(block.title)):
        st.markdown(block.body)

st.header(text.SMALL_COUNTS)
st.markdown(narrative.suppression_text(threshold))

st.header(text.METHODS)
st.markdown(narrative.METHODS_TEXT)

st.header(text.SUBMISSIONS)
submissions = formatting.submissions_display(queries.files())
if submissions.empty:
    st.markdown(text.NO_SUBMISSIONS)
else:
    st.markdown(text.submissions_used(len(submissions)))
    components.data_table(
        submissions,
        key="over_de_cijfers__opgaven",
        view=text.SUBMISSIONS_VIEW,
        indicators=None,
    )

st.header(text.NONRESPONSE)
st.markdown(text.NONRESPONSE_TEXT)

st.header(text.EXPECTED)
fit = queries_structure.expected_fit(str(build["last_school_year"]))
st.markdown(expected_display.fit_text(fit, str(build["last_school_year"])))
if not fit.empty:
    components.data_table(
        expected_display.fit_table(fit),
        key="over_de_cijfers__verwacht",
        view=text.EXPECTED_VIEW,
        indicators=None,
    )

st.header(text.SOURCES)
components.data_table(
    formatting.sources_display(queries.sources()),
    key="over_de_cijfers__bronnen",
    view=text.SOURCES_VIEW,
    indicators=None,
)

st.header(text.BUILD)
st.markdown(narrative.build_text(build))
st.markdown(text.CHECKS)
st.markdown(narrative.checks_summary(queries.checks()))
# every check on screen at once (the default height shows ten rows; there are more checks)
components.data_table(
    formatting.checks_display(queries.checks()),
    key="over_de_cijfers__controles",
    view=text.CHECKS_VIEW,
    indicators=None,
    height="content",
)
with st.expander(text.TECHNICAL):
    components.data_table(
        formatting.checks_display(queries.checks(), technical=True),
        key="over_de_cijfers__controles_technisch",
        view=text.TECHNICAL_VIEW,
        indicators=None,
    )
with st.expander(text.FILES):
    components.data_table(
        formatting.files_display(queries.files(), queries.sources()),
        key="over_de_cijfers__bestanden",
        view=text.FILES_VIEW,
        indicators=None,
    )
components.voorlopig_footnote()
