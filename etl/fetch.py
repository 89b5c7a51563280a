"""Publishers' URLs -> files in the raw dir, each with an origin sidecar; all or nothing per source.

`fetch_sources` downloads every `Download` of every `Source` given:

- kind 'file': the bytes as served, checked against `Content-Length`, written as
  `<target>` plus `<target>.origin.json`.

Every body is counted while it streams in (after any gzip decoding, so neither a missing nor a
lying `Content-Length` lets a larger file through) and the download stops as soon as it would
pass the size limit (`KOMPAS_MAX_FILE_BYTES`); no more than the limit is ever kept. A redirect
or an `odata.nextLink` is followed only to the same scheme, host and port as the request (with
a mirror: the mirror), so a publisher's answer can not send Kompas to another server.
- kind 'odata': the JSON pages of one CBS OData v3 entity set, following `odata.nextLink`,
  written as `<EntitySet>.json`, `<EntitySet>.2.json`, ... (each with its sidecar) in the target
  folder. Pages of an earlier fetch beyond the new last page are removed.

Everything of one source is first written to hidden temporary folders next to the targets and
moved into place with `os.replace` only when every download of that source is complete and
valid. A source that fails leaves no temporary files and keeps its earlier copy untouched; the
other sources are still fetched. Messages are Dutch because the CLI shows them to users.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit, urlunsplit

import requests
import urllib3

from etl.settings import max_file_bytes
from etl.sources.base import Download, Source

DEFAULT_TIMEOUT = 30.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
DEFAULT_MAX_PAGES = 500
MAX_REDIRECTS = 5
MAX_BACKOFF = 60.0
USER_AGENT = "Kompas-fetch/0.1 (open dashboard leerplicht en vsv; python-requests)"
SIDECAR_SUFFIX = ".origin.json"

_CHUNK_SIZE = 1 << 16
_TEMP_PREFIX = ".kompas-fetch-"
_ENTITY_SET = re.compile(r"[A-Za-z0-9_]+")
# 408 and 429 are client-side codes that mean "try again later", so they are retried like 5xx.
_RETRY_STATUS = {408, 429}
# Worth another attempt: the network, not the request, went wrong (a cut-off body included).
_NETWORK_ERRORS = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.ChunkedEncodingError,
)
_HTTP_REASONS = {
    400: "ongeldig verzoek",
    401: "geen toegang",
    403: "geen toegang",
    404: "niet gevonden",
    408: "time-out bij de server",
    410: "niet meer beschikbaar",
    429: "te veel verzoeken",
    500: "serverfout",
    502: "fout bij een tussenliggende server",
    503: "dienst tijdelijk niet beschikbaar",
    504: "time-out bij een tussenliggende server",
}

Progress = Callable[[str], None]


@dataclass(frozen=True)
class FetchedFile:
    """One data file (or OData page) written by `fetch_sources`.

    Args:
        source: key of the source it belongs to.
        path: path relative to the raw dir, with forward slashes.
        url: the publisher URL it came from (before any mirror rewrite).
        n_bytes: size in bytes.
        sha256: hex digest of the bytes.
    """

    source: str
    path: str
    url: str
    n_bytes: int
    sha256: str


@dataclass(frozen=True)
class FetchFailure:
    """A source that could not be fetched; nothing of it was written.

    Args:
        source: key of the source.
        url: the URL that failed (as requested, so after a mirror rewrite).
        reason: Dutch phrase that completes "<url> ...", e.g. "gaf HTTP 404 (niet gevonden)".
    """

    source: str
    url: str
    reason: str

    def describe(self) -> str:
        """One Dutch line: `cbs_vsv: https://... niet bereikbaar na 3 pogingen (...)`."""
        return (
            f"{self.source}: {self.url} {self.reason}"
            if self.url
            else f"{self.source}: {self.reason}"
        )


@dataclass
class FetchReport:
    """What `fetch_sources` did.

    Args:
        raw_dir: the raw dir written to.
        mirror: the mirror used, if any.
        fetched: data files written (sidecars not listed), in order.
        failures: one entry per source that failed.
        skipped: keys of sources without downloads (the user supplies their files).
    """

    raw_dir: Path
    mirror: str | None = None
    fetched: list[FetchedFile] = field(default_factory=list)
    failures: list[FetchFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no source failed."""
        return not self.failures

    @property
    def failed_sources(self) -> list[str]:
        """Keys of the sources that failed."""
        return [failure.source for failure in self.failures]

    @property
    def fetched_sources(self) -> list[str]:
        """Keys of the sources written, in order."""
        return list(dict.fromkeys(item.source for item in self.fetched))


class _DownloadFailed(Exception):
    """A download failed for good; `reason` completes the sentence "<url> ..."."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url} {reason}")
        self.url = url
        self.reason = reason


class _Transient(Exception):
    """A failure worth another attempt (network trouble, 5xx, truncated body)."""


def _origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of `url`, the default port filled in: what "the same server" means."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: never the same server
        port = -1
    return scheme, (parts.hostname or "").lower(), port or {"http": 80, "https": 443}.get(scheme)


def _check_same_server(request_url: str, next_url: str, how: str) -> None:
    """Refuse to follow `how` (a redirect, a nextLink) from `request_url` to another server."""
    if _origin(next_url) != _origin(request_url):
        raise _DownloadFailed(
            request_url,
            f"{how} naar een andere server ({next_url}); Kompas volgt dat niet. Klopt het adres "
            "nog? Haal het bestand anders zelf op en zet het in de raw-map",
        )


def format_bytes(n_bytes: int) -> str:
    """Dutch thousands separators: 1857646 -> '1.857.646 bytes'."""
    return f"{n_bytes:,} bytes".replace(",", ".")


def _format_seconds(seconds: float) -> str:
    return f"{seconds:g}".replace(".", ",")


def mirror_url(url: str, mirror: str | None) -> str:
    """Replace scheme and host of `url` by those of `mirror`, keeping path and query.

    A path in the mirror (`http://host/cache`) is put in front of the URL's path.
    """
    if not mirror:
        return url
    base = urlsplit(mirror)
    parts = urlsplit(url)
    return urlunsplit(
        (base.scheme, base.netloc, base.path.rstrip("/") + parts.path, parts.query, parts.fragment)
    )


def with_json_format(url: str) -> str:
    """Add `$format=json` to an OData URL unless a `$format` is already there.

    The query is appended to, never re-encoded: CBS skip tokens must stay exactly as sent.
    """
    parts = urlsplit(url)
    if any(key == "$format" for key, _ in parse_qsl(parts.query, keep_blank_values=True)):
        return url
    query = f"{parts.query}&$format=json" if parts.query else "$format=json"
    return urlunsplit(parts._replace(query=query))


def sidecar_path(data_path: Path) -> Path:
    """`x/y.csv` -> `x/y.csv.origin.json`."""
    return data_path.with_name(data_path.name + SIDECAR_SUFFIX)


def origin_record(
    *,
    source: str,
    url: str,
    sha256: str,
    n_bytes: int,
    licence: str,
    is_demo: bool = False,
    retrieved_at: datetime | None = None,
) -> dict[str, Any]:
    """The origin sidecar content documented in docs/raw-formats.md."""
    moment = retrieved_at or datetime.now(UTC)
    return {
        "source": source,
        "url": url,
        "retrieved_at": moment.astimezone(UTC).isoformat(timespec="seconds"),
        "sha256": sha256,
        "bytes": n_bytes,
        "licence": licence,
        "is_demo": is_demo,
    }


def write_origin_sidecar(data_path: Path, record: dict[str, Any]) -> Path:
    """Write `<data_path>.origin.json` atomically (temp file in the same folder, then replace).

    Returns:
        The sidecar path.
    """
    target = sidecar_path(data_path)
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def _http_reason(status: int) -> str:
    if status in _HTTP_REASONS:
        return _HTTP_REASONS[status]
    return "serverfout" if status >= 500 else "geweigerd door de server"


def _exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes/contexts and exceptions wrapped in its args (urllib3 style)."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo.extend(arg for arg in current.args if isinstance(arg, BaseException))
        for linked in (current.__cause__, current.__context__, getattr(current, "reason", None)):
            if isinstance(linked, BaseException):
                todo.append(linked)


def _describe_network_error(exc: requests.RequestException, timeout: float) -> str:
    """Short Dutch reason for a network failure."""
    chain = list(_exception_chain(exc))
    if any(
        isinstance(item, socket.gaierror | urllib3.exceptions.NameResolutionError) for item in chain
    ):
        return "servernaam onbekend"
    if any(isinstance(item, ConnectionRefusedError) for item in chain):
        return "verbinding geweigerd"
    # urllib3's NewConnectionError subclasses its TimeoutError for old callers: not a time-out.
    if any(
        isinstance(item, requests.Timeout | urllib3.exceptions.TimeoutError | TimeoutError)
        and not isinstance(item, urllib3.exceptions.NewConnectionError)
        for item in chain
    ):
        return f"time-out na {_format_seconds(timeout)} s"
    if any(isinstance(item, requests.exceptions.SSLError) for item in chain):
        return "beveiligde verbinding mislukt"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "verbinding onderbroken tijdens het downloaden"
    return "verbinding mislukt"


@dataclass
class _Client:
    """HTTP GET with mirror rewrite, manual redirects (also rewritten) and retries."""

    session: requests.Session
    mirror: str | None
    timeout: float
    attempts: int
    backoff: float
    progress: Progress
    max_bytes: int

    def fetch(self, source_key: str, url: str, consume: Callable[[requests.Response], Any]) -> Any:
        """GET `url` (mirrored) and hand the 200 response to `consume`, retrying transient errors.

        `consume` may raise `_Transient` (e.g. truncated body) to get another attempt; it must
        start from scratch on every call.

        Raises:
            _DownloadFailed: a 4xx, too many redirects, or still failing after all attempts.
        """
        request_url = mirror_url(url, self.mirror)
        why = ""
        for attempt in range(1, self.attempts + 1):
            try:
                with self._open(request_url) as response:
                    return consume(response)
            except _Transient as exc:
                why = str(exc)
            except requests.RequestException as exc:
                if not isinstance(exc, _NETWORK_ERRORS):
                    raise _DownloadFailed(
                        request_url, f"kon niet worden opgevraagd ({exc})"
                    ) from exc
                why = _describe_network_error(exc, self.timeout)
            if attempt < self.attempts:
                delay = min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF)
                self.progress(
                    f"{source_key}: {request_url} poging {attempt} van {self.attempts} mislukt "
                    f"({why}); opnieuw over {_format_seconds(delay)} s"
                )
                time.sleep(delay)
        attempts_word = "poging" if self.attempts == 1 else "pogingen"
        raise _DownloadFailed(
            request_url, f"niet bereikbaar na {self.attempts} {attempts_word} ({why})"
        )

    def _open(self, request_url: str) -> requests.Response:
        """One GET, following redirects by hand so that they stay on the mirror too."""
        current = request_url
        for _ in range(MAX_REDIRECTS + 1):
            response = self.session.get(
                current, stream=True, timeout=self.timeout, allow_redirects=False
            )
            status = response.status_code
            if response.is_redirect:
                location = response.headers["location"]
                response.close()
                following = mirror_url(urljoin(current, location), self.mirror)
                _check_same_server(request_url, following, "verwijst door")
                current = following
                continue
            if status >= 500 or status in _RETRY_STATUS:
                response.close()
                raise _Transient(f"HTTP {status}, {_http_reason(status)}")
            if status != 200:
                response.close()
                raise _DownloadFailed(request_url, f"gaf HTTP {status} ({_http_reason(status)})")
            return response
        raise _DownloadFailed(request_url, f"verwijst meer dan {MAX_REDIRECTS} keer door")


def _too_large(url: str, max_bytes: int) -> _DownloadFailed:
    return _DownloadFailed(
        url,
        f"is groter dan de grens van {format_bytes(max_bytes)} per bestand; het downloaden is "
        "gestopt en er is niets opgeslagen (stel de grens hoger in met KOMPAS_MAX_FILE_BYTES)",
    )


def _read_body(
    response: requests.Response, write: Callable[[bytes], Any], max_bytes: int
) -> tuple[int, str]:
    """Stream the body into `write`; return (bytes, sha256). A short body is `_Transient`.

    Raises:
        _DownloadFailed: the body (as decoded) is larger than `max_bytes`; reading stops before
            the chunk that would pass the limit, so `write` never receives more than the limit.
    """
    declared = response.headers.get("content-length")
    encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
    if declared is not None and declared.isdigit() and not encoded and int(declared) > max_bytes:
        raise _too_large(response.url, max_bytes)
    digest = hashlib.sha256()
    n_bytes = 0
    for chunk in response.iter_content(chunk_size=_CHUNK_SIZE):
        if n_bytes + len(chunk) > max_bytes:
            raise _too_large(response.url, max_bytes)
        write(chunk)
        digest.update(chunk)
        n_bytes += len(chunk)
    if declared is not None and declared.isdigit() and not encoded and int(declared) != n_bytes:
        raise _Transient(f"onvolledig ontvangen: {n_bytes} van {declared} bytes")
    return n_bytes, digest.hexdigest()


@dataclass
class _Stage:
    """Files of one download written in a hidden temp folder, waiting to be moved into place."""

    temp_dir: Path
    dest_dir: Path
    names: list[str] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    fetched: list[FetchedFile] = field(default_factory=list)

    def commit(self) -> None:
        """Move every staged file into `dest_dir` (data before sidecar), then drop stale pages."""
        for name in self.names:
            os.replace(self.temp_dir / name, self.dest_dir / name)
        for path in self.stale:
            path.unlink(missing_ok=True)


def _make_dirs(path: Path, created: list[Path]) -> None:
    """`mkdir -p`, remembering the folders it created so a failure can remove them again."""
    missing: list[Path] = []
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        folder.mkdir()
        created.append(folder)


def _target_path(raw_dir: Path, target: str) -> Path:
    relative = PurePosixPath(target)
    if relative.is_absolute() or ".." in relative.parts or not relative.name:
        raise _DownloadFailed("", f"heeft een ongeldig doel '{target}' (moet binnen de raw-map)")
    return raw_dir / relative


def _relative(raw_dir: Path, path: Path) -> str:
    return path.relative_to(raw_dir).as_posix()


@dataclass
class _SourceFetcher:
    """Downloads the files of one source into stages."""

    client: _Client
    raw_dir: Path
    source: Source
    max_pages: int
    created_dirs: list[Path] = field(default_factory=list)

    def new_stage(self, dest_dir: Path) -> _Stage:
        _make_dirs(dest_dir, self.created_dirs)
        temp_dir = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=dest_dir))
        return _Stage(temp_dir=temp_dir, dest_dir=dest_dir)

    def write_page(self, stage: _Stage, name: str, url: str, n_bytes: int, sha256: str) -> None:
        """Record a data file already written in the stage and write its sidecar beside it."""
        record = origin_record(
            source=self.source.key,
            url=url,
            sha256=sha256,
            n_bytes=n_bytes,
            licence=self.source.licence,
        )
        write_origin_sidecar(stage.temp_dir / name, record)
        stage.names += [name, name + SIDECAR_SUFFIX]
        final = stage.dest_dir / name
        stage.fetched.append(
            FetchedFile(self.source.key, _relative(self.raw_dir, final), url, n_bytes, sha256)
        )

    def fetch_file(self, download: Download, stage: _Stage, target: Path) -> None:
        """Kind 'file': stream the bytes as served into the stage."""
        temp_file = stage.temp_dir / target.name

        def consume(response: requests.Response) -> tuple[int, str]:
            with temp_file.open("wb") as handle:
                return _read_body(response, handle.write, self.client.max_bytes)

        n_bytes, sha256 = self.client.fetch(self.source.key, download.url, consume)
        if n_bytes == 0:
            raise _DownloadFailed(
                mirror_url(download.url, self.client.mirror), "gaf een leeg bestand"
            )
        self.write_page(stage, target.name, download.url, n_bytes, sha256)
        self.client.progress(
            f"{self.source.key}: {_relative(self.raw_dir, target)} opgehaald "
            f"({format_bytes(n_bytes)})"
        )

    def fetch_odata(self, download: Download, stage: _Stage) -> None:
        """Kind 'odata': every page of one entity set into the stage, following nextLinks."""
        entity_set = unquote(urlsplit(download.url).path).rstrip("/").rsplit("/", 1)[-1]
        if not _ENTITY_SET.fullmatch(entity_set):
            raise _DownloadFailed(download.url, "is geen URL van een OData-entiteitsset")
        label = f"{_relative(self.raw_dir, stage.dest_dir)}/{entity_set}"
        url: str | None = with_json_format(download.url)
        seen: set[str] = set()
        chunks: list[bytes] = []

        def consume(response: requests.Response) -> tuple[int, str]:
            chunks.clear()
            return _read_body(response, chunks.append, self.client.max_bytes)

        page = 0
        while url is not None:
            page += 1
            request_url = mirror_url(url, self.client.mirror)
            if page > self.max_pages:
                raise _DownloadFailed(
                    request_url, f"heeft meer dan {self.max_pages} pagina's; gestopt"
                )
            if url in seen:
                raise _DownloadFailed(request_url, "verwijst terug naar een eerdere pagina")
            seen.add(url)
            n_bytes, sha256 = self.client.fetch(self.source.key, url, consume)
            content = b"".join(chunks)
            next_link = _odata_next_link(content, request_url)
            name = f"{entity_set}.json" if page == 1 else f"{entity_set}.{page}.json"
            (stage.temp_dir / name).write_bytes(content)
            self.write_page(stage, name, url, n_bytes, sha256)
            self.client.progress(
                f"{self.source.key}: {label} pagina {page} opgehaald ({format_bytes(n_bytes)})"
            )
            url = with_json_format(urljoin(url, next_link)) if next_link else None
            if url is not None:
                next_request = mirror_url(url, self.client.mirror)
                _check_same_server(request_url, next_request, "verwijst met odata.nextLink")
        stage.stale = _stale_pages(stage.dest_dir, entity_set, set(stage.names))

    def fetch(self) -> list[FetchedFile]:
        """Stage every download, then move all of them into place; clean up in any case."""
        stages: list[_Stage] = []
        committed = False
        try:
            for download in self.source.downloads:
                target = _target_path(self.raw_dir, download.target)
                is_odata = download.kind == "odata"
                stage = self.new_stage(target if is_odata else target.parent)
                stages.append(stage)
                if is_odata:
                    self.fetch_odata(download, stage)
                else:
                    self.fetch_file(download, stage, target)
            for stage in stages:
                stage.commit()
            committed = True
            return [item for stage in stages for item in stage.fetched]
        finally:
            for stage in stages:
                shutil.rmtree(stage.temp_dir, ignore_errors=True)
            if not committed:
                for folder in reversed(self.created_dirs):
                    with contextlib.suppress(OSError):  # not empty: not ours to remove
                        folder.rmdir()


def _odata_next_link(content: bytes, request_url: str) -> str | None:
    """Check that a page is OData v3 JSON and return its `odata.nextLink` (or None)."""
    try:
        document = json.loads(content)
    except ValueError as exc:
        start = content[:40].decode("utf-8", errors="replace").strip()
        raise _DownloadFailed(
            request_url, f"gaf geen OData-JSON (geen JSON: begint met '{start}')"
        ) from exc
    if (
        not isinstance(document, dict)
        or not isinstance(document.get("odata.metadata"), str)
        or not isinstance(document.get("value"), list)
    ):
        raise _DownloadFailed(
            request_url,
            "gaf geen OData-JSON ('odata.metadata' of de lijst 'value' ontbreekt)",
        )
    next_link = document.get("odata.nextLink")
    if next_link is not None and not isinstance(next_link, str):
        raise _DownloadFailed(request_url, "gaf geen OData-JSON ('odata.nextLink' is geen tekst)")
    return next_link or None


def _stale_pages(dest_dir: Path, entity_set: str, new_names: set[str]) -> list[Path]:
    """Pages (and sidecars) of `entity_set` from an earlier fetch that the new fetch lacks."""
    pattern = re.compile(rf"{re.escape(entity_set)}(\.\d+)?\.json({re.escape(SIDECAR_SUFFIX)})?")
    return sorted(
        path
        for path in dest_dir.iterdir()
        if path.is_file() and pattern.fullmatch(path.name) and path.name not in new_names
    )


def _check_mirror(mirror: str | None) -> None:
    if mirror is None:
        return
    parts = urlsplit(mirror)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ValueError(
            f"ongeldige spiegelserver '{mirror}': geef een http(s)-adres, "
            "bijvoorbeeld http://127.0.0.1:8765"
        )


def fetch_sources(
    raw_dir: Path,
    sources: list[Source],
    mirror: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    progress: Progress | None = None,
    *,
    backoff: float = DEFAULT_BACKOFF,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_bytes: int | None = None,
) -> FetchReport:
    """Download the files of `sources` into `raw_dir`, all or nothing per source.

    Args:
        raw_dir: raw dir to write (created if missing).
        sources: the sources to fetch; sources without downloads are listed as skipped.
        mirror: base URL (e.g. "http://127.0.0.1:8765") that replaces scheme and host of every
            URL, including nextLinks and redirects; path and query are kept.
        timeout: seconds to wait for a connection and between received bytes, per request.
        retries: attempts per request (1 = no retry) for connection errors, time-outs, 5xx,
            408, 429 and truncated bodies. Other 4xx answers are not retried.
        progress: receives one Dutch line per file or page and per failed attempt.
        backoff: seconds before the second attempt, doubling for each further one (max 60).
        max_pages: most pages followed per OData entity set.
        max_bytes: largest file or page accepted, in bytes (decoded); None: the build's limit
            `KOMPAS_MAX_FILE_BYTES` (etl.settings.max_file_bytes).

    Returns:
        The report: files written, failed sources (with a Dutch line each), skipped sources.

    Raises:
        ValueError: `mirror` is not an http(s) base URL.
    """
    _check_mirror(mirror)
    say: Progress = progress or (lambda _message: None)
    report = FetchReport(raw_dir=raw_dir, mirror=mirror)
    raw_dir.mkdir(parents=True, exist_ok=True)
    with requests.Session() as session:
        session.headers["User-Agent"] = USER_AGENT
        limit = max_file_bytes() if max_bytes is None else max_bytes
        client = _Client(session, mirror, timeout, max(1, retries), backoff, say, limit)
        for source in sources:
            if not source.downloads:
                report.skipped.append(source.key)
                continue
            fetcher = _SourceFetcher(client, raw_dir, source, max_pages)
            try:
                report.fetched += fetcher.fetch()
            except _DownloadFailed as exc:
                failure = FetchFailure(source.key, exc.url, exc.reason)
            except OSError as exc:
                reason = f"kon niet worden opgeslagen in {raw_dir} ({exc.strerror or exc})"
                failure = FetchFailure(source.key, "", reason)
            else:
                continue
            report.failures.append(failure)
            say(failure.describe())
    return report


def format_report(report: FetchReport) -> str:
    """The report as a few Dutch lines for the CLI."""
    lines: list[str] = []
    if report.fetched:
        lines.append(f"Opgehaald naar {report.raw_dir}:")
        for key in report.fetched_sources:
            items = [item for item in report.fetched if item.source == key]
            word = "bestand" if len(items) == 1 else "bestanden"
            total = format_bytes(sum(item.n_bytes for item in items))
            lines.append(f"  {key}: {len(items)} {word}, {total}")
    else:
        lines.append("Niets opgehaald.")
    if report.mirror:
        lines.append(f"Via spiegelserver {report.mirror}.")
    if report.skipped:
        lines.append(
            "Geen download (bestanden lever je zelf aan): " + ", ".join(report.skipped) + "."
        )
    if report.failures:
        lines.append(f"Mislukt ({len(report.failures)}):")
        lines += [f"  {failure.describe()}" for failure in report.failures]
        lines.append(
            "Van een mislukte bron is niets weggeschreven; een eerder opgehaalde kopie is "
            "ongewijzigd gebleven."
        )
    return "\n".join(lines)
