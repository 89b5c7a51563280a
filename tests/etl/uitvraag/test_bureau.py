"""The bureau's view of a round: the password hash of `/bureau` (and `bureau-hash` on the
command line), the four states per organisation (on the page and in `uitvraag status`) and the
response per RMC-regio and Nederland,
on a round built through the real CLI (expected values from how it was built and our own SQL)."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from etl.uitvraag import bureau
from tests.conftest_helpers import run_etl
from tests.etl.uitvraag.conftest import BureauRound, read_warehouse


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_password_hash_round_trip() -> None:
    stored = bureau.hash_password("juist wachtwoord")
    kind, n, r, p, salt, key = stored.split("$")
    # the key is scrypt of the password with the stored salt and parameters, computed here
    expected = hashlib.scrypt(
        b"juist wachtwoord", salt=_unb64(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    assert (kind, _unb64(key)) == ("scrypt", expected)
    assert bureau.verify_password("juist wachtwoord", stored)
    assert not bureau.verify_password("juist wachtwoord ", stored)
    assert not bureau.verify_password("", stored)
    # a random salt: the same password never gives the same hash twice
    assert bureau.hash_password("juist wachtwoord").split("$")[4] != salt


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "geheim",
        "sha256$16384$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
        "scrypt$16384$8$1$c2FsdHNhbHQ",
        "scrypt$veel$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
        "scrypt$1000$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
        "scrypt$1073741824$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
        "scrypt$16384$8$1$c2FsdHNhbHQ$!!!",
    ],
)
def test_a_malformed_hash_gives_a_clear_error(stored: str) -> None:
    with pytest.raises(bureau.MalformedHash, match=r"scrypt\$n\$r\$p\$zout\$sleutel"):
        bureau.verify_password("wat dan ook", stored)


def test_bureau_hash_prints_a_hash_of_the_password_and_never_stores_it(tmp_path: Path) -> None:
    generated = run_etl("uitvraag", "bureau-hash", "--generate")
    assert generated.returncode == 0, generated.stderr
    password = generated.stderr.split("noteer het nu): ")[1].split()[0]
    assert len(password) >= 22
    header, line = generated.stdout.strip().splitlines()
    assert header == "[bureau]" and line.startswith('password_hash = "scrypt$')
    assert bureau.verify_password(password, line.split('"')[1])
    assert password not in generated.stdout

    chosen = "een zelfgekozen wachtwoord"
    given = run_etl("uitvraag", "bureau-hash", input_text=chosen + "\n")
    assert given.returncode == 0, given.stderr
    assert bureau.verify_password(chosen, given.stdout.split('"')[1])
    assert chosen not in given.stdout + given.stderr


def _store(round_: BureauRound) -> sqlite3.Connection:
    return sqlite3.connect(round_.store)


def test_each_organisation_has_the_state_it_was_brought_into(bureau_round: BureauRound) -> None:
    con = _store(bureau_round)
    try:
        (round_id,) = con.execute("select round_id from rounds").fetchone()
        table = bureau.response(con, round_id)
        # the store's own record of the questions, counted with our own SQL
        open_questions = dict(
            con.execute(
                "select s.organisation_id, count(*) from plausibility_flags f "
                "join submissions s using (submission_id) group by s.organisation_id"
            ).fetchall()
        )
    finally:
        con.close()
    assert dict(zip(table["organisation_id"], table["state"], strict=True)) == (
        bureau_round.expected
    )
    assert dict(zip(table["organisation_id"], table["gemeenten"], strict=True)) == {
        org: " ".join(codes) for org, codes in bureau_round.gemeenten.items()
    }
    by_org = table.set_index("organisation_id")
    assert by_org.at["a-open", "open_questions"] == open_questions["a-open"] == 1
    assert by_org.at["b-klaar", "open_questions"] == 0 and open_questions["b-klaar"] == 1
    assert by_org["received_at"].isna().tolist() == [False, False, False, True]


def test_status_command_shows_the_states_of_the_bureau_page(
    bureau_round: BureauRound, tmp_path: Path
) -> None:
    store = tmp_path / "uitvraag.sqlite"
    shutil.copy(bureau_round.store, store)
    result = run_etl("uitvraag", "status", "--store", str(store))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["organisation_id"]: r["status"] for r in rows} == bureau_round.expected
    assert {r["organisation_id"]: r["open_vragen"] for r in rows} == {
        "a-open": "1",
        "b-klaar": "0",
        "c-zonder": "0",
        "d-niets": "0",
    }
    # names and addresses a spreadsheet would run as formulas are shown as text
    niets = next(r for r in rows if r["organisation_id"] == "d-niets")
    assert (niets["organisatie"], niets["email"], niets["laatste_opgave"]) == (
        "'=1+2",
        "'-niets@example.nl",
        "",
    )


def test_open_flags_are_the_unconfirmed_questions(bureau_round: BureauRound) -> None:
    con = _store(bureau_round)
    try:
        flags = bureau.open_flags(con, 1)
    finally:
        con.close()
    code = bureau_round.gemeenten["a-open"][0]
    assert flags[["organisation_id", "gemeentecode", "figure", "kind"]].values.tolist() == [
        ["a-open", code, "leerplichtigen", "vorig_jaar"]
    ]
    assert flags["value"].iloc[0] == flags["previous_value"].iloc[0] * 8 // 5


def test_response_rates_per_rmc_regio_and_nederland(
    bureau_round: BureauRound, fixture_warehouse: Path
) -> None:
    regions = read_warehouse(
        fixture_warehouse,
        "select region_code, rmc_code, rmc_name from marts.regions where region_level = 'gemeente'",
    )
    con = _store(bureau_round)
    try:
        rates = bureau.response_rates(bureau.response(con, 1), regions)
    finally:
        con.close()
    rmc = dict(zip(regions["region_code"], regions["rmc_name"], strict=True))
    # expected by hand: every gemeente of an organisation that has a submission counts as done
    gemeenten: dict[str, list[bool]] = defaultdict(list)
    organisations: dict[str, dict[str, bool]] = defaultdict(dict)
    for org, codes in bureau_round.gemeenten.items():
        done = bureau_round.expected[org] != "nog niet"
        for code in codes:
            for where in (rmc[code], "Nederland"):
                gemeenten[where].append(done)
                organisations[where][org] = done
    expected = {
        where: [
            len(gemeenten[where]),
            sum(gemeenten[where]),
            100 * sum(gemeenten[where]) / len(gemeenten[where]),
            len(organisations[where]),
            sum(organisations[where].values()),
            100 * sum(organisations[where].values()) / len(organisations[where]),
        ]
        for where in gemeenten
    }
    columns = ["gemeenten", "gemeenten_ingediend", "gemeenten_pct"]
    columns += ["organisaties", "organisaties_ingediend", "organisaties_pct"]
    actual = {row["regio"]: [row[c] for c in columns] for row in rates.to_dict("records")}
    assert set(actual) == set(expected)
    for where, figures in expected.items():
        assert actual[where] == pytest.approx(figures), where
    assert list(rates["regio"])[-1] == "Nederland"
    assert actual["Nederland"][:2] == [5, 4] and actual["Nederland"][3:5] == [4, 3]
