"""fetch_sources against a real HTTP server on 127.0.0.1: files, OData pages, failures, mirror."""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from etl.fetch import FetchReport, fetch_sources, format_report, mirror_url, with_json_format
from etl.sources.base import Download, Source
from tests.conftest_helpers import require_shared_raw
from tests.etl.http_server import LocalServer, Reply, serve

VSV_FEED = "/ODataFeed/odata/84780NED/TypedDataSet"
VSV_INFO = "/ODataApi/odata/84780NED/TableInfos"
PUBLISHER = "https://opendata.cbs.nl"


@pytest.fixture(autouse=True)
def _only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every host name lookup except 127.0.0.1, so no test can reach the internet."""
    real_getaddrinfo = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", b"127.0.0.1"):
            raise socket.gaierror(socket.EAI_NONAME, f"test blocked lookup of {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    yield from serve()


def make_source(key: str, *downloads: Download) -> Source:
    return Source(
        key=key,
        title=f"Testbron {key}",
        producer="Test",
        licence="CC BY 4.0",
        url_main="http://127.0.0.1/",
        citation="Test",
        folder=key,
        downloads=downloads,
    )


def odata_page(entity_set: str, rows: list[dict[str, Any]], next_link: str | None = None) -> bytes:
    document: dict[str, Any] = {
        "odata.metadata": f"{PUBLISHER}/ODataFeed/odata/84780NED/$metadata#Cbs.OData.{entity_set}",
        "value": rows,
    }
    if next_link:
        document["odata.nextLink"] = next_link
    return json.dumps(document).encode()


def data_rows(start: int, count: int) -> list[dict[str, Any]]:
    return [
        {"ID": i, "Geslacht": "T001038", "Regiokenmerken": "GM0014  ", "Perioden": "2023SJ00"}
        for i in range(start, start + count)
    ]


def add_paged_feed(server: LocalServer, n_pages: int, link_base: str) -> list[bytes]:
    """Serve TypedDataSet in `n_pages` pages whose nextLinks start with `link_base`."""
    pages = []
    for page in range(1, n_pages + 1):
        following = f"{VSV_FEED}?$format=json&$skip={page * 2}" if page < n_pages else None
        body = odata_page(
            "TypedDataSet", data_rows((page - 1) * 2, 2), following and link_base + following
        )
        target = VSV_FEED + (
            "?$format=json" if page == 1 else f"?$format=json&$skip={(page - 1) * 2}"
        )
        server.add(target, Reply(body=body, content_type="application/json"))
        pages.append(body)
    return pages


def vsv_source(base: str) -> Source:
    return make_source(
        "cbs_vsv",
        Download(base + VSV_INFO, "vsv/84780NED", "odata"),
        Download(base + VSV_FEED, "vsv/84780NED", "odata"),
    )


def run(raw_dir: Path, sources: list[Source], **settings: Any) -> tuple[FetchReport, list[str]]:
    messages: list[str] = []
    settings = {"timeout": 5.0, "retries": 3, "backoff": 0.0, **settings}
    report = fetch_sources(raw_dir, sources, progress=messages.append, **settings)
    return report, messages


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file below root with its bytes; also proves there are no stray temp files."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def sidecar(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(path.with_name(path.name + ".origin.json").read_text())
    return result


def test_files_are_written_as_served_with_a_correct_sidecar(
    server: LocalServer, tmp_path: Path
) -> None:
    shared = require_shared_raw()
    duo_file = shared / "gebiedsindeling" / "02.-alle-schoolvestigingen-basisonderwijs.csv"
    geo_file = shared / "grenzen" / "gemeente_2025.geojson"
    server.add("/duo/02.-alle-schoolvestigingen-basisonderwijs.csv", Reply(file=duo_file))
    server.add("/pdok/gemeente_2025.geojson", Reply(file=geo_file))
    duo_url = server.url("/duo/02.-alle-schoolvestigingen-basisonderwijs.csv")
    geo_url = server.url("/pdok/gemeente_2025.geojson")
    sources = [
        make_source("duo", Download(duo_url, "gebiedsindeling/" + duo_file.name)),
        make_source("cbs_grenzen", Download(geo_url, "grenzen/gemeente_2025.geojson")),
    ]

    report, messages = run(tmp_path, sources)

    assert report.ok and report.fetched_sources == ["duo", "cbs_grenzen"]
    assert set(snapshot(tmp_path)) == {
        f"gebiedsindeling/{duo_file.name}",
        f"gebiedsindeling/{duo_file.name}.origin.json",
        "grenzen/gemeente_2025.geojson",
        "grenzen/gemeente_2025.geojson.origin.json",
    }
    for served, written, url, key in [
        (duo_file, tmp_path / "gebiedsindeling" / duo_file.name, duo_url, "duo"),
        (geo_file, tmp_path / "grenzen" / "gemeente_2025.geojson", geo_url, "cbs_grenzen"),
    ]:
        expected = served.read_bytes()
        assert written.read_bytes() == expected
        origin = sidecar(written)
        assert origin["sha256"] == hashlib.sha256(expected).hexdigest()
        assert origin["bytes"] == len(expected)
        assert (origin["source"], origin["url"], origin["licence"]) == (key, url, "CC BY 4.0")
        assert origin["is_demo"] is False
        assert datetime.fromisoformat(origin["retrieved_at"]).utcoffset() == UTC.utcoffset(None)
    assert f"duo: gebiedsindeling/{duo_file.name} opgehaald (1.857.646 bytes)" in messages
    assert "  duo: 1 bestand, 1.857.646 bytes" in format_report(report).splitlines()


def test_odata_pages_follow_next_links_one_file_per_page(
    server: LocalServer, tmp_path: Path
) -> None:
    pages = add_paged_feed(server, 3, server.base_url)
    info = odata_page("TableInfos", [{"ID": 0, "Title": "Voortijdig schoolverlaters"}])
    server.add(VSV_INFO, Reply(body=info))

    report, messages = run(tmp_path, [vsv_source(server.base_url)])

    assert report.ok
    folder = tmp_path / "vsv" / "84780NED"
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(".origin.json")) == [
        "TableInfos.json",
        "TypedDataSet.2.json",
        "TypedDataSet.3.json",
        "TypedDataSet.json",
    ]
    assert (folder / "TableInfos.json").read_bytes() == info
    for name, body in zip(
        ["TypedDataSet.json", "TypedDataSet.2.json", "TypedDataSet.3.json"], pages, strict=True
    ):
        assert (folder / name).read_bytes() == body
        assert sidecar(folder / name)["sha256"] == hashlib.sha256(body).hexdigest()
    # $format=json is added to the first request; the nextLink is recorded as the page's URL.
    assert server.requests[:2] == [f"{VSV_INFO}?$format=json", f"{VSV_FEED}?$format=json"]
    assert sidecar(folder / "TypedDataSet.2.json")["url"] == server.url(
        f"{VSV_FEED}?$format=json&$skip=2"
    )
    assert "cbs_vsv: vsv/84780NED/TypedDataSet pagina 3 opgehaald (" in "\n".join(messages)


def test_mirror_rewrites_urls_next_links_and_redirects(server: LocalServer, tmp_path: Path) -> None:
    pages = add_paged_feed(server, 2, PUBLISHER)
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [])))
    server.add(
        "/old/adressen.csv", Reply(302, headers={"Location": "https://duo.nl/new/adressen.csv"})
    )
    server.add("/new/adressen.csv", Reply(body=b"PROVINCIE;GEMEENTENUMMER\r\n"))
    duo = make_source("duo", Download("https://duo.nl/old/adressen.csv", "gebiedsindeling/a.csv"))

    report, _ = run(tmp_path, [vsv_source(PUBLISHER), duo], mirror=server.base_url)

    assert report.ok, format_report(report)
    folder = tmp_path / "vsv" / "84780NED"
    assert (folder / "TypedDataSet.2.json").read_bytes() == pages[1]
    # The sidecar names the publisher's URL, not the mirror.
    assert sidecar(folder / "TypedDataSet.2.json")["url"] == (
        f"{PUBLISHER}{VSV_FEED}?$format=json&$skip=2"
    )
    assert (tmp_path / "gebiedsindeling" / "a.csv").read_bytes() == b"PROVINCIE;GEMEENTENUMMER\r\n"
    assert server.count(VSV_FEED) == 2 and server.count("/new/adressen.csv") == 1


def test_without_mirror_a_publisher_url_is_not_reached(tmp_path: Path) -> None:
    report, _ = run(tmp_path, [vsv_source(PUBLISHER)], retries=1)

    assert report.failed_sources == ["cbs_vsv"]
    assert report.failures[0].describe() == (
        f"cbs_vsv: {PUBLISHER}{VSV_INFO}?$format=json niet bereikbaar na 1 poging "
        "(servernaam onbekend)"
    )


def test_server_error_is_retried_until_it_succeeds(server: LocalServer, tmp_path: Path) -> None:
    server.add("/file.csv", Reply(500), Reply(503), Reply(body=b"a;b\r\n"))
    url = server.url("/file.csv")

    report, messages = run(tmp_path, [make_source("duo", Download(url, "x/file.csv"))])

    assert report.ok
    assert server.count("/file.csv") == 3
    assert (tmp_path / "x" / "file.csv").read_bytes() == b"a;b\r\n"
    assert f"duo: {url} poging 1 van 3 mislukt (HTTP 500, serverfout); opnieuw over 0 s" in messages


def test_unreachable_source_fails_alone_and_keeps_its_earlier_copy(
    server: LocalServer, tmp_path: Path
) -> None:
    add_paged_feed(server, 2, server.base_url)
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [{"ID": 0}])))
    server.add("/file.csv", Reply(body=b"old\r\n"))
    duo = make_source("duo", Download(server.url("/file.csv"), "gebiedsindeling/file.csv"))
    first, _ = run(tmp_path, [vsv_source(server.base_url), duo])
    assert first.ok
    earlier_vsv = snapshot(tmp_path / "vsv")

    # Second run: TableInfos changed and is fine, TypedDataSet fails for good, duo changed.
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [{"ID": 1}])))
    server.add(f"{VSV_FEED}?$format=json", Reply(500))
    server.add("/file.csv", Reply(body=b"new\r\n"))
    feed_requests_before = server.count(VSV_FEED)
    report, messages = run(tmp_path, [vsv_source(server.base_url), duo])

    failed_url = server.url(f"{VSV_FEED}?$format=json")
    line = f"cbs_vsv: {failed_url} niet bereikbaar na 3 pogingen (HTTP 500, serverfout)"
    assert report.failed_sources == ["cbs_vsv"]
    assert report.failures[0].describe() == line
    assert line in messages and f"  {line}" in format_report(report).splitlines()
    assert server.count(VSV_FEED) - feed_requests_before == 3
    assert snapshot(tmp_path / "vsv") == earlier_vsv  # not even the good TableInfos replaced it
    assert (tmp_path / "gebiedsindeling" / "file.csv").read_bytes() == b"new\r\n"
    assert report.fetched_sources == ["duo"]


def test_client_error_is_not_retried_and_creates_no_folder(
    server: LocalServer, tmp_path: Path
) -> None:
    url = server.url("/missing.csv")

    report, _ = run(tmp_path, [make_source("rvig", Download(url, "herindelingen/t.csv"))])

    assert server.count("/missing.csv") == 1
    assert report.failures[0].describe() == f"rvig: {url} gaf HTTP 404 (niet gevonden)"
    assert list(tmp_path.iterdir()) == []


def test_time_out_is_retried_then_reported(server: LocalServer, tmp_path: Path) -> None:
    server.add("/slow.csv", Reply(stall=True))
    url = server.url("/slow.csv")

    report, _ = run(
        tmp_path, [make_source("duo", Download(url, "g/slow.csv"))], timeout=0.2, retries=2
    )

    assert server.count("/slow.csv") == 2
    assert report.failures[0].describe() == (
        f"duo: {url} niet bereikbaar na 2 pogingen (time-out na 0,2 s)"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (b"<html><body>Onderhoud</body></html>", "(geen JSON: begint met '<html><body>Onderhoud"),
        (b'{"error": "x"}', "('odata.metadata' of de lijst 'value' ontbreekt)"),
    ],
)
def test_page_that_is_not_odata_leaves_the_earlier_page_set(
    server: LocalServer, tmp_path: Path, body: bytes, detail: str
) -> None:
    add_paged_feed(server, 3, server.base_url)
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [])))
    assert run(tmp_path, [vsv_source(server.base_url)])[0].ok
    earlier = snapshot(tmp_path)
    page_two = f"{VSV_FEED}?$format=json&$skip=2"
    server.add(page_two, Reply(body=body, content_type="text/html"))

    report, _ = run(tmp_path, [vsv_source(server.base_url)])

    failure = report.failures[0]
    assert failure.url == server.url(page_two)
    assert failure.reason.startswith("gaf geen OData-JSON " + detail)
    assert sum(1 for target in server.requests if target == page_two) == 2  # once per run
    assert snapshot(tmp_path) == earlier


def test_truncated_body_is_retried_and_never_written(server: LocalServer, tmp_path: Path) -> None:
    server.add("/cut.geojson", Reply(body=b'{"type": "Feat', declared_length=5000))
    url = server.url("/cut.geojson")

    report, _ = run(tmp_path, [make_source("cbs_grenzen", Download(url, "grenzen/g.geojson"))])

    assert server.count("/cut.geojson") == 3
    assert report.failures[0].reason == (
        "niet bereikbaar na 3 pogingen (verbinding onderbroken tijdens het downloaden)"
    )
    assert list(tmp_path.iterdir()) == []


def test_fewer_pages_than_before_removes_the_old_extra_pages(
    server: LocalServer, tmp_path: Path
) -> None:
    add_paged_feed(server, 3, server.base_url)
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [])))
    assert run(tmp_path, [vsv_source(server.base_url)])[0].ok
    server.routes.clear()
    new_pages = add_paged_feed(server, 2, server.base_url)
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [{"ID": 9}])))

    assert run(tmp_path, [vsv_source(server.base_url)])[0].ok

    folder = tmp_path / "vsv" / "84780NED"
    assert sorted(snapshot(folder)) == [
        "TableInfos.json",
        "TableInfos.json.origin.json",
        "TypedDataSet.2.json",
        "TypedDataSet.2.json.origin.json",
        "TypedDataSet.json",
        "TypedDataSet.json.origin.json",
    ]
    assert (folder / "TypedDataSet.2.json").read_bytes() == new_pages[1]


def test_paging_is_bounded_and_a_loop_is_refused(server: LocalServer, tmp_path: Path) -> None:
    add_paged_feed(server, 3, server.base_url)
    source = make_source("cbs_vsv", Download(server.url(VSV_FEED), "vsv/84780NED", "odata"))

    bounded, _ = run(tmp_path, [source], max_pages=2)

    assert bounded.failures[0].reason == "heeft meer dan 2 pagina's; gestopt"
    assert list(tmp_path.iterdir()) == []

    looping = odata_page("TypedDataSet", [], server.url(f"{VSV_FEED}?$format=json"))
    server.add(f"{VSV_FEED}?$format=json", Reply(body=looping))
    looped, _ = run(tmp_path, [source])

    assert looped.failures[0].reason == "verwijst terug naar een eerdere pagina"
    assert list(tmp_path.iterdir()) == []


def test_sources_without_downloads_or_with_a_bad_target(tmp_path: Path) -> None:
    escaping = make_source("duo", Download("http://127.0.0.1:9/x.csv", "../outside.csv"))

    report, _ = run(tmp_path / "raw", [make_source("verzuim"), escaping])

    assert report.skipped == ["verzuim"]
    assert report.failures[0].describe() == (
        "duo: heeft een ongeldig doel '../outside.csv' (moet binnen de raw-map)"
    )
    assert not (tmp_path / "outside.csv").exists()
    assert "Geen download (bestanden lever je zelf aan): verzuim." in format_report(report)


def test_an_invalid_mirror_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ongeldige spiegelserver"):
        fetch_sources(tmp_path, [], mirror="127.0.0.1:8765")


@pytest.mark.parametrize(
    ("url", "mirror", "expected"),
    [
        (
            f"{PUBLISHER}/a/T?$skiptoken=guid'1'",
            "http://127.0.0.1:8765",
            "http://127.0.0.1:8765/a/T?$skiptoken=guid'1'",
        ),
        (f"{PUBLISHER}/a/T", "http://127.0.0.1:8765/cache/", "http://127.0.0.1:8765/cache/a/T"),
        (f"{PUBLISHER}/a/T", None, f"{PUBLISHER}/a/T"),
    ],
)
def test_mirror_url_keeps_path_and_query(url: str, mirror: str | None, expected: str) -> None:
    assert mirror_url(url, mirror) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h/T", "http://h/T?$format=json"),
        ("http://h/T?$skip=2", "http://h/T?$skip=2&$format=json"),
        (
            "http://h/T?$format=json&$skiptoken=guid'x'",
            "http://h/T?$format=json&$skiptoken=guid'x'",
        ),
    ],
)
def test_json_format_is_added_once(url: str, expected: str) -> None:
    assert with_json_format(url) == expected


# -- size limit and other servers (issue 7, section 4) --------------------------------------

LIMIT = 100_000
TOO_LARGE = (
    f"is groter dan de grens van {LIMIT:,} bytes per bestand; het downloaden is gestopt en er "
    "is niets opgeslagen (stel de grens hoger in met KOMPAS_MAX_FILE_BYTES)"
).replace(",", ".")


@pytest.fixture
def other_server() -> Iterator[LocalServer]:
    """A second server on another port: another host as far as fetch is concerned."""
    yield from serve()


def test_oversize_body_without_length_stops_reading_at_the_limit(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KOMPAS_MAX_FILE_BYTES", str(LIMIT))
    block = b"x" * (1 << 16)
    repeat = 4096  # 256 MiB offered: far more than any socket buffer holds
    server.add("/big.csv", Reply(body=block, repeat=repeat, send_length=False))
    url = server.url("/big.csv")

    report, _ = run(tmp_path, [make_source("duo", Download(url, "x/big.csv"))])

    assert [f.describe() for f in report.failures] == [f"duo: {url} {TOO_LARGE}"]
    assert server.count("/big.csv") == 1  # a size failure is not retried
    assert server.answered.wait(30)
    assert server.sent[0] < len(block) * repeat  # the client hung up instead of reading on
    assert snapshot(tmp_path) == {}


def test_gzip_body_larger_than_its_content_length_is_refused(
    server: LocalServer, tmp_path: Path
) -> None:
    unpacked = b"0" * (LIMIT * 20)
    packed = gzip.compress(unpacked)
    assert len(packed) < LIMIT  # the announced (and sent) length is well under the limit
    server.add("/bomb.json", Reply(body=packed, headers={"Content-Encoding": "gzip"}))
    url = server.url("/bomb.json")

    report, _ = run(
        tmp_path, [make_source("cbs_grenzen", Download(url, "g/bomb.json"))], max_bytes=LIMIT
    )

    assert [f.describe() for f in report.failures] == [f"cbs_grenzen: {url} {TOO_LARGE}"]
    assert snapshot(tmp_path) == {}


def test_content_length_above_the_limit_is_refused_and_a_body_at_the_limit_accepted(
    server: LocalServer, tmp_path: Path
) -> None:
    server.add("/over.csv", Reply(body=b"a" * (LIMIT + 1)))
    server.add("/exact.csv", Reply(body=b"b" * LIMIT, send_length=False))
    over, exact = server.url("/over.csv"), server.url("/exact.csv")

    report, _ = run(
        tmp_path,
        [
            make_source("duo", Download(over, "x/over.csv")),
            make_source("rvig", Download(exact, "y/exact.csv")),
        ],
        max_bytes=LIMIT,
    )

    assert [f.describe() for f in report.failures] == [f"duo: {over} {TOO_LARGE}"]
    assert snapshot(tmp_path)["y/exact.csv"] == b"b" * LIMIT
    assert "x/over.csv" not in snapshot(tmp_path)


def test_redirect_to_another_server_is_not_followed(
    server: LocalServer, other_server: LocalServer, tmp_path: Path
) -> None:
    elsewhere = other_server.url("/adressen.csv")
    other_server.add("/adressen.csv", Reply(body=b"PROVINCIE;GEMEENTENUMMER\r\n"))
    server.add("/adressen.csv", Reply(302, headers={"Location": elsewhere}))
    server.add("/same.csv", Reply(301, headers={"Location": "/moved/same.csv"}))
    server.add("/moved/same.csv", Reply(body=b"a;b\r\n"))
    url = server.url("/adressen.csv")
    (tmp_path / "gebiedsindeling").mkdir()
    (tmp_path / "gebiedsindeling" / "a.csv").write_bytes(b"earlier copy")

    report, _ = run(
        tmp_path,
        [
            make_source("duo", Download(url, "gebiedsindeling/a.csv")),
            make_source("rvig", Download(server.url("/same.csv"), "rvig/same.csv")),
        ],
    )

    assert [f.describe() for f in report.failures] == [
        f"duo: {url} verwijst door naar een andere server ({elsewhere}); Kompas volgt dat niet. "
        "Klopt het adres nog? Haal het bestand anders zelf op en zet het in de raw-map"
    ]
    assert other_server.requests == []
    assert server.count("/adressen.csv") == 1  # refused, not retried
    files = snapshot(tmp_path)
    assert files["gebiedsindeling/a.csv"] == b"earlier copy"
    assert files["rvig/same.csv"] == b"a;b\r\n"  # a redirect on the same server is followed


def test_next_link_to_another_server_is_not_followed(
    server: LocalServer, other_server: LocalServer, tmp_path: Path
) -> None:
    add_paged_feed(server, 2, other_server.base_url)
    add_paged_feed(other_server, 2, other_server.base_url)
    server.add(VSV_INFO, Reply(body=odata_page("TableInfos", [])))
    elsewhere = other_server.url(f"{VSV_FEED}?$format=json&$skip=2")

    report, _ = run(tmp_path, [vsv_source(server.base_url)])

    assert [f.describe() for f in report.failures] == [
        f"cbs_vsv: {server.url(VSV_FEED)}?$format=json verwijst met odata.nextLink naar een "
        f"andere server ({elsewhere}); Kompas volgt dat niet. Klopt het adres nog? Haal het "
        "bestand anders zelf op en zet het in de raw-map"
    ]
    assert other_server.requests == []
    assert snapshot(tmp_path) == {}
