"""The bureau's page on a real server, its password hash in a secrets file of the server's own:
a wrong password is refused and counted in the store's slowdown, the right one opens the page,
and the reminders CSV arrives with the e-mail addresses and every formula-like cell neutralised."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

from playwright.sync_api import Page, expect

from dashboard.texts import bureau as text
from tests.browser.helpers import exception_texts, open_page
from tests.etl.uitvraag.conftest import BUREAU_PASSWORD, SCHOOL_YEAR, make_bureau_round


def _log_in(page: Page, password: str) -> None:
    page.get_by_label(text.PASSWORD).fill(password)
    page.get_by_role("button", name=text.LOG_IN).click()


def _text_cell(value: str) -> str:
    return "'" + value if value[:1] in "=+-@" else value


def test_the_bureau_logs_in_and_downloads_the_reminders(
    page: Page, bureau_store: Path, fixture_warehouse: Path, tmp_path: Path
) -> None:
    built = make_bureau_round(bureau_store.parent, fixture_warehouse)
    assert built.store == bureau_store
    open_page(page, "bureau")
    _log_in(page, "geraden")
    expect(page.get_by_text(text.REFUSED)).to_be_visible()
    con = sqlite3.connect(bureau_store)
    try:
        counted = con.execute("select client, failures from failed_attempts").fetchall()
    finally:
        con.close()
    # Streamlit gives no address for a loopback connection: those clients count as one
    assert ("bureau:onbekend", 1) in counted

    _log_in(page, BUREAU_PASSWORD)
    button = page.get_by_role("button", name=text.REMINDERS_DOWNLOAD)
    expect(button).to_be_visible()
    assert exception_texts(page) == []
    with page.expect_download() as info:
        button.click()
    assert info.value.suggested_filename == f"herinneren_{SCHOOL_YEAR}.csv"
    saved = tmp_path / "herinneren.csv"
    info.value.save_as(saved)
    rows = list(csv.reader(io.StringIO(saved.read_bytes().decode("utf-8-sig")), delimiter=";"))
    expected = [
        [
            _text_cell(built.names[org]),
            _text_cell(built.emails[org]),
            " ".join(built.gemeenten[org]),
            text.STATE_LABELS[state],
        ]
        for org, state in sorted(built.expected.items())
        if state in {"nog niet", "open vragen"}
    ]
    header = [text.COL_ORGANISATION, text.COL_EMAIL, text.COL_GEMEENTEN, text.COL_STATE]
    assert rows == [header, *expected]
    assert rows[-1][:2] == ["'=1+2", "'-niets@example.nl"]
