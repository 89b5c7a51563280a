"""`etl mirror`: a raw dir fetched from the publishers, served so that `etl fetch --mirror`
on another machine receives the same files, byte for byte."""

from __future__ import annotations

import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.errors import BuildError
from etl.mirror import mirror_server
from etl.paths import REPO_ROOT
from etl.sources.base import Download
from tests.etl.http_server import LocalServer, Reply, serve
from tests.etl.test_fetch import (
    VSV_INFO,
    _only_localhost,  # noqa: F401 - autouse: no lookup of any host but 127.0.0.1
    add_paged_feed,
    make_source,
    odata_page,
    run,
    snapshot,
    vsv_source,
)


@pytest.fixture
def publisher() -> Iterator[LocalServer]:
    yield from serve()


def _fetched_from(publisher: LocalServer, raw: Path) -> None:
    add_paged_feed(publisher, 3, publisher.base_url)
    publisher.add(VSV_INFO, Reply(body=odata_page("TableInfos", [{"ID": 0}])))
    publisher.add("/duo/adressen.csv", Reply(body=b"PROVINCIE;GEMEENTENUMMER\r\nX;0014\r\n"))
    report, _ = run(raw, _sources(publisher.base_url))
    assert report.ok


def _sources(base: str) -> list:
    return [vsv_source(base), make_source("duo", Download(base + "/duo/adressen.csv", "duo/a.csv"))]


def _serving(raw: Path) -> tuple[str, threading.Thread, object]:
    server, _ = mirror_server(raw, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}", thread, server


def test_fetch_through_the_mirror_gives_the_same_files(
    publisher: LocalServer, tmp_path: Path
) -> None:
    trainer = tmp_path / "trainer-raw"
    _fetched_from(publisher, trainer)
    url, _, server = _serving(trainer)
    try:
        participant = tmp_path / "participant-raw"
        # the participant's machine asks for the publisher's URLs, rewritten to the mirror
        report, _ = run(participant, _sources(publisher.base_url), mirror=url)
    finally:
        server.shutdown()  # type: ignore[attr-defined]
    assert report.ok
    got, expected = snapshot(participant), snapshot(trainer)
    data = sorted(name for name in expected if not name.endswith(".origin.json"))
    assert len(data) == 5  # TableInfos, three TypedDataSet pages, the DUO file
    assert {name: got[name] for name in data} == {name: expected[name] for name in data}


def test_mirror_answers_only_recorded_urls(publisher: LocalServer, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _fetched_from(publisher, raw)
    url, _, server = _serving(raw)
    try:
        for target in ("/duo/adressen.csv.origin.json", "/../raw/duo/a.csv", "/duo/a.csv"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(url + target, timeout=5)
            assert refused.value.code == 404
        with urllib.request.urlopen(url + "/duo/adressen.csv", timeout=5) as answer:
            assert answer.read() == (raw / "duo" / "a.csv").read_bytes()
    finally:
        server.shutdown()  # type: ignore[attr-defined]


def test_demo_files_are_not_mirrored(demo_raw_dir: Path) -> None:
    with pytest.raises(BuildError, match="geen bestanden met een adres van een uitgever"):
        mirror_server(demo_raw_dir, "127.0.0.1", 0)


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="bestaat niet"):
        mirror_server(tmp_path / "nergens", "127.0.0.1", 0)


def test_cli_says_where_it_serves(publisher: LocalServer, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    _fetched_from(publisher, raw)
    process = subprocess.Popen(
        [sys.executable, "-m", "etl", "mirror", "--raw-dir", str(raw), "--port", "0"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Mirror met 5 bestanden op http://127.0.0.1:")
        address = first.split(" op ", 1)[1].split(" ", 1)[0]
        with urllib.request.urlopen(address + "/duo/adressen.csv", timeout=5) as answer:
            assert answer.read() == (raw / "duo" / "a.csv").read_bytes()
    finally:
        process.terminate()
        process.wait(timeout=10)
