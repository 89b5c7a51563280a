"""The workshop store: codes, hashed trainer secrets, expiry, participants who come back, anonymous
answers, and several processes writing to one file at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workshop import store as store_module
from workshop.store import CODE_ALPHABET, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "sub" / "workshop.sqlite")


def test_the_file_is_in_wal_mode(store: Store) -> None:
    con = sqlite3.connect(store.path)
    assert con.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_codes_use_letters_that_cannot_be_confused(store: Store) -> None:
    assert not set("ILOQ01BSZ258") & set(CODE_ALPHABET)
    codes = {store.create_session("proef")[0] for _ in range(40)}
    assert len(codes) == 40
    assert all(len(code) == 6 and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_the_trainer_secret_is_stored_only_hashed(store: Store) -> None:
    code, secret = store.create_session("proef")
    assert len(secret) >= 40
    assert store.is_trainer(code, secret)
    assert store.is_trainer(code.lower(), secret)
    assert not store.is_trainer(code, secret + "x")
    assert not store.is_trainer("AAAAAA", secret)
    dump = "\n".join(sqlite3.connect(store.path).iterdump())
    assert secret not in dump


def test_a_session_expires_after_a_day(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    code, secret = store.create_session("proef")
    participant = store.join(code)
    session = store.session(code)
    assert session is not None and participant is not None
    assert session.expires_at - session.created_at == timedelta(days=1)
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    monkeypatch.setattr(store_module, "_now", lambda: later)
    assert store.session(code) is None
    assert not store.is_trainer(code, secret)
    assert store.participant(code, participant) is None
    assert store.join(code) is None
    store.create_session("volgende")  # cleans up what expired
    con = sqlite3.connect(store.path)
    assert con.execute("select count(*) from sessions where code = ?", (code,)).fetchone() == (0,)
    assert con.execute("select count(*) from participants").fetchone() == (0,)


def test_a_participant_continues_where_they_were(store: Store) -> None:
    code, _ = store.create_session("proef")
    pid = store.join(code.lower())
    assert pid is not None
    store.set_region(pid, "gemeente", "GM9101")
    store.set_step(pid, 3)
    again = store.participant(code, pid)
    assert again is not None
    assert (again.region_level, again.region_code, again.step) == ("gemeente", "GM9101", 3)
    assert store.participant(code, "verzonnen") is None


def test_the_group_moves_and_own_pace(store: Store) -> None:
    code, _ = store.create_session("proef")
    first = store.join(code)
    store.move_group(code, 4)
    late = store.join(code)
    assert first and late
    assert store.session(code).group_step == 4  # type: ignore[union-attr]
    assert store.participant(code, first).step == 4  # type: ignore[union-attr]
    assert store.participant(code, late).step == 4  # type: ignore[union-attr]
    store.move_group(code, None)
    store.set_step(first, 6)
    assert store.session(code).group_step is None  # type: ignore[union-attr]
    assert store.participant(code, first).step == 6  # type: ignore[union-attr]
    store.show_step(code, 6)
    assert store.session(code).shown_step == 6  # type: ignore[union-attr]


def test_answers_are_replaced_and_anonymous(store: Store) -> None:
    code, _ = store.create_session("proef")
    other, _ = store.create_session("ander")
    first, second, elsewhere = store.join(code), store.join(code), store.join(other)
    assert first and second and elsewhere
    store.save_answer(first, 1, "0,3", False)
    store.save_answer(first, 1, "0,4", True)
    store.save_answer(second, 1, "=1+1", None)
    store.save_answer(elsewhere, 1, "niet hier", None)
    answers = store.answers(code)
    assert [(a.participant_number, a.step, a.answer, a.is_correct) for a in answers] == [
        (1, 1, "0,4", True),
        (2, 1, "=1+1", None),
    ]
    assert store.answer_of(first, 1) == "0,4" and store.answer_of(first, 2) is None
    assert store.participant_count(code) == 2


def test_an_ended_session_takes_no_new_participants(store: Store) -> None:
    code, _ = store.create_session("proef")
    store.end_session(code)
    assert store.session(code).is_ended  # type: ignore[union-attr]
    assert store.join(code) is None


def _participant_process(path: str, code: str, steps: int) -> None:
    store = Store(Path(path))
    for _ in range(5):
        pid = store.join(code)
        assert pid is not None
        for step in range(1, steps + 1):
            store.set_step(pid, step)
            store.save_answer(pid, step, f"antwoord {step}", step % 2 == 0)


def test_several_processes_write_at_once(store: Store) -> None:
    code, _ = store.create_session("proef")
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_participant_process, args=(str(store.path), code, 8))
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    assert store.participant_count(code) == 20
    answers = store.answers(code)
    assert len(answers) == 20 * 8
    assert {a.participant_number for a in answers} == set(range(1, 21))
