"""The member page's door into the store (`etl.uitvraag.member`) on a round opened by the real
CLI: the link opens one organisation only, the prefilled template holds its gemeenten and last
year's figures, a typed table goes through the same validation as a file, questions are
confirmed one figure at a time (and the bureau's states follow), and the member's figures become
the indicators the marts compute (expected values from the fixture warehouse, read with our own
SQL)."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from etl.sources.verzuim import INZET_COLUMNS, TEMPLATE_COLUMNS
from etl.uitvraag import bureau, member, rounds
from tests.etl.uitvraag.conftest import (
    LAST_YEAR_START,
    SCHOOL_YEAR,
    MemberFile,
    OpenRound,
    last_year_rows,
    read_warehouse,
)

MAX_BYTES = 5 * 1024 * 1024


@pytest.fixture
def con(opened: OpenRound) -> Iterator[sqlite3.Connection]:
    with member.connect(opened.store) as connection:
        yield connection


def _link(con: sqlite3.Connection, opened: OpenRound, org: str = "rmc-noord") -> member.Link:
    return member.open_link(con, opened.links[org], f"test-{org}")


def _submit(
    con: sqlite3.Connection, link: member.Link, path: Path, warehouse: Path
) -> member.Outcome:
    return member.submit_bytes(con, link, path.name, path.read_bytes(), MAX_BYTES, warehouse)


def _jumps(
    warehouse: Path, code: str, columns: tuple[str, ...] = ("leerplichtigen", "absoluut_verzuim")
) -> dict[tuple[str, str], str]:
    last = last_year_rows(warehouse)[code]
    return {(code, column): str(3 * int(last[column]) + 10) for column in columns}


def test_a_link_opens_its_own_organisation_only(con: sqlite3.Connection, opened: OpenRound) -> None:
    link = _link(con, opened)
    assert (link.organisation_id, link.name, link.school_year) == (
        "rmc-noord",
        "RMC Noord",
        SCHOOL_YEAR,
    )
    assert link.gemeentecodes == frozenset(opened.gemeenten["rmc-noord"])
    with pytest.raises(member.Refused, match="niet \\(meer\\) geldig"):
        member.open_link(con, opened.links["rmc-noord"][:-1] + "x", "test-geraden")


def test_prefill_holds_the_gemeenten_and_last_years_figures(
    con: sqlite3.Connection, opened: OpenRound, fixture_warehouse: Path
) -> None:
    link = _link(con, opened)
    codes = opened.gemeenten["rmc-noord"]
    names = {codes[0]: "=Eerste", codes[1]: "Tweede"}
    rows = member.prefill(link, names, fixture_warehouse)
    last = last_year_rows(fixture_warehouse)
    inzet = [None] * len(INZET_COLUMNS)  # the optional inzet columns start empty
    expected = [
        [code, names[code], SCHOOL_YEAR, None]
        + [int(last[code][c]) if last[code][c] else None for c in TEMPLATE_COLUMNS[4:]]
        + inzet
        for code in codes
    ]
    assert rows.columns.tolist() == [*TEMPLATE_COLUMNS, *INZET_COLUMNS]
    assert rows.values.tolist() == expected
    # without a warehouse: the gemeenten, no figures
    bare = member.prefill(link, {}, None)
    assert bare.values.tolist() == [[code, "", SCHOOL_YEAR] + [None] * 14 + inzet for code in codes]


def test_the_prefilled_template_is_refused_unchanged_and_accepted_with_a_status(
    con: sqlite3.Connection, opened: OpenRound, fixture_warehouse: Path, tmp_path: Path
) -> None:
    link = _link(con, opened)
    codes = opened.gemeenten["rmc-noord"]
    rows = member.prefill(link, {codes[0]: "=1+2", codes[1]: "Tweede"}, fixture_warehouse)
    content = member.template_xlsx(rows, ["Let op: dit zijn de cijfers van vorig jaar.", "- x"])
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["toelichting", "verzuim"]
    assert [r[0].value for r in book["toelichting"].iter_rows()] == [
        "Let op: dit zijn de cijfers van vorig jaar.",
        "- x",
    ]
    sheet = book["verzuim"]
    assert [cell.value for cell in sheet[1]] == [*TEMPLATE_COLUMNS, *INZET_COLUMNS]
    name = sheet.cell(row=2, column=2)
    assert (name.value, name.data_type, name.quotePrefix) == ("=1+2", "s", True)

    unchanged = tmp_path / "sjabloon.xlsx"
    unchanged.write_bytes(content)
    refused = _submit(con, link, unchanged, fixture_warehouse)
    assert not refused.is_accepted
    assert refused.messages == [
        f"FOUT: sjabloon.xlsx, regel {line}, kolom 'status': ongeldige of lege waarde (verwacht "
        "'voorlopig' of 'definitief')"
        for line in (2, 3)
    ]
    for line in (2, 3):
        sheet.cell(row=line, column=4, value="voorlopig")
    filled = tmp_path / "ingevuld.xlsx"
    book.save(filled)
    accepted = _submit(con, link, filled, fixture_warehouse)
    assert accepted.is_accepted and accepted.gemeenten == 2
    assert accepted.flags == []  # last year's figures: nothing jumped


def test_a_typed_table_gets_the_same_messages_as_a_file(
    con: sqlite3.Connection, opened: OpenRound, fixture_warehouse: Path
) -> None:
    link = _link(con, opened)
    table = member.prefill(link, {}, fixture_warehouse)
    table["status"] = "definitief"
    table.loc[1, "absoluut_verzuim"] = "veel"
    content = member.table_csv(table)
    assert content.startswith(b"\xef\xbb\xbfgemeentecode;gemeentenaam;schooljaar;status;")
    outcome = member.submit_bytes(con, link, "tabel.csv", content, MAX_BYTES, fixture_warehouse)
    assert outcome.messages == [
        "FOUT: tabel.csv, regel 3, kolom 'absoluut_verzuim', waarde 'veel': geen geheel getal "
        "(schrijf een aantal zonder punt of komma, bijvoorbeeld 1000)"
    ]
    table.loc[1, "absoluut_verzuim"] = 7.0  # a number cell of the editor
    again = member.submit_bytes(
        con, link, "tabel.csv", member.table_csv(table), MAX_BYTES, fixture_warehouse
    )
    assert again.is_accepted
    staged = member.staged_rows(con, link, again.submission_id, MAX_BYTES)
    second = staged.set_index("municipality_code").loc[opened.gemeenten["rmc-noord"][1]]
    assert second["absoluut_verzuim_count"] == 7


def _states(con: sqlite3.Connection) -> tuple[str, int, str]:
    table = bureau.response(con, 1).set_index("organisation_id")
    status = {row.split(",")[0]: row.split(",") for row in bureau.status_csv(con).splitlines()[1:]}
    return (
        str(table.at["rmc-noord", "state"]),
        int(table.at["rmc-noord", "open_questions"]),
        status["rmc-noord"][-1],
    )


def test_questions_are_confirmed_one_figure_at_a_time(
    con: sqlite3.Connection,
    opened: OpenRound,
    member_file: MemberFile,
    fixture_warehouse: Path,
) -> None:
    link = _link(con, opened)
    code = opened.gemeenten["rmc-noord"][0]
    jumpy = member_file(
        "sprong.csv", opened.gemeenten["rmc-noord"], _jumps(fixture_warehouse, code)
    )
    outcome = _submit(con, link, jumpy, fixture_warehouse)
    found = member.in_force(con, link)
    assert found is not None and found.submission_id == outcome.submission_id
    assert found.is_compared
    assert [(q.gemeentecode, q.figure) for q in found.questions] == [
        (code, "leerplichtigen"),
        (code, "absoluut_verzuim"),
    ]
    assert _states(con) == ("open vragen", 2, "2")
    assert len(bureau.open_flags(con, 1)) == 2

    with pytest.raises(member.NotConfirmed, match="Schrijf kort"):
        member.confirm(con, link, found.submission_id, code, "leerplichtigen", "   ")
    with pytest.raises(member.NotConfirmed, match="hoogstens 500"):
        member.confirm(con, link, found.submission_id, code, "leerplichtigen", "x" * 501)
    member.confirm(con, link, found.submission_id, code, "leerplichtigen", " Nieuwe\nwijk ")
    assert _states(con) == ("open vragen", 1, "1")
    # a second confirmation of the same figure keeps the first explanation
    member.confirm(con, link, found.submission_id, code, "leerplichtigen", "Iets anders")
    member.confirm(con, link, found.submission_id, code, "absoluut_verzuim", "Telling herzien")
    assert _states(con) == ("gecontroleerd", 0, "0")
    assert bureau.open_flags(con, 1).empty
    after = member.in_force(con, link)
    assert after is not None and after.open_questions == []
    assert [q.explanation for q in after.questions] == ["Nieuwe wijk", "Telling herzien"]
    assert con.execute(
        "select submission_id, gemeentecode, figure, explanation from flag_confirmations "
        "order by figure"
    ).fetchall() == [
        (found.submission_id, code, "absoluut_verzuim", "Telling herzien"),
        (found.submission_id, code, "leerplichtigen", "Nieuwe wijk"),
    ]
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        con.execute("update flag_confirmations set explanation = 'weg'")

    # another organisation's link cannot confirm (or read) this submission
    other = _link(con, opened, "lp-zuid")
    with pytest.raises(member.NotConfirmed):
        member.confirm(con, other, found.submission_id, code, "leerplichtigen", "Van een ander")
    with pytest.raises(member.Refused):
        member.staged_rows(con, other, found.submission_id, MAX_BYTES)
    assert member.in_force(con, other) is None


def test_a_newer_upload_replaces_the_questions_and_a_closed_round_takes_no_confirmation(
    con: sqlite3.Connection,
    opened: OpenRound,
    member_file: MemberFile,
    fixture_warehouse: Path,
) -> None:
    link = _link(con, opened)
    codes = opened.gemeenten["rmc-noord"]
    first = _submit(
        con,
        link,
        member_file("een.csv", codes, _jumps(fixture_warehouse, codes[0])),
        fixture_warehouse,
    )
    second = _submit(
        con,
        link,
        member_file("twee.csv", codes, _jumps(fixture_warehouse, codes[1], ("leerplichtigen",))),
        fixture_warehouse,
    )
    with pytest.raises(member.NotConfirmed, match="nieuwe opgave"):
        member.confirm(con, link, first.submission_id, codes[0], "leerplichtigen", "Te laat")
    assert _states(con) == ("open vragen", 1, "1")
    rounds.close(con, "2025-2026-test")
    with pytest.raises(member.Refused):
        member.confirm(con, link, second.submission_id, codes[1], "leerplichtigen", "Na sluiten")
    assert con.execute("select count(*) from flag_confirmations").fetchone() == (0,)


def test_member_rates_are_the_indicators_the_marts_compute(fixture_warehouse: Path) -> None:
    """Last year's staged rows of three gemeenten, fed in as a submission, give per indicator
    the sum of the marts' gemeente numerators over the sum of their denominators."""
    staged = read_warehouse(
        fixture_warehouse,
        "select * from staged.verzuim__counts where school_year_start = ? "
        "order by municipality_code limit 3",
        [LAST_YEAR_START],
    )
    codes = staged["municipality_code"].tolist()
    marts = read_warehouse(
        fixture_warehouse,
        "select v.indicator_key, sum(v.numerator) as numerator, sum(v.denominator) as "
        "denominator, any_value(i.multiplier) as multiplier from marts.indicator_values v "
        "join marts.indicators i using (indicator_key) where v.region_level = 'gemeente' "
        "and v.school_year_start = ? and list_contains(?, v.region_code) "
        "and i.source_key = 'verzuim' group by v.indicator_key",
        [LAST_YEAR_START, codes],
    ).set_index("indicator_key")
    rates = member.member_rates(fixture_warehouse, staged).set_index("indicator_key")
    assert sorted(rates.index) == sorted(marts.index)
    assert len(marts) == 7
    for key, row in marts.iterrows():
        assert rates.at[key, "numerator"] == row["numerator"], key
        assert rates.at[key, "denominator"] == row["denominator"], key
        expected = row["numerator"] / row["denominator"] * row["multiplier"]
        assert rates.at[key, "value"] == pytest.approx(expected), key


def test_member_rates_leave_an_unreported_count_empty(fixture_warehouse: Path) -> None:
    staged = read_warehouse(
        fixture_warehouse,
        "select * from staged.verzuim__counts where school_year_start = ? "
        "order by municipality_code limit 1",
        [LAST_YEAR_START],
    )
    staged["vrijstelling_5a_count"] = pd.NA
    staged["school_year_start"] = LAST_YEAR_START + 1
    rates = member.member_rates(fixture_warehouse, staged).set_index("indicator_key")
    assert rates.at["vrijstelling_5a_per_1000", "gemeenten"] == 0
    assert pd.isna(rates.at["vrijstelling_5a_per_1000", "value"])
    assert rates.at["absoluut_verzuim_per_1000", "gemeenten"] == 1
