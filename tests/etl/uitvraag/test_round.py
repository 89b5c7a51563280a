"""A whole collection round through the real CLI: open, a refused file, a corrected one with a
plausibility question, a confirmation, the response table, close, and a submission after close."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import stat
import statistics
from pathlib import Path

from etl.uitvraag.submit import REFUSAL
from tests.conftest_helpers import run_etl
from tests.etl.uitvraag.conftest import (
    LAST_YEAR_START,
    PUBLIC_URL,
    SCHOOL_YEAR,
    MemberFile,
    OpenRound,
    last_year_rows,
    open_round,
    read_warehouse,
)


def _status(opened: OpenRound) -> dict[str, dict[str, str]]:
    result = opened.run("status")
    assert result.returncode == 0, result.stderr
    return {row["organisation_id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}


def test_open_writes_one_link_per_organisation(opened: OpenRound) -> None:
    rows = list(csv.DictReader((opened.folder / "links.csv").open(encoding="utf-8")))
    assert [r["organisation_id"] for r in rows] == ["rmc-noord", "lp-zuid"]
    for row in rows:
        assert row["url"] == f"{PUBLIC_URL}/opgave?token={row['token']}"
        assert len(row["token"]) >= 43  # 32 random bytes, URL-safe base64
    assert len({r["token"] for r in rows}) == 2
    for private in (opened.folder / "links.csv", opened.store):
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert opened.query("select school_year, closed_at from rounds") == [(SCHOOL_YEAR, None)]


def test_whole_round(opened: OpenRound, member_file: MemberFile, fixture_warehouse: Path) -> None:
    codes = opened.gemeenten["rmc-noord"]
    status = _status(opened)
    assert [s["status"] for s in status.values()] == ["nog niet", "nog niet"]
    assert status["rmc-noord"]["gemeenten"] == " ".join(codes)

    # a file with an error: refused with file, row, column and value, and kept as refused
    bad = member_file("fout.csv", codes, {(codes[0], "absoluut_verzuim"): "-3"})
    refused = opened.submit("rmc-noord", bad)
    assert refused.returncode == 2
    assert (
        "FOUT: fout.csv, regel 2, kolom 'absoluut_verzuim', waarde '-3': negatief aantal; "
        "een aantal is 0 of meer"
    ) in refused.stderr
    assert _status(opened)["rmc-noord"]["status"] == "nog niet"

    # corrected, with one large jump: accepted, and the question is asked in Dutch
    previous = int(last_year_rows(fixture_warehouse)[codes[0]]["leerplichtigen"])
    jump = {(codes[0], "leerplichtigen"): str(3 * previous)}
    good = member_file("goed.csv", codes, jump)
    accepted = opened.submit("rmc-noord", good)
    assert accepted.returncode == 0, accepted.stderr
    dutch = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731 - Dutch thousands separator
    question = (
        f"{codes[0]}, leerplichtigen: {dutch(3 * previous)} dit jaar, {dutch(previous)} vorig "
        "jaar (+200 %). Klopt dit?"
    )
    assert question in accepted.stdout
    assert "--confirm" in accepted.stdout
    status = _status(opened)["rmc-noord"]
    assert (status["status"], status["open_vragen"]) == ("open vragen", "1")

    # the same file confirmed: a new submission that supersedes the first accepted one
    confirmed = opened.submit("rmc-noord", good, "--confirm", "Nieuwe wijk opgeleverd")
    assert confirmed.returncode == 0, confirmed.stderr
    status = _status(opened)["rmc-noord"]
    assert (status["status"], status["open_vragen"]) == ("gecontroleerd", "0")
    assert _status(opened)["lp-zuid"]["status"] == "nog niet"

    rows = opened.query(
        "select submission_id, is_accepted, superseded_by, content, sha256, received_at, "
        "messages from submissions where organisation_id = 'rmc-noord' order by submission_id"
    )
    assert [(r[1], r[2]) for r in rows] == [(0, None), (1, rows[2][0]), (1, None)]
    assert [r[3] for r in rows] == [bad.read_bytes(), good.read_bytes(), good.read_bytes()]
    assert [r[4] for r in rows] == [hashlib.sha256(r[3]).hexdigest() for r in rows]
    assert "waarde '-3'" in json.loads(rows[0][6])[0]
    assert status["laatste_opgave"] == rows[2][5]
    # --confirm confirms every question of that submission with its one explanation
    assert opened.query(
        "select submission_id, gemeentecode, figure, explanation from flag_confirmations"
    ) == [(rows[2][0], codes[0], "leerplichtigen", "Nieuwe wijk opgeleverd")]
    assert opened.query(
        "select gemeentecode, figure, previous_value, value from plausibility_flags "
        "where submission_id = ?",
        (rows[2][0],),
    ) == [(codes[0], "leerplichtigen", previous, 3 * previous)]

    # close: the round is frozen and its links expire
    closed = opened.run("close", "--vintage", "2025-2026-definitief")
    assert closed.returncode == 0, closed.stderr
    late = opened.submit("lp-zuid", member_file("laat.csv", opened.gemeenten["lp-zuid"]))
    assert late.returncode == 2
    assert late.stderr.strip() == REFUSAL
    assert opened.query("select count(*) from submissions where organisation_id = 'lp-zuid'") == [
        (0,)
    ]
    assert opened.query("select vintage from rounds") == [("2025-2026-definitief",)]
    assert _status(opened)["rmc-noord"]["status"] == "gecontroleerd"
    again = opened.run("close", "--vintage", "nog-een-keer")
    assert again.returncode == 3
    assert "er loopt geen uitvraag" in again.stderr


def test_xlsx_submission_is_accepted(opened: OpenRound, member_file: MemberFile) -> None:
    result = opened.submit("lp-zuid", member_file("opgave.xlsx", opened.gemeenten["lp-zuid"]))
    assert result.returncode == 0, result.stderr
    assert "1 gemeente(n)" in result.stdout
    assert "opvallende" not in result.stdout  # the same figures as last year: no questions


def test_second_round_cannot_open_while_one_is_open(opened: OpenRound) -> None:
    orgs = opened.folder / "organisaties.csv"
    again = opened.run(
        "open",
        "--school-year",
        "2026-2027",
        "--organisations",
        str(orgs),
        "--links-out",
        str(opened.folder / "links2.csv"),
    )
    assert again.returncode == 3
    assert "er loopt al een uitvraag (schooljaar 2025-2026)" in again.stderr
    assert not (opened.folder / "links2.csv").exists()
    assert opened.query("select count(*) from rounds") == [(1,)]


def test_bad_organisations_file_names_every_spot_and_stores_nothing(tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(
        "organisation_id;name;email;gemeentecodes\n"
        "rmc-1;RMC Een;een@example.nl;GM0014 0034\n"
        "rmc-1;RMC Twee;geen-adres;GM00X1\n"
        "rmc-3;;drie@example.nl;14\n",
        encoding="utf-8",
    )
    store, links = tmp_path / "uitvraag.sqlite", tmp_path / "links.csv"
    result = open_round(store, orgs, links)
    assert result.returncode == 2
    expected = [
        "orgs.csv, regel 3, kolom 'organisation_id', waarde 'rmc-1': id komt al voor op regel 2",
        "orgs.csv, regel 3, kolom 'email', waarde 'geen-adres': verwacht een e-mailadres",
        "orgs.csv, regel 3, kolom 'gemeentecodes', waarde 'GM00X1': verwacht een gemeentecode",
        "orgs.csv, regel 4, kolom 'name', waarde '': naam ontbreekt",
        "orgs.csv, regel 4, kolom 'gemeentecodes', waarde '14': gemeente staat al bij de "
        "organisatie op regel 2",
    ]
    for line in expected:
        assert line in result.stderr
    assert "Er is niets opgeslagen." in result.stderr
    assert not store.exists() and not links.exists()


def test_bad_school_year_is_refused(tmp_path: Path) -> None:
    result = run_etl(
        "uitvraag",
        "open",
        "--school-year",
        "2025-2027",
        "--organisations",
        "x.csv",
        "--links-out",
        str(tmp_path / "l.csv"),
        env={"KOMPAS_UITVRAAG": str(tmp_path / "s.sqlite")},
    )
    assert result.returncode == 2
    assert "schooljaar '2025-2027'" in result.stderr


def test_missing_organisations_file_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    result = open_round(store, tmp_path / "bestaat-niet.csv", tmp_path / "l.csv")
    assert result.returncode == 2
    assert "bestaat-niet.csv: bestand niet gevonden" in result.stderr
    assert not store.exists()


def test_a_figure_far_above_similar_gemeenten_is_asked_about(
    opened: OpenRound, member_file: MemberFile, fixture_warehouse: Path
) -> None:
    code = opened.gemeenten["lp-zuid"][0]
    peers = read_warehouse(
        fixture_warehouse,
        "select v.absoluut_verzuim_count / v.leerplichtigen_count as rate "
        "from marts.peer_groups p join staged.verzuim__counts v "
        "on v.municipality_code = p.peer_code and v.school_year_start = ? "
        "where p.region_level = 'gemeente' and p.region_code = ? and v.leerplichtigen_count > 0",
        [LAST_YEAR_START, code],
    )["rate"].tolist()
    assert len(peers) >= 5
    pupils = int(last_year_rows(fixture_warehouse)[code]["leerplichtigen"])
    low, high = min(peers), max(peers)
    value = int((high + (high - low) / 2) * pupils) + 20  # 20 above the band's edge
    result = opened.submit(
        "lp-zuid", member_file("hoog.csv", [code], {(code, "absoluut_verzuim"): str(value)})
    )
    assert result.returncode == 0, result.stderr
    median = statistics.median(peers)
    per_1000 = lambda rate: f"{rate * 1000:.1f}".replace(".", ",")  # noqa: E731 - below 1.000
    question = (
        f"{code}, absoluut_verzuim: {value} dit jaar, {per_1000(value / pupils)} per 1.000 "
        f"leerplichtigen; dat ligt ver boven vergelijkbare gemeenten (mediaan "
        f"{per_1000(median)}, spreiding {per_1000(low)}–{per_1000(high)} per 1.000 "
        f"leerplichtigen vorig jaar, {len(peers)} gemeenten). Klopt dit?"
    )
    assert question in result.stdout
    assert opened.query(
        "select figure, previous_value, value from plausibility_flags "
        "where kind = 'vergelijkbare_gemeenten'"
    ) == [("absoluut_verzuim", round(median * pupils), value)]
