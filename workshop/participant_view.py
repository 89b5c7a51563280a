"""The participant's side of a workshop, as Streamlit elements: join with the code, choose the
own region, then per step the instruction, the link to the view, the question and the feedback.

Where a participant is lives in the store and their id in the URL (`?code=...&deelnemer=...`),
so a reload or a lost connection continues at the same step (and, within one browser session,
so does coming back through the sidebar, which drops the query string). A small fragment polls
the store and reruns the page when the trainer moves the group or ends the session. Everything
the participant typed is shown escaped (dashboard.markup).
"""

from __future__ import annotations

import streamlit as st

from dashboard import components, markup, queries
from dashboard.texts import workshop as text
from workshop import fact as facts
from workshop import resources, spec
from workshop.feedback import give, parse_number
from workshop.store import Participant, Session, Store

PAGE = "workshop"
CODE_PARAM = "code"
PARTICIPANT_PARAM = "deelnemer"
# (code, participant id) of this browser session: the sidebar's links drop the query string
REMEMBERED_KEY = f"{PAGE}__deelname"
POLL_SECONDS = 3
# the step whose question this browser session saw last (see `_late_answer`)
SEEN_KEY = f"{PAGE}__gezien"


def _param(name: str) -> str:
    return str(st.query_params.get(name) or "")


def show() -> None:
    """The whole participant page."""
    store = resources.store()
    code, participant_id = _param(CODE_PARAM), _param(PARTICIPANT_PARAM)
    if not code and not participant_id and REMEMBERED_KEY in st.session_state:
        code, participant_id = st.session_state[REMEMBERED_KEY]
        st.query_params[CODE_PARAM], st.query_params[PARTICIPANT_PARAM] = code, participant_id
    participant = store.participant(code, participant_id) if code and participant_id else None
    if participant is None:
        if participant_id:
            st.warning(text.SESSION_GONE_JOIN_AGAIN)
        _join_form(store, code)
        return
    st.session_state[REMEMBERED_KEY] = (code, participant_id)
    session = store.session(participant.session_code)
    workshop = resources.catalogue().workshops.get(session.workshop_key) if session else None
    if session is None or workshop is None:
        st.warning(text.SESSION_GONE)
        return
    _follow(session.code, session.group_step, session.is_ended)
    if session.is_ended:
        st.success(text.SESSION_ENDED)
        return
    st.caption(text.session_caption(markup.escape(workshop.title), session.code))
    if not participant.region_code:
        _region_form(store, participant)
        return
    _step(store, session, participant, workshop)


def _join_form(store: Store, code: str) -> None:
    st.markdown(text.JOIN_INTRO)
    with st.form(key=f"{PAGE}__meedoen"):
        typed = st.text_input(text.CODE, value=code[:12], max_chars=12, key=f"{PAGE}__code")
        submitted = st.form_submit_button(text.JOIN, type="primary")
    if submitted:
        participant_id = store.join(typed)
        if participant_id is None:
            st.error(text.JOIN_REFUSED)
            return
        session = store.session(typed)
        st.query_params[CODE_PARAM] = session.code if session else typed
        st.query_params[PARTICIPANT_PARAM] = participant_id
        st.rerun()


def _region_form(store: Store, participant: Participant) -> None:
    st.subheader(text.REGION_HEADER)
    st.markdown(text.REGION_INTRO)
    frame = queries.all_regions()
    frame = frame[frame["region_level"].isin(queries.LEVELS)]
    rows = {str(row["region_code"]): row for row in frame.to_dict("records")}
    with st.form(key=f"{PAGE}__regio"):
        code = st.selectbox(
            text.REGION,
            list(rows),
            index=None,
            format_func=lambda c: components.region_label(rows[c]),
            placeholder=text.REGION_PLACEHOLDER,
            key=f"{PAGE}__regio_keuze",
        )
        submitted = st.form_submit_button(text.NEXT, type="primary")
    if submitted:
        if code is None:
            st.error(text.REGION_MISSING)
            return
        store.set_region(participant.participant_id, str(rows[code]["region_level"]), code)
        st.rerun()


@st.fragment(run_every=POLL_SECONDS)
def _follow(code: str, group_step: int | None, is_ended: bool) -> None:
    """Rerun the page when the trainer moved the group or ended the session."""
    session = resources.store().session(code)
    now = (session.group_step, session.is_ended) if session else (group_step, True)
    if now != (group_step, is_ended):
        st.rerun()


def _step(
    store: Store, session: Session, participant: Participant, workshop: spec.Workshop
) -> None:
    total = len(workshop.steps)
    number = min(max(session.group_step or participant.step, 1), total)
    step = workshop.steps[number - 1]
    region = queries.region_row(participant.region_code or "")
    region_name = str(region["region_name"]) if region else participant.region_code
    _late_answer(store, participant, workshop, number)
    st.session_state[SEEN_KEY] = number
    st.subheader(text.step_header(number, total, step.title))
    left, right = st.columns([3, 1])
    left.caption(f"{text.REGION}: {markup.escape(region_name)}")
    if right.button(text.OTHER_REGION, key=f"{PAGE}__andere_regio", type="tertiary"):
        store.set_region(participant.participant_id, None, None)
        st.rerun()
    st.markdown(step.instruction)
    if step.link:
        st.link_button(
            text.OPEN_PAGE,
            facts.link(step.link, participant.region_code, participant.region_level),
            icon=":material/open_in_new:",
        )
    fact = facts.compute(step.fact, participant.region_code or "") if step.fact else None
    stored = store.answer_of(participant.participant_id, number)
    typed = _question_form(step, stored)
    if typed is not None:
        stored = _save(store, participant, step, fact, typed)
    if stored is not None:
        _feedback(step, fact, stored)
    _navigation(store, session, participant, number, total)


def _form_key(step: spec.Step) -> str:
    return f"{PAGE}__vraag_{step.number}"


def _value_key(step: spec.Step) -> str:
    suffix = {spec.MULTIPLE_CHOICE: "keuze", spec.NUMBER: "getal"}.get(step.question.kind, "open")
    return f"{_form_key(step)}_{suffix}"


def _late_answer(
    store: Store, participant: Participant, workshop: spec.Workshop, number: int
) -> None:
    """Save an answer sent to the step this session saw, when the trainer moved the group to
    another step between showing it and the answer arriving: it is kept for the step it
    answers, never lost (widget values of the run that brought it are still readable)."""
    seen = st.session_state.get(SEEN_KEY)
    if not isinstance(seen, int) or seen == number or not 1 <= seen <= len(workshop.steps):
        return
    step = workshop.steps[seen - 1]
    if not st.session_state.get(f"{_form_key(step)}_verstuur"):
        return
    typed = str(st.session_state.get(_value_key(step)) or "").strip()
    if not typed:
        return
    fact = facts.compute(step.fact, participant.region_code or "") if step.fact else None
    if _save(store, participant, step, fact, typed) is not None:
        st.toast(text.late_answer_saved(seen))


def _question_form(step: spec.Step, stored: str | None) -> str | None:
    """The question in a form; the submitted answer, or None when nothing was submitted."""
    question = step.question
    key = _form_key(step)
    with st.form(key=key):
        if question.kind == spec.MULTIPLE_CHOICE:
            choices = list(question.choices)
            value = st.radio(
                question.text,
                choices,
                index=choices.index(stored) if stored in choices else None,
                format_func=markup.escape,
                key=_value_key(step),
            )
        elif question.kind == spec.NUMBER:
            value = st.text_input(
                question.text,
                value=stored or "",
                placeholder=text.NUMBER_PLACEHOLDER,
                key=_value_key(step),
            )
        else:
            value = st.text_area(
                question.text, value=stored or "", max_chars=1000, key=_value_key(step)
            )
        submitted = st.form_submit_button(text.ANSWER, type="primary", key=f"{key}_verstuur")
    if not submitted:
        return None
    typed = (value or "").strip()
    if not typed:
        st.error(text.ANSWER_MISSING)
        return None
    return typed


def _save(
    store: Store, participant: Participant, step: spec.Step, fact: facts.Fact | None, answer: str
) -> str | None:
    if step.question.kind == spec.NUMBER and parse_number(answer) is None:
        st.error(text.NOT_A_NUMBER)
        return None
    correct = give(step, fact, answer).correct
    store.save_answer(participant.participant_id, step.number, answer, correct)
    return answer


def _feedback(step: spec.Step, fact: facts.Fact | None, answer: str) -> None:
    feedback = give(step, fact, answer)
    st.markdown(f"{text.YOUR_ANSWER}: **{markup.escape(answer)}**")
    if feedback.correct is True:
        st.success(feedback.message)
    elif feedback.correct is False:
        st.warning(feedback.message)
    else:
        st.info(feedback.message)
    with st.container(border=True):
        st.markdown(f"**{text.EXPLANATION}**")
        st.markdown(feedback.explanation)


def _navigation(
    store: Store, session: Session, participant: Participant, number: int, total: int
) -> None:
    if session.group_step is not None:
        st.caption(text.TRAINER_LEADS)
        return
    left, right = st.columns(2)
    if number > 1 and left.button(text.PREVIOUS_STEP, key=f"{PAGE}__vorige"):
        store.set_step(participant.participant_id, number - 1)
        st.rerun()
    if number < total and right.button(text.NEXT_STEP, key=f"{PAGE}__volgende", type="primary"):
        store.set_step(participant.participant_id, number + 1)
        st.rerun()
    if number == total:
        right.markdown(text.LAST_STEP)
