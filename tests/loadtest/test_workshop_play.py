"""The load client plays a workshop through a real `streamlit run` server: a trainer and three
participants, two steps. What arrived is read back from the server's workshop store with SQL of
this test's own, not through the store's code."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from loadtest.server import StreamlitServer, start_server
from loadtest.workshop_play import WorkshopConfig, run_workshop_async
from tests.conftest_helpers import run_in_own_loop

ROOT = Path(__file__).resolve().parents[2]
PARTICIPANTS = 3
STEPS = 2


@pytest.fixture(scope="module")
def workshop_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workshop_store") / "workshop.sqlite"


@pytest.fixture(scope="module")
def server(fixture_warehouse: Path, workshop_db: Path) -> Iterator[StreamlitServer]:
    started = start_server(
        ROOT / "app.py",
        workshop_db.parent / "streamlit.log",
        env={"KOMPAS_DB": str(fixture_warehouse), "KOMPAS_WORKSHOP_DB": str(workshop_db)},
    )
    yield started
    started.stop()


def test_three_participants_play_two_steps(server: StreamlitServer, workshop_db: Path) -> None:
    cfg = WorkshopConfig(
        users=PARTICIPANTS,
        steps=STEPS,
        step_s=60.0,
        think_min_s=0.2,
        think_max_s=0.6,
        ramp_s=1.0,
        duration_s=150.0,
        view_share=1.0,
    )
    report = run_in_own_loop(run_workshop_async(server.base_url, cfg, [server.pid]))
    summary = report.summary()
    assert summary["errors"] == 0, summary["error_examples"]
    kinds = set(summary["latency_by_kind_s"])
    assert {"start", "move", "trainer", "join", "region", "view", "answer"} <= kinds
    # A participant waiting for the group reruns the page's timed fragment; when the group has
    # moved by then, that rerun redraws the whole page and counts as a "step", otherwise as a
    # "poll". Which of the two happens depends on timing. While the trainer leads there is no
    # "Volgende stap" button, so a "step" here can only come from such a rerun.
    assert kinds & {"poll", "step"}, kinds

    with sqlite3.connect(workshop_db) as con:
        sessions = con.execute("select code, workshop_key, group_step from sessions").fetchall()
        participants = con.execute(
            "select participant_id, region_code from participants"
        ).fetchall()
        answers = con.execute(
            "select participant_id, step, answer from answers order by participant_id, step"
        ).fetchall()
    # the trainer started one session of the first workshop in its list (files by name)
    first_workshop = sorted(p.stem for p in (ROOT / "workshops").glob("*.md"))[0]
    assert [(key, step) for _, key, step in sessions] == [(first_workshop, STEPS)]
    assert len(participants) == PARTICIPANTS
    assert all(region for _, region in participants)
    # every participant answered both steps, each answer non-empty
    by_participant: dict[str, list[int]] = {}
    for participant_id, step, answer in answers:
        assert answer.strip()
        by_participant.setdefault(participant_id, []).append(step)
    assert by_participant == {pid: [1, 2] for pid, _ in participants}
