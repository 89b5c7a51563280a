"""The trainer's side of a workshop, as Streamlit elements: start a session from a workshop
file, show its code large, follow per step how many answered and how the answers are spread
(live), move the group to a step or let everyone go at their own pace, show one step's result
full-screen, end the session and download the anonymous answers.

The trainer's URL holds the session code and the trainer secret (`?sessie=...&sleutel=...`), so
a reload continues (within one browser session also a return through the sidebar); only the
secret's hash is stored. A refused secret gets one generic message.
Answers are shown as plain text (st.dataframe) or escaped Markdown, never as markup.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import components, markup, queries
from dashboard.texts import trainer as text
from workshop import resources, results, spec
from workshop.store import Answer, Session, Store

PAGE = "trainer"
SESSION_PARAM = "sessie"
SECRET_PARAM = "sleutel"
# (code, secret) of this browser session: the sidebar's links drop the query string
REMEMBERED_KEY = f"{PAGE}__sessie"
REFRESH_SECONDS = 2
OWN_PACE = 0  # the "Eigen tempo" option of the group picker
FULL_SCREEN_CSS = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
    "header[data-testid='stHeader']{display:none}</style>"
)


def _param(name: str) -> str:
    return str(st.query_params.get(name) or "")


def show() -> None:
    """The whole trainer page."""
    store = resources.store()
    catalogue = resources.catalogue()
    code, secret = _param(SESSION_PARAM), _param(SECRET_PARAM)
    if not code and not secret and REMEMBERED_KEY in st.session_state:
        code, secret = st.session_state[REMEMBERED_KEY]
        st.query_params[SESSION_PARAM], st.query_params[SECRET_PARAM] = code, secret
    session = store.session(code) if code and secret and store.is_trainer(code, secret) else None
    workshop = catalogue.workshops.get(session.workshop_key) if session else None
    if session is None or workshop is None:
        if code or secret:
            st.warning(text.SESSION_REFUSED)
        _start_form(store, catalogue)
        return
    st.session_state[REMEMBERED_KEY] = (code, secret)
    if session.shown_step is not None:
        _full_screen(store, session, workshop)
        return
    _session_header(store, session, workshop)
    _live_overview(session.code, workshop)
    _closing(store, session, workshop)


def _start_form(store: Store, catalogue: resources.Catalogue) -> None:
    for error in catalogue.errors:
        st.error(text.unreadable_file(markup.escape(error)))
    if not catalogue.workshops:
        st.info(text.NO_WORKSHOPS)
        return
    workshops = catalogue.workshops
    with st.form(key=f"{PAGE}__start"):
        key = st.selectbox(
            text.WORKSHOP,
            list(workshops),
            format_func=lambda k: f"{workshops[k].title} ({workshops[k].audience})",
            key=f"{PAGE}__workshop",
        )
        submitted = st.form_submit_button(text.START, type="primary")
    chosen = workshops[key]
    st.markdown(f"**{text.GOAL}:** {markup.escape(chosen.goal)}")
    st.caption(text.step_count(len(chosen.steps)))
    if submitted:
        code, secret = store.create_session(key)
        st.query_params[SESSION_PARAM] = code
        st.query_params[SECRET_PARAM] = secret
        st.rerun()


def _session_header(store: Store, session: Session, workshop: spec.Workshop) -> None:
    st.subheader(markup.escape(workshop.title))
    st.markdown(text.JOIN_INSTRUCTION)
    st.markdown(f"# {' '.join([session.code[:3], session.code[3:]])}")
    st.caption(text.KEEP_ADDRESS)
    if session.is_ended:
        st.info(text.SESSION_ENDED)
        return
    options = [OWN_PACE, *(step.number for step in workshop.steps)]
    titles = {step.number: step.title for step in workshop.steps}
    key = f"{PAGE}__groep"
    st.session_state[key] = session.group_step or OWN_PACE

    def move() -> None:
        chosen = int(st.session_state[key])
        store.move_group(session.code, chosen or None)

    st.selectbox(
        text.GROUP,
        options,
        format_func=lambda n: text.OWN_PACE if n == OWN_PACE else text.step_label(n, titles[n]),
        key=key,
        on_change=move,
        help=text.GROUP_HELP,
    )


@st.fragment(run_every=REFRESH_SECONDS)
def _live_overview(code: str, workshop: spec.Workshop) -> None:
    """Per step the number of answers and their spread, refreshed every few seconds."""
    store = resources.store()
    answers = store.answers(code)
    session = store.session(code)
    st.markdown(f"**{text.PARTICIPANTS}:** {store.participant_count(code)}")
    for step in workshop.steps:
        given = results.step_answers(answers, step.number)
        marker = text.GROUP_MARKER if session and session.group_step == step.number else ""
        answered = text.answer_count(len(given))
        with st.expander(f"{text.step_label(step.number, step.title)} · {answered}{marker}"):
            _step_result(step, answers)
            if st.button(text.SHOW_LARGE, key=f"{PAGE}__groot_{step.number}"):
                store.show_step(code, step.number)
                st.rerun()


def _step_result(step: spec.Step, answers: list[Answer], large: bool = False) -> None:
    frame = results.distribution(step, answers)
    if not frame["aantal"].sum():
        st.caption(text.NO_ANSWERS)
        return
    if step.question.kind == spec.OPEN:
        for answer in frame["antwoord"].repeat(frame["aantal"]):
            st.markdown(f"{'### ' if large else '- '}{markup.escape(answer)}")
        return
    st.plotly_chart(
        _distribution_figure(frame, large),
        config=components.CHART_CONFIG,
        key=f"{PAGE}__verdeling_{step.number}_{int(large)}",
    )
    counts = results.correctness(answers, step.number)
    if counts[text.GOOD] or counts[text.NOT_GOOD]:
        st.markdown(
            text.correctness(counts[text.GOOD], counts[text.NOT_GOOD], counts[text.UNCHECKED])
        )


def _distribution_figure(frame: pd.DataFrame, large: bool) -> go.Figure:
    labels = [markup.plotly_text(label) for label in frame["antwoord"]]
    figure = go.Figure(go.Bar(x=list(frame["aantal"]), y=labels, orientation="h"))
    size = 24 if large else 13
    figure.update_layout(
        height=max(200, 60 * len(labels)) * (2 if large else 1),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "type": "category",
            "tickfont": {"size": size},
        },
        xaxis={
            "title": {"text": text.ANSWER_COUNT_AXIS, "font": {"size": size}},
            "dtick": 1,
            "tickfont": {"size": size},
        },
    )
    return figure


def _full_screen(store: Store, session: Session, workshop: spec.Workshop) -> None:
    st.html(FULL_SCREEN_CSS)
    step = workshop.steps[min(max(session.shown_step or 1, 1), len(workshop.steps)) - 1]
    if st.button(text.BACK, key=f"{PAGE}__terug"):
        store.show_step(session.code, None)
        st.rerun()
    st.title(text.step_label(step.number, step.title))
    st.header(step.question.text)
    _live_result(session.code, step)


@st.fragment(run_every=REFRESH_SECONDS)
def _live_result(code: str, step: spec.Step) -> None:
    answers = resources.store().answers(code)
    given = results.step_answers(answers, step.number)
    st.markdown(f"**{text.answer_count(len(given))}**")
    _step_result(step, answers, large=True)


def _closing(store: Store, session: Session, workshop: spec.Workshop) -> None:
    st.divider()
    left, right = st.columns(2)
    with left:
        st.download_button(
            text.DOWNLOAD,
            data=results.answers_csv(
                workshop, store.answers(session.code), bool(queries.build_info().get("is_demo"))
            ),
            file_name=f"workshop-{session.code}.csv",
            mime="text/csv",
            key=f"{PAGE}__download",
            on_click="ignore",
        )
    if not session.is_ended and right.button(text.END, key=f"{PAGE}__einde"):
        store.end_session(session.code)
        st.rerun()
