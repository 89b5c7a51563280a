"""Nothing from a URL or a data file becomes markup: payloads stay text in a real browser.

Every query parameter of every page (read from the page files and the pickers' defaults in
dashboard/components.py) gets a Markdown, an HTML and a `javascript:` payload, all parameters of
a page at once; a gemeente and an RMC-regio get a payload name in a demo warehouse built by the
real ETL. Each page is compared with the same page without payload: a new link (other than a
same-page `#anchor`), image, frame, script or other embedded element, a text formatted by the
payload (bold, colour, code, heading, LaTeX) or any request off this machine (the offline
guard) fails the test. That the payload did reach the page is checked too: its text is shown.
"""

from __future__ import annotations

import inspect
import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from playwright.sync_api import Page

from dashboard import components
from loadtest.pages import PageSpec, discover_pages
from loadtest.server import StreamlitServer
from tests.browser.conftest import APP, _run_etl, serving
from tests.browser.helpers import exception_texts, open_page
from tests.conftest_helpers import rename_in_raw_file

PAGES = discover_pages(APP)
MARKERS = ("KVET", "KSCHUIN", "KDEL", "KCODE", "KROOD", "KKOP", "KLINK", "KJS", "KMATH")
URL_PAYLOADS = {
    "markdown": (
        "KTEKST [Sessie verlopen: log opnieuw in](https://evil.example/login) "
        "![x](https://evil.example/t.png) **KVET** _KSCHUIN_ ~~KDEL~~ `KCODE` :red[KROOD] "
        ":material/home: $KMATH$ https://evil.example/kaal www.evil.example a@evil.example\n# KKOP"
    ),
    "html": (
        'KTEKST <img src="https://evil.example/h.png"><a href="https://evil.example/p">KLINK</a>'
        '<script src="https://evil.example/s.js"></script><iframe src="https://evil.example/f">'
        "</iframe><b>KVET</b>&lt;i&gt;"
    ),
    "javascript": (
        "KTEKST [KJS](javascript:alert(1)) <javascript:alert(1)> javascript:alert(document.domain)"
    ),
}
REGION_PAYLOAD = (
    'KREGIO [KLINK](https://evil.example/r) ![i](https://evil.example/ri.png) <a href="https:'
    '//evil.example/ra">KLINK</a> <img src="https://evil.example/rh.png"> **KVET** :red[KROOD] '
    "$KMATH$ [KJS](javascript:alert(1))"
)
GEMEENTE_RENAMED = "Brakveen"  # a gemeente of the fictional demo country (default seed)
RMC_RENAMED = "Wadmark Zuid"  # its RMC-regio

# What the page holds that a payload could have added: links (HTML and SVG; the app's own pages
# by path), embedded elements, elements whose whole text is one of the markers (the payload's
# own formatting), KaTeX.
_INVENTORY_JS = """
(markers) => {
  const XLINK = 'http://www.w3.org/1999/xlink';
  const DRAWING = new Set(['svg', 'g', 'rect', 'line', 'polyline', 'polygon', 'path', 'circle',
                           'text', 'title', 'desc', 'defs', 'clippath', 'pattern']);
  const chartImage = src => {
    const prefix = 'data:image/svg+xml;base64,';
    if (!src.startsWith(prefix)) return null;
    const bytes = Uint8Array.from(atob(src.slice(prefix.length)), c => c.charCodeAt(0));
    const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
    const odd = Array.from(svg.querySelectorAll('*')).filter(e =>
      !DRAWING.has(e.tagName.toLowerCase()) || Array.from(e.attributes).some(a =>
        a.name.startsWith('on') || /href/i.test(a.name) || /url\\((?!#)/i.test(a.value)));
    return odd.length ? '(chart image with ' + odd.map(e => e.outerHTML.slice(0, 80)).join(', ')
      + ')' : '(chart image)';
  };
  const where = href => {  // own pages by path, so two servers on two ports compare equal
    try {
      const url = new URL(href, location.href);
      return url.origin === location.origin && !href.startsWith('#')
        ? 'page ' + url.pathname + url.search : href;
    } catch (error) { return href; }
  };
  const links = Array.from(document.querySelectorAll('a'))
    .map(a => a.getAttribute('href') ?? a.getAttributeNS(XLINK, 'href'))
    .filter(href => href !== null).map(where);
  const embedded = Array.from(document.querySelectorAll(
      'img, image, picture, iframe, frame, object, embed, video, audio, source, script, svg use'))
    .map(e => [e.tagName.toLowerCase(), e.getAttribute('src') || e.getAttribute('href')
      || e.getAttribute('data') || e.getAttributeNS(XLINK, 'href') || '(inline)', e])
    // plotly draws a heatmap as a data: image; its pixels follow the data, not a payload.
    // Kompas's own chart images (SVG data URIs, reports/svg.py) hold the names as text: one
    // counts as a chart image only when it has nothing but drawing elements, no event handler,
    // no link and no outside reference; anything else is reported with what it holds.
    .map(([tag, src, e]) => tag + ' ' + (e.closest('.js-plotly-plot') && src.startsWith('data:')
      ? '(plotly heatmap)' : tag === 'img' ? chartImage(src) ?? src : src));
  const formatted = Array.from(document.querySelectorAll('body *'))
    .filter(e => markers.includes((e.textContent || '').trim()))
    .map(e => e.tagName.toLowerCase() + ': ' + e.textContent.trim());
  const katex = document.querySelectorAll('.katex, math').length;
  return {links: links, embedded: embedded, formatted: formatted, katex: katex,
          text: document.body.innerText};
}
"""


def page_params(spec: PageSpec) -> list[str]:
    """The query parameters a page reads: `param="..."` in its file, plus the default `param`
    of every components picker it calls."""
    source = (APP.parent / spec.file).read_text(encoding="utf-8")
    params = set(re.findall(r"\bparam=\"(\w+)\"", source))
    for name in set(re.findall(r"\bcomponents\.(\w+)\(", source)):
        signature = inspect.signature(getattr(components, name))
        default = signature.parameters.get("param")
        if default is not None and isinstance(default.default, str):
            params.add(default.default)
    return sorted(params)


def url_cases() -> list[Any]:
    """One case per page and payload kind (all parameters of the page at once); pages with an
    own comparison selection also once with that mode chosen, so `selectie` is read."""
    cases = []
    for spec in PAGES:
        params = page_params(spec)
        variants = [{p: "{payload}" for p in params}] if params else []
        if "selectie" in params:
            variants.append({**variants[0], "vergelijk": "selectie"})
        for number, variant in enumerate(variants):
            for kind in URL_PAYLOADS:
                suffix = "" if number == 0 else "-selectie"
                cases.append(pytest.param(spec, variant, kind, id=f"{spec.key}{suffix}-{kind}"))
    return cases or [pytest.param(None, {}, "", id="no-app-yet")]


def inventory(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(_INVENTORY_JS, list(MARKERS))
    return result


def added_markup(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """What the payload page holds beyond the page without payload, as readable lines."""
    problems = []
    known_links = set(before["links"])
    for href in after["links"]:
        if href not in known_links and not href.startswith("#"):
            problems.append(f"link {href}")
    known = list(before["embedded"])
    for element in after["embedded"]:
        if element in known:
            known.remove(element)
        elif not re.fullmatch(r"script (\./)?/?static/js/[\w.-]+\.js", element):
            problems.append(f"element {element}")
    problems += [f"formatted {item}" for item in after["formatted"]]
    if after["katex"] > before["katex"]:
        problems.append(f"{after['katex'] - before['katex']} LaTeX formula(s)")
    return problems


def load(page: Page, url: str) -> dict[str, Any]:
    open_page(page, url)
    assert not exception_texts(page), exception_texts(page)
    return inventory(page)


@pytest.fixture(scope="module")
def baselines() -> dict[str, dict[str, Any]]:
    """Inventory of each page without payload, filled on first use (url -> inventory)."""
    return {}


def baseline(page: Page, url: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if url not in cache:
        cache[url] = load(page, url)
    return cache[url]


@pytest.mark.parametrize(("spec", "variant", "kind"), url_cases())
def test_url_payloads_stay_text(
    page: Page,
    spec: PageSpec | None,
    variant: dict[str, str],
    kind: str,
    baselines: dict[str, dict[str, Any]],
) -> None:
    if spec is None:
        pytest.fail("app.py registers no pages")
    payload = URL_PAYLOADS[kind]
    values = {key: value.replace("{payload}", payload) for key, value in variant.items()}
    clean = {key: value for key, value in values.items() if value != payload}
    plain_url = spec.browser_path + (f"?{urllib.parse.urlencode(clean)}" if clean else "")
    before = baseline(page, plain_url, baselines)

    after = load(page, f"{spec.browser_path}?{urllib.parse.urlencode(values)}")

    assert "KTEKST" in after["text"], "the payload never reached the page (no notice shown)"
    assert not added_markup(before, after), added_markup(before, after)


# -- a payload region name in the warehouse -------------------------------------------------


@pytest.fixture(scope="module")
def payload_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo warehouse with one gemeente (boundary file) and its RMC-regio (DUO file) named
    by the payload, built by the real ETL."""
    work = tmp_path_factory.mktemp("payload_warehouse")
    raw, db, log = work / "raw", work / "kompas.duckdb", work / "etl.log"
    _run_etl(["demo", "--raw-dir", str(raw)], log)
    rename_in_raw_file(
        raw / "grenzen" / "gemeente_2025.geojson",
        f'"statnaam":"{GEMEENTE_RENAMED}"'.encode(),
        b'"statnaam":' + json.dumps(REGION_PAYLOAD).encode(),
    )
    (duo_file,) = (raw / "gebiedsindeling").glob("*.csv")
    rename_in_raw_file(
        duo_file, f";{RMC_RENAMED};".encode(), f";{REGION_PAYLOAD} RMC;".encode("cp1252")
    )
    _run_etl(["build", "--raw-dir", str(raw), "--db", str(db)], log)
    return db


@pytest.fixture(scope="module")
def payload_server(payload_warehouse: Path) -> Iterator[StreamlitServer]:
    yield from serving(APP, payload_warehouse, "streamlit-injection-tests.log")


def region_urls(warehouse: Path) -> list[tuple[str, bool]]:
    """Every page, opened so that it shows the payload regions wherever it can, with whether
    the payload name must be visible there."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "SELECT region_level, region_code FROM marts.regions WHERE region_name LIKE 'KREGIO%'"
        ).fetchall()
    codes = dict(rows)
    assert set(codes) == {"gemeente", "rmc"}, rows
    gemeente, rmc = codes["gemeente"], codes["rmc"]
    # Regioprofiel shows both names in both views (title, caption, gemeenten table, map); the
    # other pages get one view each, the two names spread over them (one page load costs ~5 s)
    by_page = {
        "overzicht": [f"regio={rmc}"],
        "vergelijken": [f"niveau=gemeente&focus={gemeente}"],
        "regioprofiel": [f"regio={gemeente}", f"regio={rmc}"],
        "patronen": ["niveau=rmc"],
        "tabellen_export": [f"niveau=gemeente&regios={gemeente}"],
        "insluiten": [f"regio={gemeente}&weergave=kaart", f"regio={rmc}&weergave=trend"],
    }
    return [
        (
            f"{spec.browser_path}?{query}" if query else spec.browser_path,
            bool(query) and spec.key != "patronen",  # patronen: names only inside the charts
        )
        for spec in PAGES
        for query in by_page.get(spec.key, [""])
        if query or spec.key not in by_page
    ]


def test_a_region_name_from_the_data_stays_text(
    page: Page,
    app_server: StreamlitServer,
    payload_server: StreamlitServer,
    payload_warehouse: Path,
) -> None:
    """Same pages on a warehouse without and with the payload names (same demo otherwise)."""
    problems: dict[str, list[str]] = {}
    missing = []
    for url, must_show in region_urls(payload_warehouse):
        before = load(page, app_server.base_url + url)
        after = load(page, payload_server.base_url + url)
        if must_show and "KREGIO" not in after["text"]:
            missing.append(url)
        if added_markup(before, after):
            problems[url] = added_markup(before, after)
    assert not problems, problems
    assert not missing, f"the payload name is not shown on {missing}"
