"""The member page (`/opgave?token=...`, hidden from the menu) on a round opened by the real CLI:
a missing or wrong secret gets the one refusal and nothing else, a valid one shows its own
organisation only; an upload with an error shows file, row, column and value and stores nothing
accepted; the corrected upload is accepted, its figures appear as indicators beside the regio and
Nederland, and confirming its question stores the explanation with the figure; the typed table
goes through the same validation (AppTest; expected values from the fixture warehouse and the
store, read with our own SQL)."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import formatting
from dashboard.texts import inzet as inzet_text
from dashboard.texts import opgave as text
from etl.sources.verzuim import INZET_COLUMNS, TEMPLATE_COLUMNS
from etl.uitvraag.submit import REFUSAL
from tests.app.conftest import open_page, readable, texts
from tests.app.explore_helpers import no_exception
from tests.etl.uitvraag.conftest import (
    SCHOOL_YEAR,
    last_year_rows,
    open_round,
    write_member_file,
)

ORGANISATIONS = {"rmc-noord": "RMC Noord", "lp-zuid": "Leerplicht Zuid"}


@pytest.fixture
def round_links(
    tmp_path: Path, fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, object]:
    """A round for two organisations (two gemeenten and one), opened by the CLI on a store the
    page reads (KOMPAS_UITVRAAG): the tokens, gemeenten, last year's rows and the store."""
    last = last_year_rows(fixture_warehouse)
    codes = sorted(last)
    gemeenten = {"rmc-noord": codes[:2], "lp-zuid": codes[2:3]}
    orgs = tmp_path / "organisaties.csv"
    with orgs.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["organisation_id", "name", "email", "gemeentecodes"])
        for org, name in ORGANISATIONS.items():
            writer.writerow([org, name, f"{org}@example.nl", " ".join(gemeenten[org])])
    store, links = tmp_path / "uitvraag.sqlite", tmp_path / "links.csv"
    assert open_round(store, orgs, links).returncode == 0
    with links.open(encoding="utf-8", newline="") as handle:
        tokens = {r["organisation_id"]: r["token"] for r in csv.DictReader(handle)}
    monkeypatch.setenv("KOMPAS_UITVRAAG", str(store))
    return {"tokens": tokens, "gemeenten": gemeenten, "last": last, "store": store}


def _query(store: object, sql: str) -> list[tuple]:
    con = sqlite3.connect(str(store))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _member(token: str) -> AppTest:
    return open_page("opgave", token=token)


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    [found] = [b for b in at.button if b.label == label]
    return found


def _upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="opgave__upload").set_value((name, content, "text/csv"))
    return _button(at, text.UPLOAD_BUTTON).click().run()


def _refusal_only(at: AppTest) -> None:
    no_exception(at)
    assert [readable(e.value) for e in at.error] == [REFUSAL]
    assert not at.get("download_button") and not at.file_uploader and not at.dataframe
    assert not at.button and not at.text_input


def test_a_missing_or_wrong_secret_gets_the_one_refusal(round_links: dict) -> None:
    store, token = round_links["store"], round_links["tokens"]["rmc-noord"]
    _refusal_only(open_page("opgave"))
    assert _query(store, "select count(*) from failed_attempts") == [(0,)]
    wrong = _member(token[:-2] + "xx")
    _refusal_only(wrong)
    assert token not in texts(wrong)
    # counted for the client; Streamlit names no address in AppTest: 'onbekend'
    assert _query(store, "select client, failures from failed_attempts") == [("onbekend", 1)]


def test_a_revoked_secret_gets_the_same_refusal(round_links: dict, tmp_path: Path) -> None:
    from tests.conftest_helpers import run_etl

    revoked = run_etl(
        "uitvraag",
        "revoke",
        "--organisation",
        "lp-zuid",
        env={"KOMPAS_UITVRAAG": str(round_links["store"])},
    )
    assert revoked.returncode == 0, revoked.stderr
    _refusal_only(_member(round_links["tokens"]["lp-zuid"]))


def test_a_valid_secret_shows_its_own_organisation_only(
    round_links: dict, fixture_warehouse: Path
) -> None:
    at = _member(round_links["tokens"]["rmc-noord"])
    no_exception(at)
    assert not at.error
    shown = texts(at)
    own, other = round_links["gemeenten"]["rmc-noord"], round_links["gemeenten"]["lp-zuid"]
    assert text.ROUND.format(school_year=SCHOOL_YEAR, organisation="RMC Noord") in shown
    for code in own:
        assert f"({code})" in shown
    assert "Leerplicht Zuid" not in shown and other[0] not in shown
    [download] = at.get("download_button")
    assert download.proto.label == text.TEMPLATE_DOWNLOAD
    assert text.NOTHING_YET in [i.value for i in at.info]
    # the table starts with the organisation's gemeenten and last year's figures
    [table] = at.data_editor
    frame = table.value
    assert frame["gemeentecode"].tolist() == own
    last = round_links["last"]
    assert frame["leerplichtigen"].tolist() == [int(last[c]["leerplichtigen"]) for c in own]
    assert frame["schooljaar"].tolist() == [SCHOOL_YEAR] * 2


def _files(round_links: dict, folder: Path) -> tuple[Path, Path, str, int]:
    codes = round_links["gemeenten"]["rmc-noord"]
    last = round_links["last"]
    previous = int(last[codes[0]]["leerplichtigen"])
    jump = {(codes[0], "leerplichtigen"): str(3 * previous)}
    bad = write_member_file(
        folder / "fout.csv", last, codes, {**jump, (codes[1], "absoluut_verzuim"): "-3"}
    )
    good = write_member_file(folder / "goed.csv", last, codes, jump)
    return bad, good, codes[0], previous


def test_an_upload_with_an_error_names_file_row_column_and_value(
    round_links: dict, tmp_path: Path
) -> None:
    bad, _, _, _ = _files(round_links, tmp_path)
    at = _upload(_member(round_links["tokens"]["rmc-noord"]), "fout.csv", bad.read_bytes())
    no_exception(at)
    [error] = [readable(e.value) for e in at.error]
    assert error.startswith(text.REFUSED)
    assert (
        "FOUT: fout.csv, regel 3, kolom 'absoluut_verzuim', waarde '-3': negatief aantal; een "
        "aantal is 0 of meer"
    ) in error
    assert text.NOTHING_YET in [i.value for i in at.info]
    assert _query(round_links["store"], "select is_accepted, file_name from submissions") == [
        (0, "fout.csv")
    ]


def _expected_reflection(warehouse: Path, codes: list[str], rows: dict) -> dict[str, str]:
    """Absoluut verzuim per 1.000 of the file, and of the first gemeente's RMC-regio and
    Nederland in the latest school year, computed with our own SQL."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        start = int(SCHOOL_YEAR[:4])
        population = sum(
            con.execute(
                "select population_5_17 from harmonised.population where municipality_code = ? "
                "and year <= ? order by year desc limit 1",
                [code, start + 1],
            ).fetchone()[0]
            for code in codes
        )
        published = con.execute(
            "select v.region_name, v.value, v.flag from marts.published_values v "
            "where v.indicator_key = 'absoluut_verzuim_per_1000' and v.school_year_start = "
            "(select max(school_year_start) from marts.published_values "
            "where source_key = 'verzuim') and (v.region_level = 'nederland' or v.region_code = "
            "(select rmc_code from marts.regions where region_code = ?))",
            [codes[0]],
        ).fetchall()
    finally:
        con.close()
    numerator = sum(int(rows[code]["absoluut_verzuim"]) for code in codes)
    expected = {"own": formatting.format_number(numerator / population * 1000, 1)}
    for name, value, flag in published:
        expected[name] = {"primary": "<5", "secondary": "x"}.get(flag) or (
            formatting.format_number(value, 1)
        )
    return expected


def test_a_corrected_upload_is_accepted_reflected_and_its_question_confirmed(
    round_links: dict, tmp_path: Path, fixture_warehouse: Path
) -> None:
    bad, good, code, previous = _files(round_links, tmp_path)
    token = round_links["tokens"]["rmc-noord"]
    at = _upload(_member(token), "fout.csv", bad.read_bytes())
    at = _upload(at, "goed.csv", good.read_bytes())
    no_exception(at)
    assert not at.error
    [accepted] = [
        readable(s.value) for s in at.success if "aanvaard: 2 gemeenten" in readable(s.value)
    ]
    assert "Controlegetal (sha256)" in accepted

    # the reflection: own figures as Kompas's indicators beside the RMC-regio and Nederland
    [reflection] = [d.value for d in at.dataframe if text.COL_INDICATOR in d.value.columns]
    codes = round_links["gemeenten"]["rmc-noord"]
    expected = _expected_reflection(fixture_warehouse, codes, round_links["last"])
    row = reflection[reflection[text.COL_INDICATOR] == "Absoluut verzuim"].iloc[0]
    assert row[text.COL_OWN.format(school_year=SCHOOL_YEAR)] == expected.pop("own")
    for region, value in expected.items():
        assert row[region] == value, region

    # the question, in the member's words; confirming stores the explanation with the figure
    dutch = f"{3 * previous:,}".replace(",", ".")
    question = f"{code}, leerplichtigen: {dutch} dit jaar"
    assert question in texts(at)
    assert text.OPEN_COUNT.format(count=1, total=1) in [w.value for w in at.warning]
    [explanation] = [t for t in at.text_input if t.label == text.EXPLANATION]
    explanation.input("Nieuwe wijk opgeleverd")
    at = _button(at, text.CONFIRM).click().run()
    no_exception(at)
    [(accepted_id,)] = _query(
        round_links["store"], "select submission_id from submissions where is_accepted = 1"
    )
    assert _query(
        round_links["store"],
        "select submission_id, gemeentecode, figure, explanation from flag_confirmations",
    ) == [(accepted_id, code, "leerplichtigen", "Nieuwe wijk opgeleverd")]
    assert text.CONFIRMED.format(explanation="Nieuwe wijk opgeleverd") in [
        readable(s.value) for s in at.success
    ]
    assert text.ALL_DONE in [s.value for s in at.success]
    assert not [t for t in at.text_input if t.label == text.EXPLANATION]
    # no inzet in this file: the page says how to take part and shows nobody else's inzet
    assert inzet_text.MEMBER_HEADER in [h.value for h in at.subheader]
    assert inzet_text.MEMBER_NOT_TAKING_PART in [i.value for i in at.info]


def test_an_empty_explanation_is_asked_for_and_nothing_stored(
    round_links: dict, tmp_path: Path
) -> None:
    _, good, _, _ = _files(round_links, tmp_path)
    at = _upload(_member(round_links["tokens"]["rmc-noord"]), "goed.csv", good.read_bytes())
    at = _button(at, text.CONFIRM).click().run()
    no_exception(at)
    assert [readable(e.value) for e in at.error] == ["Schrijf kort waarom dit cijfer klopt."]
    assert _query(round_links["store"], "select count(*) from flag_confirmations") == [(0,)]


def test_the_typed_table_goes_through_the_same_validation(round_links: dict) -> None:
    """Sent as it starts (last year's figures, status empty), the table is refused with the
    template's messages for its rows, and the page says how its rows are numbered; with a
    status per row it is accepted, stored as template CSV with the edits."""
    at = _member(round_links["tokens"]["rmc-noord"])
    at = _button(at, text.TABLE_BUTTON).click().run()
    no_exception(at)
    [error] = [readable(e.value) for e in at.error]
    assert error.startswith(text.REFUSED_TABLE)
    for line in (2, 3):
        assert (
            f"FOUT: {text.TABLE_FILE}, regel {line}, kolom 'status', waarde '': ongeldige of lege "
            "waarde (verwacht 'voorlopig' of 'definitief')"
        ) in error
    assert text.TABLE_ROWS in [c.value for c in at.caption]
    assert _query(round_links["store"], "select is_accepted, file_name from submissions") == [
        (0, text.TABLE_FILE)
    ]

    # the edits as the browser sends them: a status per row and one figure changed
    at.session_state["opgave__table"] = {
        "edited_rows": {
            0: {"status": "definitief"},
            1: {"status": "voorlopig", "absoluut_verzuim": 7},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    at = _button(at, text.TABLE_BUTTON).click().run()
    no_exception(at)
    assert not at.error
    [(content,)] = _query(
        round_links["store"], "select content from submissions where is_accepted = 1"
    )
    header, *rows = [line.split(";") for line in bytes(content).decode("utf-8-sig").splitlines()]
    codes, last = round_links["gemeenten"]["rmc-noord"], round_links["last"]
    assert header == [*TEMPLATE_COLUMNS, *INZET_COLUMNS]
    assert [(row[0], row[2], row[3]) for row in rows] == [
        (codes[0], SCHOOL_YEAR, "definitief"),
        (codes[1], SCHOOL_YEAR, "voorlopig"),
    ]
    assert rows[1][4:] == [
        "7" if column == "absoluut_verzuim" else last[codes[1]][column]
        for column in TEMPLATE_COLUMNS[4:]
    ] + [""] * len(INZET_COLUMNS)  # the optional inzet columns left empty


def test_names_and_messages_are_shown_as_text(round_links: dict, tmp_path: Path) -> None:
    """A file name with Markdown in it is echoed escaped, never as markup."""
    bad, _, _, _ = _files(round_links, tmp_path)
    name = "**vet** [link](x) <b>.csv"
    at = _upload(_member(round_links["tokens"]["rmc-noord"]), name, bad.read_bytes())
    [error] = [e.value for e in at.error]
    assert f"FOUT: {name}, regel 3" in readable(error)
    assert "**vet**" not in error and "[link](" not in error and "<b>" not in error
