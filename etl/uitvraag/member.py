"""The member's side of a round: the one door through which the member page (`/opgave`) reaches
the uitvraag store, as `bureau` is the bureau's (the page's `dashboard.opgave_view` imports only
this module from `etl`, besides its paths).

- opening the personal link and the slowdown of wrong secrets: `submit.open_link`, the very
  function behind `python -m etl uitvraag submit`, and its upload limit (`upload_max_bytes`);
- an upload, or the figures typed into the page's table written as template CSV (`table_csv`):
  `submit.submit_bytes`, so the ETL's own validation with the same messages (file, row,
  column, value) and the same plausibility step;
- the organisation's submission in force and its questions (`in_force`), its figures as staged
  rows (`staged_rows`, the stored bytes checked again) and as Kompas's indicators
  (`member_rates.sql`, same numerators and denominators as the marts);
- confirming one question with an explanation (`confirm`), stored with that figure in
  `flag_confirmations`; a question stays open until then;
- the template prefilled with the organisation's gemeenten and last year's figures
  (`prefill`, `template_xlsx`), the same layout as `etl.sources.verzuim.write_template`.

Everything here is scoped to one opened `Link`: an organisation only ever reads and confirms its
own submissions, and nothing here logs a secret or a figure.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from etl.harmonised.macros import create_verzuim_numerators
from etl.settings import upload_max_bytes
from etl.sources.verzuim import (
    ALL_COLUMNS,
    COLUMN_NOTES,
    INZET_COLUMNS,
    TEMPLATE_COLUMNS,
    template_csv_bytes,
    template_xlsx_bytes,
)
from etl.uitvraag import plausibility
from etl.uitvraag.intake import check_upload, school_year_start
from etl.uitvraag.store import connect, now, transaction
from etl.uitvraag.submit import REFUSAL, Link, Outcome, Refused, open_link, submit_bytes

__all__ = [
    "MAX_EXPLANATION",
    "REFUSAL",
    "TEMPLATE_COLUMNS",
    "INZET_COLUMNS",
    "COLUMN_NOTES",
    "COUNT_COLUMNS",
    "InForce",
    "Link",
    "NotConfirmed",
    "Outcome",
    "Question",
    "Refused",
    "confirm",
    "connect",
    "in_force",
    "member_rates",
    "open_link",
    "prefill",
    "staged_rows",
    "submit_bytes",
    "table_csv",
    "template_xlsx",
    "upload_max_bytes",
]

#: Longest explanation stored with a confirmed figure (characters).
MAX_EXPLANATION = 500
#: The template's figure columns (everything after gemeentecode, gemeentenaam, schooljaar, status).
COUNT_COLUMNS = TEMPLATE_COLUMNS[4:]
_RATES_SQL = Path(__file__).with_name("member_rates.sql")


class NotConfirmed(ValueError):
    """A confirmation that cannot be stored (message in Dutch, fit to show the member)."""


@dataclass(frozen=True)
class Question:
    """One plausibility flag on a submission, with the member's confirmation when given."""

    gemeentecode: str
    figure: str
    previous_value: int
    value: int
    message: str
    explanation: str | None
    confirmed_at: str | None


@dataclass(frozen=True)
class InForce:
    """The organisation's accepted submission in force: what it is, whether it was compared with
    last year, and its questions in the order plausibility raised them."""

    submission_id: int
    received_at: str
    file_name: str
    sha256: str
    is_compared: bool
    questions: list[Question]

    @property
    def open_questions(self) -> list[Question]:
        """The questions not confirmed yet."""
        return [q for q in self.questions if q.confirmed_at is None]


def in_force(con: sqlite3.Connection, link: Link) -> InForce | None:
    """The link's organisation's accepted submission in force in its round; None when none."""
    row = con.execute(
        "select s.submission_id, s.received_at, s.file_name, s.sha256, "
        "m.submission_id is not null and m.gemeenten_compared > 0 "
        "from submissions s left join comparisons m using (submission_id) "
        "where s.round_id = ? and s.organisation_id = ? and s.is_accepted = 1 "
        "and s.superseded_by is null",
        (link.round_id, link.organisation_id),
    ).fetchone()
    if row is None:
        return None
    questions = con.execute(
        "select f.gemeentecode, f.figure, f.previous_value, f.value, f.message, c.explanation, "
        "c.confirmed_at from plausibility_flags f left join flag_confirmations c "
        "on c.submission_id = f.submission_id and c.gemeentecode = f.gemeentecode "
        "and c.figure = f.figure where f.submission_id = ? order by f.rowid",
        (row[0],),
    ).fetchall()
    return InForce(
        int(row[0]),
        str(row[1]),
        str(row[2]),
        str(row[3]),
        bool(row[4]),
        [Question(*question) for question in questions],
    )


def staged_rows(
    con: sqlite3.Connection, link: Link, submission_id: int, max_bytes: int
) -> pd.DataFrame:
    """The staged rows of one of the organisation's accepted submissions: its stored bytes
    checked again (`intake.check_upload`, deterministic), since the store keeps the bytes only.

    Raises:
        Refused: the submission is not an accepted one of this link's organisation and round.
    """
    row = con.execute(
        "select file_name, content from submissions where submission_id = ? and round_id = ? "
        "and organisation_id = ? and is_accepted = 1",
        (submission_id, link.round_id, link.organisation_id),
    ).fetchone()
    if row is None:
        raise Refused()
    name, content = str(row[0]), bytes(row[1])
    return check_upload(
        name, content, link.gemeentecodes, link.school_year, max(max_bytes, len(content))
    )


def confirm(
    con: sqlite3.Connection,
    link: Link,
    submission_id: int,
    gemeentecode: str,
    figure: str,
    explanation: str,
) -> None:
    """Store the member's explanation with one questioned figure of its submission in force.

    A figure confirmed before keeps its first explanation.

    Raises:
        NotConfirmed: the explanation is empty or longer than `MAX_EXPLANATION`, or the question
            is not one of the organisation's submission in force (a newer upload replaced it).
        Refused: the round was closed in the meantime (the link expired).
    """
    text = " ".join(explanation.split())
    if not text:
        raise NotConfirmed("Schrijf kort waarom dit cijfer klopt.")
    if len(text) > MAX_EXPLANATION:
        raise NotConfirmed(
            f"De toelichting is {len(text)} tekens; houd het bij hoogstens {MAX_EXPLANATION}."
        )
    try:
        with transaction(con):
            found = con.execute(
                "select 1 from plausibility_flags f join submissions s using (submission_id) "
                "where f.submission_id = ? and f.gemeentecode = ? and f.figure = ? "
                "and s.round_id = ? and s.organisation_id = ? and s.is_accepted = 1 "
                "and s.superseded_by is null",
                (submission_id, gemeentecode, figure, link.round_id, link.organisation_id),
            ).fetchone()
            if found is None:
                raise NotConfirmed(
                    "Deze vraag hoort niet meer bij uw opgave: u hebt intussen een nieuwe "
                    "opgave ingeleverd."
                )
            con.execute(
                "insert into flag_confirmations values (?, ?, ?, ?, ?) "
                "on conflict (submission_id, gemeentecode, figure) do nothing",
                (submission_id, gemeentecode, figure, text, now()),
            )
    except sqlite3.IntegrityError as error:
        if "round is closed" in str(error):
            raise Refused() from error
        raise


def prefill(link: Link, names: dict[str, str], warehouse: Path | None) -> pd.DataFrame:
    """The organisation's template rows: per gemeente (sorted by code) its code, name (`names`,
    else empty), the round's school year, an empty status and last year's figures from the
    warehouse's staged template rows (`plausibility.reference`; empty without a warehouse or a
    figure), then the optional inzet columns, empty (they are not in the warehouse). Columns
    `ALL_COLUMNS`; text as str, figures as int or None.

    The status is left empty on purpose: a file sent back unchanged is refused ('verwacht
    voorlopig of definitief') instead of handing in last year's figures as this year's.
    """
    codes = sorted(link.gemeentecodes)
    last = pd.DataFrame(columns=["municipality_code"])
    if warehouse is not None and warehouse.is_file():
        every = plausibility.reference(warehouse, school_year_start(link.school_year)).last_year
        last = every[every["municipality_code"].isin(codes)]
    previous = last.set_index("municipality_code").to_dict("index") if len(last) else {}
    rows = []
    for code in codes:
        figures = previous.get(code, {})
        row: list[object] = [code, names.get(code, ""), link.school_year, None]
        for column in COUNT_COLUMNS:
            value = figures.get(f"{column}_count")
            row.append(None if value is None or pd.isna(value) else int(value))
        rows.append(row + [None] * len(INZET_COLUMNS))
    return pd.DataFrame(rows, columns=ALL_COLUMNS, dtype=object)


def template_xlsx(rows: pd.DataFrame, notice: list[str]) -> bytes:
    """`prefill`'s rows as the XLSX template, `notice` on a first sheet, the prefilled figures
    marked yellow (text cells never become formulas, see `template_xlsx_bytes`)."""
    return template_xlsx_bytes(_cells(rows), notice, marked_columns=COUNT_COLUMNS)


def table_csv(table: pd.DataFrame) -> bytes:
    """The page's table (template columns, any cell text, number or empty) as template CSV,
    row N of the table on line N + 1 of the file, for `submit_bytes`."""
    return template_csv_bytes([[_text(value) for value in row] for row in _cells(table)])


def _cells(table: pd.DataFrame) -> list[list[str | int | None]]:
    out = []
    for record in table[ALL_COLUMNS].to_dict("records"):
        row: list[str | int | None] = []
        for column in ALL_COLUMNS:
            value = record[column]
            row.append(None if value is None or pd.isna(value) else value)
        out.append(row)
    return out


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def member_rates(warehouse: Path, staged: pd.DataFrame) -> pd.DataFrame:
    """A submission's figures as Kompas's verzuim indicators, summed over its gemeenten
    (`member_rates.sql`: indicator_key, gemeenten, numerator, denominator, value)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        con.register("submission", staged)
        create_verzuim_numerators(con)
        return con.execute(_RATES_SQL.read_text(encoding="utf-8")).df()
    finally:
        con.close()
