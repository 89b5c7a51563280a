"""The whole uitvraag round in a real browser: the bureau opens a round with the CLI on a demo
warehouse; the member opens its personal link, uploads a file with an error and reads the
message, uploads the corrected file, sees its figures beside the regio and Nederland and a
plausibility question, and confirms it with an explanation; the bureau's page shows the
organisation go from 'open vragen' to 'gecontroleerd'; the round is closed (the link then gets
the refusal) and `uitvraag rebuild` builds a new warehouse, whose Tabellen en export page
delivers the new figure.

The round is for the demo's latest school year, so the submission replaces the template's row
and every aggregate stays complete (a school year that only the round's few gemeenten report has
no national value, which the build's checks refuse). Expected values come from the demo
warehouse and the rebuilt one, read with our own SQL.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.texts import bureau as bureau_text
from dashboard.texts import opgave as text
from dashboard.texts import tabellen_export as tables_text
from etl.sources.verzuim import TEMPLATE_COLUMNS
from etl.uitvraag.bureau import hash_password
from etl.uitvraag.submit import REFUSAL
from loadtest.server import StreamlitServer
from tests.browser.axe import describe, serious_violations
from tests.browser.conftest import APP, serving
from tests.browser.helpers import (
    exception_texts,
    open_page,
    wait_for_quiet,
    wait_for_script_finished,
)
from tests.conftest_helpers import run_etl
from tests.etl.uitvraag.conftest import BUREAU_PASSWORD, open_round, write_member_file

TIMEOUT_MS = 60_000
ORGANISATION = "Leerplicht Ronde"
VINTAGE = "ronde-test"
INDICATOR = "absoluut_verzuim_per_1000"


@dataclass(frozen=True)
class Round:
    """The round's files: demo raw dir and warehouse, store, the member's secret and
    gemeente, the school year, the member's two files and the figures in them."""

    raw: Path
    warehouse: Path
    store: Path
    token: str
    gemeente: str
    school_year: str
    bad: Path
    good: Path
    absoluut_verzuim: int
    leerplichtigen: tuple[int, int]


def _etl(*args: str, env: dict[str, str] | None = None) -> str:
    result = run_etl(*args, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _read(db: Path, sql: str, params: list[object]) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _template_row(warehouse: Path, gemeente: str, start: int) -> dict[str, str]:
    """The gemeente's staged template row of school year `start` as template text."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        frame = con.execute(
            "select * from staged.verzuim__counts where municipality_code = ? "
            "and school_year_start = ?",
            [gemeente, start],
        ).df()
    [record] = frame.to_dict("records")
    row = {
        "gemeentecode": gemeente,
        "gemeentenaam": str(record["municipality_name"]),
        "schooljaar": f"{start}-{start + 1}",
        "status": "definitief",
    }
    for column in TEMPLATE_COLUMNS[4:]:
        value = record[f"{column}_count"]
        row[column] = "" if pd.isna(value) else str(int(value))
    return row


@pytest.fixture(scope="module")
def ronde(tmp_path_factory: pytest.TempPathFactory) -> Round:
    """A demo warehouse of its own (its raw dir is rebuilt later) and a round opened by the CLI
    for its latest school year, for one organisation of the gemeente with the most absoluut
    verzuim (so its figure is published, not hidden)."""
    folder = tmp_path_factory.mktemp("opgave-ronde")
    raw, warehouse = folder / "raw", folder / "kompas.duckdb"
    _etl("demo", "--raw-dir", str(raw))
    _etl("build", "--raw-dir", str(raw), "--db", str(warehouse))
    [(start, gemeente)] = _read(
        warehouse,
        "select school_year_start, region_code from marts.published_values "
        "where indicator_key = ? and region_level = 'gemeente' and flag = '' "
        "and school_year_start = (select max(school_year_start) from marts.published_values "
        "where indicator_key = ?) order by numerator desc limit 1",
        [INDICATOR, INDICATOR],
    )
    school_year = f"{start}-{start + 1}"
    orgs = folder / "organisaties.csv"
    orgs.write_text(
        f"organisation_id;name;email;gemeentecodes\nlp-ronde;{ORGANISATION};ronde@example.nl;"
        f"{gemeente}\n",
        encoding="utf-8",
    )
    store, links = folder / "uitvraag.sqlite", folder / "links.csv"
    opened = open_round(store, orgs, links, school_year=school_year)
    assert opened.returncode == 0, opened.stderr
    with links.open(encoding="utf-8", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    # this year's template row with two changes: a large jump (a question) and a small one
    # (the figure to find on the rebuilt warehouse's pages), and once with an error
    this_year = {gemeente: _template_row(warehouse, gemeente, start)}
    [(previous,)] = _read(
        warehouse,
        "select leerplichtigen_count from staged.verzuim__counts "
        "where municipality_code = ? and school_year_start = ?",
        [gemeente, start - 1],
    )
    absoluut = int(this_year[gemeente]["absoluut_verzuim"]) + 7
    changes = {
        (gemeente, "leerplichtigen"): str(3 * int(previous)),
        (gemeente, "absoluut_verzuim"): str(absoluut),
    }
    good = write_member_file(folder / "opgave.xlsx", this_year, [gemeente], changes)
    bad = write_member_file(
        folder / "opgave-fout.xlsx",
        this_year,
        [gemeente],
        {**changes, (gemeente, "absoluut_verzuim"): "-3"},
    )
    return Round(
        raw,
        warehouse,
        store,
        row["token"],
        gemeente,
        school_year,
        bad,
        good,
        absoluut,
        (3 * int(previous), int(previous)),
    )


@pytest.fixture(scope="module")
def round_server(ronde: Round) -> Iterator[StreamlitServer]:
    """`streamlit run app.py` on the round's warehouse and store, the bureau's password hash in a
    secrets file of its own."""
    secrets = ronde.store.parent / "secrets.toml"
    secrets.write_text(f'[bureau]\npassword_hash = "{hash_password(BUREAU_PASSWORD)}"\n')
    env = {"STREAMLIT_SECRETS_FILES": str(secrets), "KOMPAS_UITVRAAG": str(ronde.store)}
    yield from serving(APP, ronde.warehouse, "streamlit-opgave-round.log", env)


def _dutch(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(path)
    expect(page.get_by_test_id("stFileChipName")).to_have_text(path.name, timeout=TIMEOUT_MS)
    # the chosen file reruns the page: click only once that run is over and the DOM is still,
    # or a busy machine can lose the click on a button being redrawn
    wait_for_script_finished(page, TIMEOUT_MS)
    wait_for_quiet(page, timeout_ms=TIMEOUT_MS)
    page.get_by_role("button", name=text.UPLOAD_BUTTON).click()


def _metric(page: Page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=label)
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def _bureau_counts(page: Page, base: str) -> tuple[str, str, str]:
    """The bureau's page opened afresh (its login lasts a browser session): how many
    organisations are 'nog niet', 'open vragen' and 'gecontroleerd'."""
    open_page(page, f"{base}/bureau")
    page.get_by_label(bureau_text.PASSWORD).fill(BUREAU_PASSWORD)
    page.get_by_role("button", name=bureau_text.LOG_IN).click()
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=TIMEOUT_MS)
    labels = bureau_text.STATE_LABELS
    return (
        _metric(page, labels["nog niet"]),
        _metric(page, labels["open vragen"]),
        _metric(page, labels["gecontroleerd"]),
    )


def test_the_whole_round(
    page: Page, ronde: Round, round_server: StreamlitServer, tmp_path: Path, axe_source: str
) -> None:
    base = round_server.base_url
    member_url = f"{base}/opgave?token={ronde.token}"
    open_page(page, member_url)
    expect(page.get_by_text(ORGANISATION, exact=False).first).to_be_visible()
    expect(page.get_by_text(f"({ronde.gemeente})", exact=False).first).to_be_visible()

    # the bureau, on a page of its own: nothing in yet
    bureau = page.context.new_page()
    assert _bureau_counts(bureau, base) == ("1", "0", "0")

    # a file with an error: the message names file, row, column and value; nothing taken over
    page.bring_to_front()
    _upload(page, ronde.bad)
    refused = page.get_by_test_id("stAlert").filter(has_text=text.REFUSED[:40])
    expect(refused).to_be_visible(timeout=TIMEOUT_MS)
    expect(refused).to_contain_text(
        "opgave-fout.xlsx, regel 2, kolom 'absoluut_verzuim', waarde '-3'"
    )
    expect(page.get_by_text(text.NOTHING_YET)).to_be_visible()

    # the corrected file: accepted, the reflection and the question
    _upload(page, ronde.good)
    new, old = ronde.leerplichtigen
    question = f"{_dutch(new)} dit jaar, {_dutch(old)} vorig jaar"
    expect(page.get_by_text(question, exact=False)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text(text.REFLECTION_HEADER)).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last).to_be_visible()
    assert exception_texts(page) == []
    violations = serious_violations(page, axe_source)  # the whole member view, with its data
    assert not violations, describe(violations)
    assert _bureau_counts(bureau, base) == ("0", "1", "0")

    # every question confirmed with an explanation (the demo may hold jumps of its own)
    page.bring_to_front()
    fields = page.get_by_label(text.EXPLANATION)
    expect(fields.first).to_be_visible()
    while (left := fields.count()) > 0:
        fields.first.fill("Nieuwe wijk opgeleverd")
        page.get_by_role("button", name=text.CONFIRM).first.click()
        expect(fields).to_have_count(left - 1, timeout=TIMEOUT_MS)
        wait_for_script_finished(page)
    done = page.get_by_test_id("stAlert").filter(has_text="elke vraag is beantwoord")
    expect(done).to_be_visible(timeout=TIMEOUT_MS)
    expect(
        page.get_by_test_id("stAlert").filter(has_text="Nieuwe wijk opgeleverd").first
    ).to_be_visible()
    assert _bureau_counts(bureau, base) == ("0", "0", "1")

    # closed: the link expires; the rebuilt warehouse holds the submitted figure
    env = {"KOMPAS_UITVRAAG": str(ronde.store)}
    _etl("uitvraag", "close", "--vintage", VINTAGE, env=env)
    open_page(page, member_url)
    expect(page.get_by_text(REFUSAL)).to_be_visible()
    raw = tmp_path / "raw"
    shutil.copytree(ronde.raw, raw)
    rebuilt = tmp_path / "herbouwd.duckdb"
    _etl(
        "uitvraag",
        "rebuild",
        "--vintage",
        VINTAGE,
        "--raw-dir",
        str(raw),
        "--db",
        str(rebuilt),
        env=env,
    )
    [(numerator, value)] = _read(
        rebuilt,
        "select numerator, value from marts.published_values where indicator_key = ? "
        "and region_code = ? and school_year = ? and flag = ''",
        [INDICATOR, ronde.gemeente, ronde.school_year],
    )
    assert numerator == ronde.absoluut_verzuim

    with contextmanager(serving)(APP, rebuilt, "streamlit-opgave-rebuilt.log") as server:
        query = (
            f"indicatoren={INDICATOR}&niveau=gemeente&regios={ronde.gemeente}"
            f"&jaren={ronde.school_year}"
        )
        open_page(page, f"{server.base_url}/tabellen-en-export?{query}")
        assert exception_texts(page) == []
        with page.expect_download() as info:
            page.get_by_role("button", name=tables_text.DOWNLOAD_CSV).click()
        saved = tmp_path / "tabel.csv"
        info.value.save_as(saved)
        # Over de cijfers names the submission the warehouse was built with
        open_page(page, f"{server.base_url}/over-de-cijfers")
        assert exception_texts(page) == []
        expect(page.get_by_text("Dit magazijn gebruikt 1 opgave uit de uitvraag")).to_be_visible()
        used = page.locator('[data-testid="stDataFrame"]').filter(has_text="lp-ronde")
        expect(used).to_have_count(1)
    table = saved.read_bytes().decode("utf-8-sig").split("\r\n\r\n", 1)[1]
    rows = {r["Regiocode"]: r for r in csv.DictReader(io.StringIO(table), delimiter=";")}
    assert rows[ronde.gemeente]["Teller"] == str(ronde.absoluut_verzuim)
    assert float(rows[ronde.gemeente]["Waarde"].replace(",", ".")) == pytest.approx(value, abs=0.05)
