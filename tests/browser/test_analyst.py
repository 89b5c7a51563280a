"""Rough edges a first-time analyst hit (issue 11), checked in a real browser: the copy-link
button, rotated school years on Regioprofiel, and the phone-sized screen.

Run against the demo warehouse: `python -m pytest tests/browser/test_analyst.py -q`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.helpers import exception_texts, open_page, view_fingerprint, wait_for_quiet

VERGELIJKEN = "/vergelijken?niveau=rmc&vergelijk=provincie&focus=MC55"
CHARTS = '[data-testid="stMain"] svg[role="img"]'  # the charts drawn as SVG in the page


def _stable(fingerprint: dict[str, object]) -> dict[str, object]:
    """The fingerprint without plotly's random ids of hatch patterns (the focus bar)."""
    charts = [re.sub(r'url\("#[^"]*"\)', "url()", str(c)) for c in fingerprint["charts"]]  # type: ignore[attr-defined]
    return {**fingerprint, "charts": charts}


def test_copy_link_offers_the_url_that_restores_the_view(
    new_context: Callable[..., BrowserContext],
) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_page(page, VERGELIJKEN)
    assert exception_texts(page) == []
    expect(page.locator(CHARTS)).to_have_count(3, timeout=60_000)
    wait_for_quiet(page)
    before = view_fingerprint(page)
    button = page.get_by_role("button", name="Kopieer link")
    expect(button).to_have_count(1)
    button.click()
    expect(page.locator(".kompas-copy-status")).to_have_text("Link gekopieerd")
    offered = page.locator(".kompas-copy-link").get_attribute("data-offered-url")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert offered == copied == page.url
    assert "niveau=rmc" in copied and "focus=MC55" in copied

    other = new_context().new_page()
    open_page(other, copied)
    expect(other.locator(CHARTS)).to_have_count(3, timeout=60_000)
    wait_for_quiet(other)
    assert exception_texts(other) == []
    assert _stable(view_fingerprint(other)) == _stable(before)


def _tick_geometry(page: Page) -> list[dict[str, float]]:
    """Per Regioprofiel trend chart (an SVG image): how far its first x tick label sticks out
    of the image on the left (positive = cut off), and how far its legend reaches up into the
    lowest x tick label (positive = the legend covers part of a label). Measured by the
    browser's own text layout: each image's SVG is put into the page at the image's size."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '[data-testid="stMain"] img[src^="data:image/svg+xml"]')).flatMap(img => {
          const text = atob(img.getAttribute('src').split(',')[1]);
          const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
          const holder = document.createElement('div');
          holder.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
          holder.appendChild(document.importNode(svg, true));
          document.body.appendChild(holder);
          try {
            const shown = holder.querySelector('svg');
            const ticks = Array.from(shown.querySelectorAll('text.xtick'));
            const legend = Array.from(shown.querySelectorAll('.legend text'));
            if (!ticks.length || !legend.length) return [];
            const frame = shown.getBoundingClientRect();
            const box = ticks[0].getBoundingClientRect();
            const lowest = Math.max(...ticks.map(t => t.getBoundingClientRect().bottom));
            const top = Math.min(...legend.map(t => t.getBoundingClientRect().top));
            return [{text: ticks[0].textContent, out: frame.left - box.left,
                     covered: lowest - top}];
          } finally { holder.remove(); }
        })"""
    )


def test_rotated_school_years_are_not_cut_off_or_covered(page: Page) -> None:
    for width in (1280, 390):  # two charts side by side; one chart per row on a phone
        page.set_viewport_size({"width": width, "height": 900})
        open_page(page, "/regioprofiel?regio=MC55")
        assert exception_texts(page) == []
        ticks = _tick_geometry(page)
        assert len(ticks) >= 8, "no trend charts with school-year ticks and a legend drawn"
        for tick in ticks:
            assert tick["text"].count("-") == 1 and len(tick["text"]) >= 9, tick  # a full label
            assert tick["out"] <= 0, f"{width} px: first school year sticks out: {tick}"
            assert tick["covered"] <= 0, f"{width} px: the legend covers school years: {tick}"


def _texts_past_the_edges(page: Page) -> tuple[int, list[dict[str, object]]]:
    """Every text of every Regioprofiel trend image (its SVG put into the page at its own size,
    laid out by the browser's fonts): how many there are, and those reaching past the image's
    left or right edge (by more than half a pixel)."""
    result: dict[str, object] = page.evaluate(
        """() => {
          const out = []; let count = 0;
          for (const img of document.querySelectorAll(
              '[data-testid="stMain"] img[src^="data:image/svg+xml"]')) {
            const bytes = Uint8Array.from(atob(img.getAttribute('src').split(',')[1]),
                                          c => c.charCodeAt(0));
            const text = new TextDecoder().decode(bytes);
            const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
            const holder = document.createElement('div');
            holder.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
            holder.appendChild(document.importNode(svg, true));
            document.body.appendChild(holder);
            const shown = holder.querySelector('svg');
            const frame = shown.getBoundingClientRect();
            for (const t of shown.querySelectorAll('text')) {
              count += 1;
              const box = t.getBoundingClientRect();
              if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) {
                out.push({text: t.textContent, left: box.left - frame.left,
                          right: box.right - frame.right});
              }
            }
            holder.remove();
          }
          return {count, out};
        }"""
    )
    return int(result["count"]), list(result["out"])  # type: ignore[call-overload]


def test_no_text_of_a_trend_chart_reaches_past_its_edges(page: Page) -> None:
    """Long bold titles ("Absoluut verzuim per 1.000 inwoners 5-17 jaar") lost their last
    letter: the renderer guessed bold glyphs as wide as regular ones."""
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, "/regioprofiel?regio=MC55")
    assert exception_texts(page) == []
    count, past = _texts_past_the_edges(page)
    assert count >= 8 * 10, "no trend charts with titles, ticks and legends drawn"
    assert past == []


def test_regioprofiel_draws_its_charts_without_a_chart_library(
    page: Page, browser_warehouse: Path
) -> None:
    """Plotly's module took 0.8 s of a cold load's main thread for Regioprofiel's one or two
    plotly charts: they are SVG in the page now, each point's and region's hover its tooltip."""
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        ((gemeente, name),) = con.sql(
            "select region_code, region_name from marts.regions where rmc_code = 'MC55' "
            "and region_level = 'gemeente' order by region_code limit 1"
        ).fetchall()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path, charts in ((f"/regioprofiel?regio={gemeente}", 1), ("/regioprofiel?regio=MC55", 1)):
        open_page(page, path)
        assert exception_texts(page) == []
        drawn = page.locator('[data-testid="stMain"] svg[role="img"]')
        expect(drawn).to_have_count(charts)
        tips = drawn.first.locator("title").all_text_contents()
        assert len(tips) >= 3 and all(tip.strip() for tip in tips)
    assert not [url for url in requested if "/static/js/PlotlyChart." in url]
    assert page.locator(".js-plotly-plot").count() == 0
    # the gemeente's own name labels its point in the expected-versus-observed funnel
    open_page(page, f"/regioprofiel?regio={gemeente}")
    funnel = page.locator('[data-testid="stMain"] svg[role="img"]').first
    assert name in funnel.locator("text").all_text_contents()


def test_patronen_draws_its_charts_without_a_chart_library(
    page: Page, browser_warehouse: Path
) -> None:
    """Patronen's scatter, heatmap and slope chart are SVG in the page, as Regioprofiel's: no
    plotly code is fetched, and every point and cell has its hover text as a tooltip."""
    with duckdb.connect(str(browser_warehouse), read_only=True) as con:
        provincies = [
            name
            for (name,) in con.sql(
                "select region_name from marts.regions where region_level = 'provincie'"
            ).fetchall()
        ]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, "/patronen?niveau=provincie")
    assert exception_texts(page) == []
    drawn = page.locator('[data-testid="stMain"] svg[role="img"]')
    expect(drawn).to_have_count(3)
    scatter, heatmap, slope = (drawn.nth(i) for i in range(3))
    for chart in (scatter, heatmap, slope):
        tips = chart.locator("title").all_text_contents()
        assert len(tips) >= 3 and all(tip.strip() for tip in tips)
    # a heatmap row per provincie, its name at the left, a cell per row and school year
    rows = heatmap.locator("text.ytick").all_text_contents()
    assert sorted(rows) == sorted(provincies)
    years = heatmap.locator("text.xtick").count()
    assert heatmap.locator("rect > title").count() == len(rows) * years
    assert not [url for url in requested if "/static/js/PlotlyChart." in url]
    assert page.locator(".js-plotly-plot").count() == 0


def test_phone_screen_has_no_toolbar_and_keeps_charts_and_the_funnel_axis_title(
    page: Page,
) -> None:
    """On a phone the plotly toolbar covered titles and legends: the charts are SVG in the page
    now (no toolbar at all), shrink to the screen, and the funnel keeps its axis title."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, VERGELIJKEN)
    assert exception_texts(page) == []
    charts = page.locator(CHARTS)
    expect(charts).to_have_count(3, timeout=60_000)
    assert page.locator(".modebar-container").count() == 0
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    funnel = charts.filter(has=page.locator("text", has_text="log-schaal"))
    expect(funnel).to_have_count(1)
    box = funnel.locator("text", has_text="log-schaal").bounding_box()
    frame = funnel.bounding_box()
    assert box is not None and frame is not None
    assert box["x"] >= frame["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
