"""The bureau's page (`/bureau`, not in the menu) as Streamlit elements: a password login, then the
uitvraag's response per organisation and per RMC-regio, the list of organisations to remind (CSV),
the open plausibility questions, the inzet figures of every organisation (`inzet_view`, CSV), and
closing the round as a named vintage.

The password is checked against `[bureau] password_hash` in Streamlit's secrets
(`.streamlit/secrets.toml`), never against anything in the URL; without it the page only says how
to configure it. A wrong password gets one generic refusal and counts for the client (its remote
address, `dashboard.remote`) in the uitvraag store's slowdown. The login lives in the session
state and ends when the configured hash changes. Store reads, closing and the slowdown go
through `etl.uitvraag.bureau` (closing is the same function as `python -m etl uitvraag close`).
Names and e-mail addresses come from the bureau's organisations file: they are shown in tables
(text, never markup) and written to the CSV neutralised (`dashboard.export.neutralised`).
"""

from __future__ import annotations

import shlex
import sqlite3
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import components, export, formatting, inzet_view, markup, queries, remote
from dashboard.texts import bureau as text
from etl.paths import uitvraag_store_path
from etl.uitvraag import bureau

PAGE = "bureau"
LOGIN_KEY = f"{PAGE}__login"
CLOSING_KEY = f"{PAGE}__closing"
CLOSED_KEY = f"{PAGE}__closed"
REMINDER_STATES = (bureau.NOT_YET, bureau.OPEN_QUESTIONS)
REMINDER_COLUMNS = {
    "name": text.COL_ORGANISATION,
    "email": text.COL_EMAIL,
    "gemeenten": text.COL_GEMEENTEN,
    "state": text.COL_STATE,
}


def configured_hash() -> str | None:
    """`[bureau] password_hash` from Streamlit's secrets; None when there is none."""
    try:
        section: Any = st.secrets.get("bureau")
    except Exception:  # noqa: BLE001 - no secrets file (or an unreadable one): not configured
        return None
    value = section.get("password_hash") if hasattr(section, "get") else None
    return str(value).strip() if value and str(value).strip() else None


def reminders_csv(organisations: pd.DataFrame) -> bytes:
    """The organisations still to remind (not submitted, or questions open) as CSV for Dutch
    Excel: UTF-8 with BOM, `;`, columns name, e-mail, gemeenten, state; every cell that a
    spreadsheet would run as a formula starts with `'`."""
    chosen = organisations[organisations["state"].isin(REMINDER_STATES)]
    table = chosen[list(REMINDER_COLUMNS)].rename(columns=REMINDER_COLUMNS)
    table[text.COL_STATE] = table[text.COL_STATE].map(text.STATE_LABELS)
    return export.table_csv_bytes(table.astype(str))


def _login(con: sqlite3.Connection, stored: str) -> None:
    """The password form; a right password logs in and reruns the page without it."""
    st.write(text.LOGIN_INTRO)
    with st.form(f"{PAGE}__form", clear_on_submit=True):
        password = st.text_input(text.PASSWORD, type="password", key=f"{PAGE}__password")
        submitted = st.form_submit_button(text.LOG_IN)
    if not submitted:
        return
    client = remote.client()
    bureau.wait_for_turn(con, client)
    if bureau.verify_password(password, stored):
        st.session_state[LOGIN_KEY] = stored
        st.rerun()  # draw the page without the login form
    bureau.record_failure(con, client)
    st.error(text.REFUSED)


def show() -> None:
    """The whole bureau page."""
    stored = configured_hash()
    if stored is None:
        st.info(text.NOT_CONFIGURED)
        return
    try:
        bureau.check_hash(stored)
    except bureau.MalformedHash:
        st.error(text.MISCONFIGURED)
        return
    store = uitvraag_store_path()
    with bureau.connect(store) as con:
        if st.session_state.get(LOGIN_KEY) != stored:
            _login(con, stored)
            return
        if st.button(text.LOG_OUT, key=f"{PAGE}__logout", type="tertiary"):
            st.session_state.pop(LOGIN_KEY, None)
            st.rerun()
        found = bureau.current_round(con)
        if found is None:
            st.info(text.NO_ROUND)
            return
        organisations = bureau.response(con, found.round_id)
        flags = bureau.open_flags(con, found.round_id)
        _round_header(found)
        _organisations(organisations)
        _rates(organisations)
        _reminders(organisations, found.school_year)
        _open_flags(flags)
        inzet_view.bureau_section(store, found.round_id, found.school_year)
        _closing(con, found, organisations)


def _round_header(found: bureau.Round) -> None:
    if found.closed_at is None:
        line = text.ROUND_OPEN.format(
            school_year=found.school_year, opened=formatting.format_date(found.opened_at)
        )
    else:
        line = text.ROUND_CLOSED.format(
            school_year=found.school_year,
            closed=formatting.format_date(found.closed_at),
            vintage=found.vintage,
        )
    st.write(markup.escape(line))


def _organisations(organisations: pd.DataFrame) -> None:
    st.subheader(text.ORGANISATIONS_HEADER)
    counts = organisations["state"].value_counts()
    for column, state in zip(st.columns(len(bureau.STATES)), bureau.STATES, strict=True):
        column.metric(text.STATE_LABELS[state], int(counts.get(state, 0)))
    st.caption(text.STATES_EXPLAINED)
    table = pd.DataFrame(
        {
            text.COL_ORGANISATION: organisations["name"],
            text.COL_EMAIL: organisations["email"],
            text.COL_GEMEENTEN: organisations["gemeenten"],
            text.COL_STATE: organisations["state"].map(text.STATE_LABELS),
            text.COL_RECEIVED: [formatting.format_moment(v) for v in organisations["received_at"]],
            text.COL_OPEN: organisations["open_questions"].astype(int),
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key=f"{PAGE}__organisations")


def _rates(organisations: pd.DataFrame) -> None:
    st.subheader(text.RATES_HEADER)
    st.caption(text.RATES_INTRO)
    rates = bureau.response_rates(organisations, queries.regions("gemeente"))
    table = pd.DataFrame(
        {
            text.COL_REGION: rates["regio"],
            text.COL_GEMEENTEN_TOTAL: rates["gemeenten"],
            text.COL_GEMEENTEN_DONE: rates["gemeenten_ingediend"],
            text.COL_GEMEENTEN_PCT: [formatting.format_number(v) for v in rates["gemeenten_pct"]],
            text.COL_ORGS_TOTAL: rates["organisaties"],
            text.COL_ORGS_DONE: rates["organisaties_ingediend"],
            text.COL_ORGS_PCT: [formatting.format_number(v) for v in rates["organisaties_pct"]],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key=f"{PAGE}__rates")


def _reminders(organisations: pd.DataFrame, school_year: str) -> None:
    st.subheader(text.REMINDERS_HEADER)
    count = int(organisations["state"].isin(REMINDER_STATES).sum())
    if not count:
        st.write(text.REMINDERS_NONE)
        return
    st.write(text.REMINDERS_COUNT.format(count=count))
    components.file_download(
        text.REMINDERS_DOWNLOAD,
        reminders_csv(organisations),
        text.REMINDERS_FILE.format(school_year=school_year),
        f"{PAGE}__reminders",
    )


def _open_flags(flags: pd.DataFrame) -> None:
    st.subheader(text.FLAGS_HEADER)
    if flags.empty:
        st.write(text.FLAGS_NONE)
        return
    table = pd.DataFrame(
        {
            text.COL_ORGANISATION: flags["name"],
            text.COL_EMAIL: flags["email"],
            text.COL_FLAG_GEMEENTE: flags["gemeentecode"],
            text.COL_FLAG_FIGURE: flags["figure"],
            text.COL_FLAG_KIND: flags["kind"].map(text.FLAG_KINDS).fillna(flags["kind"]),
            text.COL_FLAG_PREVIOUS: flags["previous_value"].astype(int),
            text.COL_FLAG_VALUE: flags["value"].astype(int),
            text.COL_FLAG_QUESTION: flags["message"],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch", key=f"{PAGE}__flags")


def _rebuild_hint(vintage: str) -> None:
    st.write(text.REBUILD_HINT)
    st.code(f"python -m etl uitvraag rebuild --vintage {shlex.quote(vintage)}", language=None)


def _closing(con: sqlite3.Connection, found: bureau.Round, organisations: pd.DataFrame) -> None:
    st.subheader(text.CLOSE_HEADER)
    just_closed = st.session_state.pop(CLOSED_KEY, None)
    if just_closed:
        st.success(markup.escape(text.CLOSED.format(vintage=just_closed)))
    if found.closed_at is not None:
        _rebuild_hint(str(found.vintage))
        return
    st.write(text.CLOSE_INTRO)
    pending = st.session_state.get(CLOSING_KEY)
    if pending is None:
        with st.form(f"{PAGE}__close_form"):
            vintage = st.text_input(
                text.VINTAGE, value=text.VINTAGE_DEFAULT.format(school_year=found.school_year)
            )
            asked = st.form_submit_button(text.CLOSE)
        if asked:
            if vintage.strip():
                st.session_state[CLOSING_KEY] = vintage.strip()
                st.rerun()
            st.error(text.NAME_MISSING)
        return
    missing = int((organisations["state"] == bureau.NOT_YET).sum())
    question = text.CONFIRM_QUESTION.format(
        school_year=found.school_year, vintage=pending, missing=missing, total=len(organisations)
    )
    st.warning(markup.escape(question))
    yes, no, _ = st.columns([1, 1, 4])
    if no.button(text.CANCEL, key=f"{PAGE}__cancel"):
        st.session_state.pop(CLOSING_KEY, None)
        st.rerun()
    if yes.button(text.CONFIRM, key=f"{PAGE}__confirm", type="primary"):
        st.session_state.pop(CLOSING_KEY, None)
        try:
            bureau.close(con, pending)
        except bureau.BuildError as error:
            st.error(markup.escape(str(error)))
            return
        st.session_state[CLOSED_KEY] = pending
        st.rerun()
