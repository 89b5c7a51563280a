"""Session fixtures for real-browser tests: demo warehouse -> `streamlit run` -> Debian Chromium.

- `browser_warehouse`: the demo warehouse, built by the real ETL (`python -m etl demo` then
  `python -m etl build`) into a temporary folder; `KOMPAS_BROWSER_DB` points at an existing one
  instead.
- `app_server`: `streamlit run app.py` on a free port on 127.0.0.1 with KOMPAS_DB set;
  `KOMPAS_BROWSER_APP` points at another entry script (used to develop these tests).
- pytest-playwright's browser, launched from /usr/bin/chromium (never `playwright install`).
- An autouse offline guard: any request to a host other than 127.0.0.1/localhost is aborted and
  fails the test.
- `screenshot`: writes test-output/screenshots/<test>.png (full page).

A missing prerequisite (Chromium, app.py, the ETL) skips with the reason locally and fails when
the environment variable CI is "true".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, Route, WebSocketRoute

from etl.uitvraag.bureau import hash_password
from loadtest.server import StreamlitServer, start_server
from tests.browser.axe import axe_source  # noqa: F401 - registers the fixture for every browser test
from tests.browser.helpers import wait_for_quiet
from tests.conftest_helpers import missing_prerequisite
from tests.etl.uitvraag.conftest import BUREAU_PASSWORD

REPO_ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("KOMPAS_BROWSER_APP", REPO_ROOT / "app.py")).resolve()
CHROMIUM = Path(os.environ.get("KOMPAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT_DIR = REPO_ROOT / "test-output"
SCREENSHOT_DIR = OUTPUT_DIR / "screenshots"
MAX_SCREENSHOT_HEIGHT = 12_000
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}
ETL_TIMEOUT_S = 600


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


# -- warehouse and server ------------------------------------------------------------------


def _run_etl(args: list[str], log: Path) -> None:
    with log.open("ab") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "etl", *args],
            cwd=REPO_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=ETL_TIMEOUT_S,
            check=False,
        )
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-4000:]
        pytest.fail(f"`python -m etl {' '.join(args)}` exited {proc.returncode}:\n{tail}")


@pytest.fixture(scope="session")
def browser_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse the browser tests run against (built once per session)."""
    given = os.environ.get("KOMPAS_BROWSER_DB")
    if given:
        path = Path(given).resolve()
        if not path.is_file():
            pytest.fail(f"KOMPAS_BROWSER_DB={given} does not exist")
        return path
    if not (REPO_ROOT / "etl" / "__main__.py").is_file():
        missing_prerequisite("the ETL CLI (etl/__main__.py) does not exist yet")
    work = tmp_path_factory.mktemp("browser_warehouse")
    raw, db, log = work / "raw", work / "kompas.duckdb", work / "etl.log"
    _run_etl(["demo", "--raw-dir", str(raw)], log)
    _run_etl(["build", "--raw-dir", str(raw), "--db", str(db)], log)
    if not db.is_file():
        pytest.fail(f"`python -m etl build` succeeded but wrote no {db}")
    return db


def serving(
    entry: Path, warehouse: Path, log_name: str, env: dict[str, str] | None = None
) -> Iterator[StreamlitServer]:
    """`streamlit run ENTRY` on a free loopback port against `warehouse` until the fixture
    that yields from this ends (log in test-output/LOG_NAME), with a workshop store of its own
    beside the warehouse (never in data/) and `env` on top."""
    workshop_db = warehouse.parent / f"{Path(log_name).stem}-workshop.sqlite"
    OUTPUT_DIR.mkdir(exist_ok=True)
    try:
        server = start_server(
            entry,
            log_path=OUTPUT_DIR / log_name,
            env={
                "KOMPAS_DB": str(warehouse),
                "KOMPAS_WORKSHOP_DB": str(workshop_db),
                **(env or {}),
            },
            cwd=entry.parent,
        )
    except RuntimeError as exc:
        pytest.fail(str(exc))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def bureau_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The uitvraag store of the browser tests' server (empty until a test opens a round)."""
    return tmp_path_factory.mktemp("bureau") / "uitvraag.sqlite"


@pytest.fixture(scope="session")
def app_server(browser_warehouse: Path, bureau_store: Path) -> Iterator[StreamlitServer]:
    """`streamlit run app.py` on a free loopback port against the demo warehouse, with the
    bureau's password (`BUREAU_PASSWORD`) configured in a secrets file of its own."""
    if not APP.is_file():
        missing_prerequisite(f"{APP} does not exist yet")
    secrets = bureau_store.parent / "secrets.toml"
    secrets.write_text(f'[bureau]\npassword_hash = "{hash_password(BUREAU_PASSWORD)}"\n')
    env = {"STREAMLIT_SECRETS_FILES": str(secrets), "KOMPAS_UITVRAAG": str(bureau_store)}
    yield from serving(APP, browser_warehouse, "streamlit-browser-tests.log", env)


@pytest.fixture(scope="session")
def base_url(app_server: StreamlitServer) -> str:
    """pytest-playwright resolves page.goto("/path") against this."""
    return app_server.base_url


# -- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium with the flags that keep it off the network."""
    if not CHROMIUM.is_file():
        missing_prerequisite(
            f"Chromium not found at {CHROMIUM}; run tests/browser/install_chromium.sh"
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Dutch locale, a desktop viewport, downloads on, no service workers (they bypass routing)."""
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
        "viewport": {"width": 1400, "height": 1000},
        "accept_downloads": True,
        "service_workers": "block",
    }


# -- offline guard -------------------------------------------------------------------------


def is_local_url(url: str) -> bool:
    """True for URLs that stay on this machine (loopback hosts, data:, blob:, about:)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


@dataclass
class OfflineGuard:
    """Aborts and records every request that would leave the machine."""

    blocked: list[str] = field(default_factory=list)
    reported: int = 0

    def attach(self, context: BrowserContext) -> None:
        """Route all HTTP(S) and websocket traffic of `context` through the guard."""
        context.route("**/*", self._on_route)
        context.route_web_socket(lambda url: not is_local_url(url), self._on_websocket)

    def _on_route(self, route: Route) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            self.blocked.append(f"{route.request.method} {url}")
            route.abort("blockedbyclient")

    def _on_websocket(self, ws: WebSocketRoute) -> None:
        self.blocked.append(f"WEBSOCKET {ws.url}")
        ws.close()

    def take_unreported(self) -> list[str]:
        """Blocked requests not yet reported (each is reported once)."""
        new = self.blocked[self.reported :]
        self.reported = len(self.blocked)
        return new


_GUARD_KEY = pytest.StashKey[OfflineGuard]()


def _offline_message(urls: list[str]) -> str:
    shown = "\n  ".join(urls[:20])
    more = f"\n  ... and {len(urls) - 20} more" if len(urls) > 20 else ""
    return f"the page tried to reach {len(urls)} address(es) off this machine:\n  {shown}{more}"


@pytest.fixture(autouse=True)
def offline_guard(request: pytest.FixtureRequest) -> Iterator[OfflineGuard]:
    """One guard per test; whatever it blocked fails the test."""
    guard = OfflineGuard()
    request.node.stash[_GUARD_KEY] = guard
    yield guard
    late = guard.take_unreported()
    assert not late, _offline_message(late)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """Turn blocked requests into a test failure (not only a teardown error).

    A blocked request is usually the root cause of whatever else failed (a map without its
    topojson draws nothing), so it is reported even when the test body raised.
    """
    try:
        return (yield)
    finally:
        guard = item.stash.get(_GUARD_KEY, None)
        blocked = guard.take_unreported() if guard is not None else []
        if blocked:
            pytest.fail(_offline_message(blocked), pytrace=False)


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext], offline_guard: OfflineGuard
) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory, with the offline guard on every context."""

    def guarded(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        offline_guard.attach(context)
        return context

    return guarded


# -- screenshots ---------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:150]


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page], Path]:
    """Return `shoot(page)`: a full-page PNG at test-output/screenshots/<test name>.png.

    Streamlit scrolls inside its main container, so Playwright's full_page alone stops at the
    viewport; the viewport is stretched to the content's height for the picture, then restored.
    """

    def shoot(page: Page) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{_slug(request.node.name)}.png"
        viewport = page.viewport_size or {"width": 1400, "height": 1000}
        content_height = page.evaluate(
            """() => Math.max(...Array.from(document.querySelectorAll(
                 '[data-testid="stMain"], [data-testid="stSidebarContent"]'))
               .map(e => e.scrollHeight), document.documentElement.scrollHeight)"""
        )
        tall = min(max(int(content_height), viewport["height"]), MAX_SCREENSHOT_HEIGHT)
        if tall > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": tall})
            wait_for_quiet(page)
        page.screenshot(path=str(path), full_page=True)
        if tall > viewport["height"]:
            page.set_viewport_size(viewport)
            wait_for_quiet(page)
        return path

    return shoot
