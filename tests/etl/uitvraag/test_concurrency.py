"""Several processes submitting at the same moment: every submission is kept with its exact
bytes, each organisation ends with one submission in force, and the store passes SQLite's
integrity check. A process killed mid-submission leaves nothing half-written."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import multiprocessing
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from etl.demo.writers import template_csv
from etl.sources.verzuim import TEMPLATE_COLUMNS
from etl.uitvraag.store import connect
from etl.uitvraag.submit import submit_file
from tests.etl.uitvraag.conftest import MemberFile, OpenRound, last_year_rows, open_round

ORGANISATIONS = 4
SUBMISSIONS_EACH = 3


def _submit_all(job: tuple[str, str, list[str], str]) -> list[int]:
    """One process: submit its organisation's files one after another, straight at the store."""
    store, secret, files, warehouse = job
    ids = []
    for file in files:
        with connect(Path(store)) as con:
            outcome = submit_file(
                con, secret, Path(file), f"proces-{secret[:4]}", 1 << 20, Path(warehouse)
            )
        assert outcome.is_accepted, outcome.messages
        ids.append(outcome.submission_id)
    return ids


def test_simultaneous_submissions_are_all_kept(tmp_path: Path, fixture_warehouse: Path) -> None:
    last = last_year_rows(fixture_warehouse)
    codes = sorted(last)[:ORGANISATIONS]
    orgs = tmp_path / "orgs.csv"
    orgs.write_text(
        "organisation_id,name,email,gemeentecodes\n"
        + "".join(f"org{i},Organisatie {i},o{i}@example.nl,{c}\n" for i, c in enumerate(codes)),
        encoding="utf-8",
    )
    store = tmp_path / "uitvraag.sqlite"
    opened = open_round(store, orgs, tmp_path / "links.csv")
    assert opened.returncode == 0, opened.stderr
    links = {
        r["organisation_id"]: r["token"] for r in csv.DictReader((tmp_path / "links.csv").open())
    }
    jobs, sent = [], {}
    for i, code in enumerate(codes):
        files = []
        for n in range(SUBMISSIONS_EACH):
            row = {**last[code], "gemeentenaam": f"versie {n}"}
            path = tmp_path / f"org{i}-{n}.csv"
            path.write_bytes(template_csv(TEMPLATE_COLUMNS, [[row[c] for c in TEMPLATE_COLUMNS]]))
            files.append(str(path))
            sent[path.name] = path.read_bytes()
        jobs.append((str(store), links[f"org{i}"], files, str(fixture_warehouse)))

    with multiprocessing.get_context("spawn").Pool(ORGANISATIONS) as pool:
        results = pool.map(_submit_all, jobs)

    con = sqlite3.connect(store)
    try:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        rows = con.execute(
            "select submission_id, organisation_id, file_name, content, sha256, superseded_by "
            "from submissions order by submission_id"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == ORGANISATIONS * SUBMISSIONS_EACH
    assert sorted(i for ids in results for i in ids) == [r[0] for r in rows]
    for _, _, name, content, digest, _ in rows:
        assert content == sent[name]
        assert digest == hashlib.sha256(content).hexdigest()
    for i, ids in enumerate(results):
        chain = {r[0]: r[5] for r in rows if r[1] == f"org{i}"}
        # each process's submissions supersede one another in the order it sent them
        assert [chain[s] for s in ids] == [*ids[1:], None]


def _die_while_storing(store: str, secret: str, file: str) -> None:
    """Submit, but the process dies after every insert ran and before the commit (the crash is
    injected by replacing the transaction the submission stores through)."""
    import os

    import etl.uitvraag.submit as submit_module

    @contextlib.contextmanager
    def dying(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        con.execute("begin immediate")
        yield con
        os._exit(9)

    submit_module.transaction = dying  # type: ignore[attr-defined]
    with connect(Path(store)) as con:
        submit_file(con, secret, Path(file), "crash", 1 << 20, None)


def test_a_crash_mid_submission_leaves_no_trace(opened: OpenRound, member_file: MemberFile) -> None:
    file = member_file("opgave.csv", opened.gemeenten["lp-zuid"])
    assert opened.submit("lp-zuid", file).returncode == 0
    process = multiprocessing.get_context("spawn").Process(
        target=_die_while_storing, args=(str(opened.store), opened.links["lp-zuid"], str(file))
    )
    process.start()
    process.join(600)
    assert process.exitcode == 9
    con = sqlite3.connect(opened.store)
    try:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        rows = con.execute("select is_accepted, superseded_by from submissions").fetchall()
    finally:
        con.close()
    assert rows == [(1, None)]  # the earlier submission, still in force; nothing half-written
    assert opened.submit("lp-zuid", file).returncode == 0  # and the store takes the next one
