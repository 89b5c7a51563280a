"""The bureau's page (`/bureau`, hidden from the menu): without a configured password it says how
to configure it; a wrong password gets one generic refusal and counts for the client; the right
one shows the response per organisation, per RMC-regio, the reminders and the open questions of
a round built through the real CLI, and the inzet figures of every participant; closing asks for
confirmation first (AppTest)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.texts import bureau as text
from dashboard.texts import inzet as inzet_text
from etl.uitvraag.bureau import hash_password
from tests.app.conftest import readable
from tests.app.explore_helpers import TIMEOUT, no_exception, notices
from tests.etl.uitvraag.conftest import BUREAU_PASSWORD, BureauRound
from tests.etl.uitvraag.inzet_round import InzetRound

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _page_store(source: Path, target: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of a round's store at `target`, which the page reads (KOMPAS_UITVRAAG)."""
    shutil.copyfile(source, target)
    monkeypatch.setenv("KOMPAS_UITVRAAG", str(target))
    return target


@pytest.fixture
def store(bureau_round: BureauRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the round's store, which the page reads."""
    return _page_store(bureau_round.store, tmp_path / "uitvraag.sqlite", monkeypatch)


def _bureau(password_hash: str | None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if password_hash is not None:
        at.secrets["bureau"] = {"password_hash": password_hash}
    at.run()
    return at.switch_page("app_pages/bureau.py").run()


def _button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    [found] = [b for b in at.button if b.label == label]
    return found


def _log_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="bureau__password").input(password)
    return _button(at, text.LOG_IN).click().run()


def _query(store: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(store)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_without_a_configured_password_the_page_says_how_to_configure_it(store: Path) -> None:
    at = _bureau(None)
    no_exception(at)
    assert text.NOT_CONFIGURED in notices(at)
    assert not at.text_input and not at.dataframe


def test_a_malformed_hash_says_the_page_is_not_configured_well(store: Path) -> None:
    at = _bureau("scrypt$16384$8$1$kapot")
    no_exception(at)
    assert [e.value for e in at.error] == [text.MISCONFIGURED]
    assert not at.text_input


def test_a_wrong_password_gets_one_generic_refusal(bureau_round: BureauRound, store: Path) -> None:
    at = _bureau(bureau_round.password_hash)
    at = _log_in(at, "geraden")
    no_exception(at)
    assert [e.value for e in at.error] == [text.REFUSED]
    assert not at.dataframe
    shown = readable("\n".join(m.value for m in at.markdown))
    assert not any(name in shown for name in bureau_round.names.values())
    # counted for this client in the store's slowdown, apart from the members' links
    assert _query(store, "select client, failures from failed_attempts where client like 'b%'") == [
        ("bureau:onbekend", 1)
    ]


def test_the_right_password_shows_the_four_views(bureau_round: BureauRound, store: Path) -> None:
    at = _log_in(_bureau(bureau_round.password_hash), bureau_round.password)
    no_exception(at)
    assert not at.error
    organisations, rates, flags = (frame.value for frame in at.dataframe)
    by_name = organisations.set_index(text.COL_ORGANISATION)
    states = by_name[text.COL_STATE].to_dict()
    assert states == {
        bureau_round.names[org]: text.STATE_LABELS[state]
        for org, state in bureau_round.expected.items()
    }
    assert by_name[text.COL_EMAIL].to_dict() == {
        bureau_round.names[org]: email for org, email in bureau_round.emails.items()
    }
    nederland = rates[rates[text.COL_REGION] == "Nederland"].iloc[0]
    assert (nederland[text.COL_GEMEENTEN_TOTAL], nederland[text.COL_GEMEENTEN_DONE]) == (5, 4)
    assert nederland[text.COL_GEMEENTEN_PCT] == "80"
    assert (nederland[text.COL_ORGS_TOTAL], nederland[text.COL_ORGS_DONE]) == (4, 3)
    assert nederland[text.COL_ORGS_PCT] == "75"
    [download] = at.get("download_button")
    assert download.proto.label == text.REMINDERS_DOWNLOAD
    unconfirmed = _query(
        store,
        "select f.gemeentecode from plausibility_flags f join submissions s using (submission_id) "
        "left join flag_confirmations c using (submission_id, gemeentecode, figure) "
        "where s.superseded_by is null and c.submission_id is null",
    )
    assert flags[text.COL_FLAG_GEMEENTE].tolist() == [code for (code,) in unconfirmed]
    # the fixture's question is a jump against the gemeente's own figure last year
    assert flags[text.COL_FLAG_KIND].tolist() == ["eigen cijfer vorig jaar"] * len(unconfirmed)
    assert [m.value for m in at.metric] == ["1", "1", "1", "1"]


def test_closing_asks_for_confirmation_and_names_the_vintage(
    bureau_round: BureauRound, store: Path
) -> None:
    at = _log_in(_bureau(bureau_round.password_hash), bureau_round.password)
    vintage = [t for t in at.text_input if t.label == text.VINTAGE][0]
    vintage.input("2025-2026-test")
    at = _button(at, text.CLOSE).click().run()
    no_exception(at)
    assert "2025-2026-test" in readable(notices(at))
    assert _query(store, "select closed_at from rounds") == [(None,)]
    at = _button(at, text.CONFIRM).click().run()
    no_exception(at)
    [(closed_at, name)] = _query(store, "select closed_at, vintage from rounds")
    assert closed_at is not None and name == "2025-2026-test"
    assert [readable(s.value) for s in at.success] == [text.CLOSED.format(vintage="2025-2026-test")]
    assert [c.value for c in at.code] == ["python -m etl uitvraag rebuild --vintage 2025-2026-test"]
    assert not [b for b in at.button if b.label == text.CLOSE]


@pytest.fixture
def inzet_store(inzet_round: InzetRound, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the inzet round's store, which the page reads."""
    return _page_store(inzet_round.store, tmp_path / "inzet.sqlite", monkeypatch)


def test_the_inzet_section_lists_every_participant_with_figures_and_ratios(
    inzet_store: Path,
) -> None:
    at = _log_in(_bureau(hash_password(BUREAU_PASSWORD)), BUREAU_PASSWORD)
    no_exception(at)
    [table] = [f.value for f in at.dataframe if inzet_text.LABELS["fte_leerplicht"] in f.value]
    # west submitted the template without inzet columns, oost nothing: neither is listed
    assert table[inzet_text.COL_ORGANISATION].tolist() == ["Leerplicht Zuid", "RMC Noord"]
    assert table.drop(columns=inzet_text.COL_ORGANISATION).values.tolist() == [
        ["1", "2.000", "1,00", "–", "50", "14,5", "–", "2.000", "50,0", "25,0", "–"],
        # 2,5 + 0,5 fte; 1,25 fte RMC; 120 + 40 meldingen; (10 x 120 + 6 x 40) / 160 = 9,0
        # dagen; 4000 / 3 = 1.333 per fte; 160 / 3 = 53,3; 40,0 and 15,0 per 1.000
        ["2", "4.000", "3,00", "1,25", "160", "9,0", "60", "1.333", "53,3", "40,0", "15,0"],
    ]
    shown = readable("\n".join(m.value for m in at.markdown))
    assert inzet_text.BUREAU_COUNT.format(count=2, total=3) in shown
    labels = [button.proto.label for button in at.get("download_button")]
    assert inzet_text.BUREAU_DOWNLOAD in labels


def test_without_inzet_the_section_says_so(bureau_round: BureauRound, store: Path) -> None:
    at = _log_in(_bureau(bureau_round.password_hash), bureau_round.password)
    no_exception(at)
    assert inzet_text.BUREAU_NONE in [m.value for m in at.markdown]
    assert not [f for f in at.dataframe if inzet_text.LABELS["fte_leerplicht"] in f.value]
