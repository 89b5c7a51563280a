"""Another website embeds Kompas: a local page with one iframe per view draws each of them.

The host page is served by a small http.server on 127.0.0.1 (another port, so another origin
than Kompas, as on a real website) and holds Kompas's own iframe code for the three views of
one gemeente, at the sizes Kompas offers. Each frame must run the embedding page without
navigation or exception, in Dutch, with the gemeente's name and newest figure (read here with
our own SQL), and the offline guard fails the test on any request off this machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from playwright.sync_api import Frame, Page, expect

from dashboard import embed
from loadtest.server import StreamlitServer
from tests.browser.helpers import DEFAULT_TIMEOUT_MS, EXCEPTION, MAP_FEATURE, wait_for_quiet
from tests.etl.http_server import LocalServer, Reply

INDICATOR = "vsv_pct"
VIEWS = ("kerncijfers", "trend", "kaart")


@pytest.fixture(scope="module")
def gemeente(browser_warehouse: Path) -> dict[str, Any]:
    """The first gemeente by name whose newest vsv figure is shown, with that figure and the
    number of gemeenten in its RMC-regio (what its map draws)."""
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        row = con.execute(
            """
            with newest as (
                select region_code, value, flag, school_year,
                    row_number() over (partition by region_code
                                       order by school_year_start desc) as n
                from marts.published_values
                where indicator_key = ? and region_level = 'gemeente'
            )
            select r.region_code, r.region_name, newest.value,
                (select count(*) from marts.regions m
                 where m.region_level = 'gemeente' and m.rmc_code = r.rmc_code) as members
            from newest join marts.regions r using (region_code)
            where newest.n = 1 and newest.flag = '' and newest.value is not null
            order by r.region_name limit 1
            """,
            [INDICATOR],
        ).fetchone()
    assert row is not None
    code, name, value, members = row
    shown = Decimal(repr(float(value))).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return {
        "code": code,
        "name": name,
        "figure": f"{shown}".replace(".", ",") + "%",
        "members": int(members),
    }


def host_html(base: str, gemeente: dict[str, Any]) -> str:
    """A website's page with Kompas's iframe code for each view (side by side where it fits)."""
    frames = "\n".join(
        embed.iframe_code(
            embed.embed_src(base, gemeente["code"], INDICATOR, view),
            f"Kompas {view}",
            *embed.FRAME_SIZES[view],
        ).replace("<iframe ", f'<iframe id="{view}" ', 1)
        for view in VIEWS
    )
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        "<title>Gemeentesite</title></head>"
        '<body style="font-family: sans-serif; margin: 16px">'
        f"<h1>Onze cijfers</h1>\n{frames}\n</body></html>"
    )


@pytest.fixture(scope="module")
def host_page(app_server: StreamlitServer, gemeente: dict[str, Any]) -> Iterator[str]:
    """The embedding website on its own 127.0.0.1 port, for the duration of this module."""
    body = host_html(app_server.base_url + "/", gemeente).encode()
    with LocalServer() as server:
        server.add("/", Reply(body=body, content_type="text/html; charset=utf-8"))
        yield server.url("/")


def frame_of(page: Page, view: str) -> Frame:
    """The Kompas document inside the host page's iframe for `view`, once its run is over."""
    handle = page.locator(f"iframe#{view}").element_handle(timeout=DEFAULT_TIMEOUT_MS)
    assert handle is not None
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_function(
        """() => {
          const app = document.querySelector('[data-testid="stApp"]');
          return app && app.getAttribute('data-test-script-state') === 'notRunning'
            && app.getAttribute('data-test-connection-state') === 'CONNECTED'
            && document.querySelector('h3') && !document.querySelector('[data-stale="true"]');
        }""",
        timeout=DEFAULT_TIMEOUT_MS,
    )
    return frame


def test_a_website_embeds_each_view(
    page: Page,
    host_page: str,
    app_server: StreamlitServer,
    gemeente: dict[str, Any],
    screenshot: Callable[[Page], Path],
) -> None:
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(host_page)
    for view in VIEWS:
        frame = frame_of(page, view)
        body = frame.locator("body")
        expect(frame.get_by_role("heading", name=gemeente["name"])).to_be_visible()
        expect(body).to_contain_text(gemeente["figure"])
        expect(body).to_contain_text("DEMO")
        assert frame.locator(EXCEPTION).count() == 0
        # no navigation, no sidebar, no Streamlit toolbar: only the view
        assert frame.locator('[data-testid="stSidebar"], [data-testid="stToolbar"]').count() == 0
        assert frame.evaluate("document.documentElement.lang") == "nl"
        more = frame.get_by_role("link", name="Meer in Kompas")
        expect(more).to_have_attribute(
            "href", f"{app_server.base_url}/regioprofiel?regio={gemeente['code']}"
        )
        expect(more).to_have_attribute("target", "_blank")
    trend = frame_of(page, "trend")
    expect(trend.locator(".js-plotly-plot svg.main-svg").first).to_be_visible()
    kaart = frame_of(page, "kaart")
    # the gemeenten of its RMC-regio, plus the gemeente's own outline (a halo and a line)
    expect(kaart.locator(MAP_FEATURE)).to_have_count(gemeente["members"] + 2)
    wait_for_quiet(page)
    shot = screenshot(page)
    assert shot.stat().st_size > 0
