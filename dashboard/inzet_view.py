"""The inzet figures (the closed part of the uitvraag) as Streamlit elements, in the only two
places they are shown: the bureau's page lists every organisation's figures and ratios (with a
CSV download), and a member's own page shows its ratios next to those of the other
organisations that submitted inzet in the same round, by name, with their median.

A member sees the others only once its own submission in force holds inzet (who shares, sees).
The figures come from the uitvraag store through `etl.uitvraag.inzet` (this module's only door
into the ETL besides `etl.paths`); the warehouse never holds them. Names come from the bureau's
organisations file: they are shown in tables (text, never markup) and written to the CSV
neutralised (`dashboard.export`). Parsing a stored submission takes a while, so each is parsed
once per process (cached by its id and checksum: a stored submission never changes).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import components, export, formatting, markup
from dashboard.texts import inzet as text
from etl.uitvraag import inzet

KEY = "inzet"
#: Decimals shown per column.
DECIMALS = {
    "gemeenten": 0,
    "leerplichtigen": 0,
    "fte_leerplicht": 2,
    "fte_rmc": 2,
    "verzuimmeldingen": 0,
    "doorlooptijd_dagen": 1,
    "geoorloofd_verzuim": 0,
    "leerplichtigen_per_fte": 0,
    "meldingen_per_fte": 1,
    "meldingen_per_1000": 1,
    "geoorloofd_per_1000": 1,
}
#: What a member sees of every participant: size and the comparable figures.
MEMBER_COLUMNS = ["gemeenten", "leerplichtigen", "doorlooptijd_dagen", *inzet.RATIOS]


@st.cache_data(show_spinner=False, max_entries=5000)
def _submission_rows(store: str, submission_id: int, sha256: str) -> pd.DataFrame:
    """One stored submission's rows (`inzet.submission_rows`); `sha256` is part of the key."""
    with inzet.connect(Path(store)) as con:
        return inzet.submission_rows(con, submission_id)


def figures(store_path: Path, round_id: int) -> pd.DataFrame:
    """`inzet.organisation_figures` of the round's submissions in force.

    Raises:
        inzet.InputError: a stored submission no longer passes the template's checks.
    """
    with inzet.connect(store_path) as con:
        submissions = inzet.in_force(con, round_id)
    rows = {
        int(s["submission_id"]): _submission_rows(
            str(store_path), int(s["submission_id"]), str(s["sha256"])
        )
        for s in submissions.to_dict("records")
    }
    return inzet.organisation_figures(submissions, rows)


def bureau_csv(participants: pd.DataFrame) -> bytes:
    """Every participant's figures and ratios as CSV for Dutch Excel (BOM, `;`, decimal comma),
    rounded as shown; names neutralised."""
    columns = ["gemeenten", *inzet.FIGURES, *inzet.RATIOS]
    table = pd.DataFrame({text.COL_ORGANISATION: participants["name"].astype(str)})
    for column in columns:
        rounded = pd.Series(
            [
                None if formatting.is_missing(v) else formatting.round_half_up(v, DECIMALS[column])
                for v in participants[column]
            ],
            dtype="float64",
        )
        table[text.LABELS[column]] = rounded.astype("Int64") if not DECIMALS[column] else rounded
    return export.table_csv_bytes(table)


def _display(frame: pd.DataFrame, names: list[str], columns: list[str]) -> pd.DataFrame:
    """The table as shown: names as text, numbers the Dutch way (– when missing)."""
    table = pd.DataFrame({text.COL_ORGANISATION: names})
    for column in columns:
        table[text.LABELS[column]] = [
            formatting.format_number(v, DECIMALS[column]) for v in frame[column]
        ]
    return table


def bureau_section(store_path: Path, round_id: int, school_year: str) -> None:
    """The bureau page's section: every organisation with inzet, its figures and ratios, and
    the CSV download."""
    st.subheader(text.BUREAU_HEADER)
    st.write(text.BUREAU_INTRO)
    try:
        found = figures(store_path, round_id)
    except inzet.InputError as error:
        st.error(markup.escape(f"{text.UNREADABLE} {error}"))
        return
    taking_part = inzet.participants(found)
    if taking_part.empty:
        st.write(text.BUREAU_NONE)
        return
    st.write(text.BUREAU_COUNT.format(count=len(taking_part), total=len(found)))
    columns = ["gemeenten", *inzet.FIGURES, *inzet.RATIOS]
    table = _display(taking_part, taking_part["name"].astype(str).tolist(), columns)
    st.dataframe(table, hide_index=True, width="stretch", key=f"{KEY}__bureau")
    st.caption(text.EXPLAINED)
    components.file_download(
        text.BUREAU_DOWNLOAD,
        bureau_csv(taking_part),
        text.BUREAU_FILE.format(school_year=school_year),
        f"{KEY}__bureau_csv",
    )


def member_comparison(store_path: Path, round_id: int, organisation_id: str) -> None:
    """A member's comparison: its own ratios first, then every other organisation that
    submitted inzet in the round, by name, then their median. An organisation without inzet in
    its submission in force sees only how to take part, nothing of the others."""
    st.subheader(text.MEMBER_HEADER)
    try:
        found = figures(store_path, round_id)
    except inzet.InputError:
        st.error(text.UNREADABLE)
        return
    taking_part = inzet.participants(found)
    is_own = taking_part["organisation_id"] == organisation_id
    if not is_own.any():
        st.info(text.MEMBER_NOT_TAKING_PART)
        return
    st.write(text.MEMBER_INTRO)
    ordered = pd.concat([taking_part[is_own], taking_part[~is_own]], ignore_index=True)
    names = [
        f"{name}{text.OWN_SUFFIX}" if org == organisation_id else str(name)
        for org, name in zip(ordered["organisation_id"], ordered["name"], strict=True)
    ]
    median = pd.DataFrame([inzet.median_row(taking_part)])
    shown = pd.concat(
        [
            _display(ordered, names, MEMBER_COLUMNS),
            _display(median, [text.MEDIAN.format(count=len(taking_part))], MEMBER_COLUMNS),
        ],
        ignore_index=True,
    )
    st.dataframe(shown, hide_index=True, width="stretch", key=f"{KEY}__member")
    if len(taking_part) == 1:
        st.write(text.MEMBER_ALONE)
    st.caption(text.EXPLAINED)
