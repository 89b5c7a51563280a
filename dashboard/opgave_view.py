"""The member page (`/opgave?token=...`, not in the menu) as Streamlit elements: the personal link
of the uitvraag opens one organisation's page, where it downloads the template prefilled with
its gemeenten and last year's figures, hands in a file or a typed table, sees its figures as
Kompas's indicators beside its RMC-regio's and Nederland's, and answers the questions about
large changes one figure at a time; below that, once it handed in inzet figures itself, its
inzet next to the other participating organisations' (`dashboard.inzet_view`).

The secret comes from the address (`token`) and is only ever passed to the store, which keeps
its hash; it is never shown or logged. A missing, wrong, revoked or expired secret gets the one
generic refusal (`etl.uitvraag.submit.REFUSAL`) and nothing else; a wrong one counts for the
client (`dashboard.remote`) in the store's slowdown. Everything the page does with the store
goes through `etl.uitvraag.member`, scoped to the opened link: an upload and a typed table
(written as template CSV) pass through the same `submit_bytes` as `python -m etl uitvraag
submit`, so the ETL's own validation and messages. Messages, names and figures are shown as text
(escaped Markdown or tables), never as markup. The member's figures stay in this session (its
state holds the staged rows of the submission in force) and out of every shared cache.
"""

from __future__ import annotations

import math
import sqlite3

import pandas as pd
import streamlit as st

from dashboard import formatting, inzet_view, markup, queries, queries_member, remote
from dashboard.texts import opgave as text
from etl.paths import uitvraag_store_path, warehouse_path
from etl.uitvraag import member

PAGE = "opgave"
STAGED_KEY = f"{PAGE}__staged"
TEXT_COLUMNS = ("gemeentecode", "gemeentenaam", "schooljaar", "status")
STATUSES = ("voorlopig", "definitief")


def show() -> None:
    """The whole member page, or only the refusal."""
    secret = st.query_params.get("token", "")
    if not secret:
        st.error(_refusal())
        return
    with member.connect(uitvraag_store_path()) as con:
        try:
            link = member.open_link(con, secret, remote.client())
        except member.Refused:
            st.error(_refusal())
            return
        _page(con, link)


def _refusal() -> str:
    """The one refusal, as Markdown that shows exactly its text."""
    return markup.escape(member.REFUSAL)


def _page(con: sqlite3.Connection, link: member.Link) -> None:
    names = _gemeente_names()
    _header(link, names)
    rows = member.prefill(link, names, warehouse_path())
    _template(link, rows)
    st.subheader(text.SUBMIT_HEADER)
    on_file, on_table = st.tabs([text.TAB_FILE, text.TAB_TABLE])
    with on_file:
        _upload(con, link)
    with on_table:
        _table(con, link, rows)
    found = member.in_force(con, link)
    st.subheader(text.IN_FORCE_HEADER)
    if found is None:
        st.info(text.NOTHING_YET)
        return
    staged = _staged(con, link, found)
    _in_force(found, staged, names)
    _reflection(link, staged)
    _questions(con, link, found)
    inzet_view.member_comparison(uitvraag_store_path(), link.round_id, link.organisation_id)


def _gemeente_names() -> dict[str, str]:
    regions = queries.regions("gemeente")
    return dict(zip(regions["region_code"], regions["region_name"], strict=True))


def _header(link: member.Link, names: dict[str, str]) -> None:
    st.write(markup.escape(text.ROUND.format(school_year=link.school_year, organisation=link.name)))
    listed = [f"{names.get(code, code)} ({code})" for code in sorted(link.gemeentecodes)]
    st.write(markup.escape(text.GEMEENTEN.format(gemeenten=formatting.join_dutch(listed))))
    st.write(text.INTRO)


def _template(link: member.Link, rows: pd.DataFrame) -> None:
    st.subheader(text.TEMPLATE_HEADER)
    has_last_year = rows[list(member.COUNT_COLUMNS)].notna().to_numpy().any()
    intro = text.TEMPLATE_INTRO if has_last_year else text.TEMPLATE_NO_LAST_YEAR
    st.write(intro.format(school_year=link.school_year))
    start = int(link.school_year.split("-")[0])
    notice = [
        line.format(
            school_year=link.school_year,
            organisation=link.name,
            last_year=f"{start - 1}-{start}",
        )
        for line in text.TEMPLATE_NOTICE
    ]
    st.download_button(
        text.TEMPLATE_DOWNLOAD,
        data=member.template_xlsx(rows, notice),
        file_name=text.TEMPLATE_FILE.format(
            school_year=link.school_year, organisation_id=link.organisation_id
        ),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key=f"{PAGE}__template",
        icon=":material/download:",
    )


def _upload(con: sqlite3.Connection, link: member.Link) -> None:
    limit = member.upload_max_bytes()
    megabytes = max(1, math.ceil(limit / 2**20))
    uploaded = st.file_uploader(
        text.UPLOAD.format(megabytes=megabytes),
        type=["xlsx", "csv"],
        max_upload_size=megabytes,
        key=f"{PAGE}__upload",
    )
    if not st.button(text.UPLOAD_BUTTON, key=f"{PAGE}__upload_submit", type="primary"):
        return
    if uploaded is None:
        st.warning(text.UPLOAD_MISSING)
        return
    _hand_in(con, link, uploaded.name, uploaded.getvalue(), from_table=False)


def _table(con: sqlite3.Connection, link: member.Link, rows: pd.DataFrame) -> None:
    st.write(text.TABLE_INTRO)
    start = rows.copy()
    for column in member.COUNT_COLUMNS:
        start[column] = pd.to_numeric(start[column]).astype("Float64")
    config = {
        column: st.column_config.TextColumn(column, disabled=True) for column in TEXT_COLUMNS[:3]
    }
    config["status"] = st.column_config.SelectboxColumn("status", options=list(STATUSES))
    for column in member.COUNT_COLUMNS:
        config[column] = st.column_config.NumberColumn(column, step=1, format="%d")
    for column in member.INZET_COLUMNS:  # optional; fte and days may have a decimal comma
        start[column] = start[column].astype("string")
        config[column] = st.column_config.TextColumn(column, help=member.COLUMN_NOTES[column])
    edited = st.data_editor(
        start,
        hide_index=True,
        num_rows="fixed",
        column_config=config,
        placeholder="",
        key=f"{PAGE}__table",
    )
    if st.button(text.TABLE_BUTTON, key=f"{PAGE}__table_submit", type="primary"):
        _hand_in(con, link, text.TABLE_FILE, member.table_csv(edited), from_table=True)


def _hand_in(
    con: sqlite3.Connection, link: member.Link, name: str, content: bytes, from_table: bool
) -> None:
    try:
        outcome = member.submit_bytes(
            con, link, name, content, member.upload_max_bytes(), warehouse_path()
        )
    except member.Refused:
        st.error(_refusal())
        return
    if outcome.is_accepted:
        st.success(
            markup.escape(
                text.ACCEPTED.format(
                    gemeenten=formatting.count_noun(outcome.gemeenten, "gemeente", "gemeenten"),
                    sha256=outcome.sha256,
                )
            )
        )
        return
    lines = "\n".join(f"- {markup.escape(message)}" for message in outcome.messages)
    st.error(f"{text.REFUSED_TABLE if from_table else text.REFUSED}\n\n{lines}")
    if from_table:
        st.caption(text.TABLE_ROWS)


def _staged(con: sqlite3.Connection, link: member.Link, found: member.InForce) -> pd.DataFrame:
    """The staged rows of the submission in force, kept in this session per submission."""
    kept = st.session_state.get(STAGED_KEY)
    if kept is None or kept[0] != found.submission_id:
        staged = member.staged_rows(con, link, found.submission_id, member.upload_max_bytes())
        kept = (found.submission_id, staged)
        st.session_state[STAGED_KEY] = kept
    frame: pd.DataFrame = kept[1]
    return frame


def _in_force(found: member.InForce, staged: pd.DataFrame, names: dict[str, str]) -> None:
    st.write(
        markup.escape(
            text.IN_FORCE.format(
                received=formatting.format_moment(found.received_at), file_name=found.file_name
            )
        )
    )
    with st.expander(text.OWN_FIGURES):
        table = pd.DataFrame(
            {
                text.COL_GEMEENTE: [
                    f"{names.get(code, code)} ({code})" for code in staged["municipality_code"]
                ],
                "status": staged["status"],
            }
        )
        for column in member.COUNT_COLUMNS:
            table[column] = staged[f"{column}_count"].astype("Int64").to_numpy()
        st.dataframe(table, hide_index=True, width="stretch", key=f"{PAGE}__own")


def reflection_table(
    own: pd.DataFrame,
    reference: pd.DataFrame,
    specs: dict[str, queries.Indicator],
    school_year: str,
) -> pd.DataFrame:
    """The member's indicators beside the published ones, as display text.

    Args:
        own: `member.member_rates` (indicator_key, value).
        reference: `queries_member.member_reference` (indicator_key, region_name, school_year,
            value, flag).
        specs: the indicator registry (labels, decimals).
        school_year: the round's school year (the member's column).

    Returns:
        One row per indicator of `own` (display order): its short label, the member's value,
        then one column per region of `reference` in its order (named by the region); a hidden
        value shows its label (`<5` or `x`), a missing one an en dash.
    """
    rows = []
    regions = list(dict.fromkeys(reference["region_name"]))
    values = reference.set_index(["indicator_key", "region_name"])
    for record in own.to_dict("records"):
        spec = specs[record["indicator_key"]]
        row = {
            text.COL_INDICATOR: spec.short_label[:1].upper() + spec.short_label[1:],
            text.COL_OWN.format(school_year=school_year): formatting.format_number(
                record["value"], spec.decimals
            ),
        }
        for region in regions:
            key = (record["indicator_key"], region)
            if key not in values.index:
                cell = formatting.MISSING
            elif values.at[key, "flag"]:
                cell = formatting.hidden_label(str(values.at[key, "flag"]))
            else:
                cell = formatting.format_number(values.at[key, "value"], spec.decimals)
            row[region] = cell
        rows.append(row)
    return pd.DataFrame(rows)


def _reflection(link: member.Link, staged: pd.DataFrame) -> None:
    st.subheader(text.REFLECTION_HEADER)
    reference = queries_member.member_reference(sorted(link.gemeentecodes))
    if reference.empty:
        st.info(text.REFLECTION_NO_REFERENCE)
        return
    regions = formatting.join_dutch(list(dict.fromkeys(reference["region_name"])))
    st.write(
        text.REFLECTION_INTRO.format(
            school_year=link.school_year,
            regions=markup.escape(regions),
            reference_year=reference["school_year"].iloc[0],
        )
    )
    own = member.member_rates(warehouse_path(), staged)
    table = reflection_table(own, reference, queries.indicator_specs(), link.school_year)
    st.dataframe(table, hide_index=True, width="stretch", key=f"{PAGE}__reflection")
    if (reference["flag"] != "").any():
        st.caption(text.REFLECTION_HIDDEN.format(legend=formatting.label_legend()))


def _questions(con: sqlite3.Connection, link: member.Link, found: member.InForce) -> None:
    st.subheader(text.QUESTIONS_HEADER)
    if not found.is_compared:
        st.info(text.QUESTIONS_NOT_COMPARED)
        st.success(text.SUBMITTED_DONE)
        return
    if not found.questions:
        st.write(text.QUESTIONS_NONE)
        st.success(text.ALL_DONE)
        return
    st.write(text.QUESTIONS_INTRO)
    for question in found.questions:
        _question(con, link, found.submission_id, question)
    still_open = len(found.open_questions)
    if still_open:
        st.warning(text.OPEN_COUNT.format(count=still_open, total=len(found.questions)))
    else:
        st.success(text.ALL_DONE)


def _question(
    con: sqlite3.Connection, link: member.Link, submission_id: int, question: member.Question
) -> None:
    with st.container(border=True):
        st.write(markup.escape(question.message))
        if question.explanation is not None:
            st.success(markup.escape(text.CONFIRMED.format(explanation=question.explanation)))
            return
        key = f"{PAGE}__confirm_{submission_id}_{question.gemeentecode}_{question.figure}"
        with st.form(key):
            explanation = st.text_input(
                text.EXPLANATION,
                max_chars=member.MAX_EXPLANATION,
                placeholder=text.EXPLANATION_PLACEHOLDER,
                key=f"{key}_text",
            )
            confirmed = st.form_submit_button(text.CONFIRM)
        st.caption(text.CORRECT_HINT)
        if not confirmed:
            return
        try:
            member.confirm(
                con, link, submission_id, question.gemeentecode, question.figure, explanation
            )
        except member.NotConfirmed as error:
            st.error(markup.escape(str(error)))
            return
        except member.Refused:
            st.error(_refusal())
            return
        st.rerun()
