"""Embedding Kompas in another website: the request of the embedding page, its address and the
iframe code, and the "Insluiten" button that offers that code on Regioprofiel and Vergelijken.

The embedding page (`/insluiten?regio=GM0363&indicator=vsv_pct&weergave=kaart&embed=true`)
shows one compact view of one region (dashboard/embed_views.py). Streamlit's `embed=true`
drops its own toolbar and padding; app.py hides the navigation and the page frame for it.
Addresses are built here from the code, indicator and view the page itself offers (never from
text in a URL) and from the address the browser uses to reach Kompas (`st.context.url`;
`KOMPAS_PUBLIC_URL` when there is none, as under AppTest). The iframe code is HTML for the
embedder's page: every attribute value is HTML-escaped, so a region name with quotes or tags
stays the frame's title text.
"""

from __future__ import annotations

import html
import os
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from dashboard import components, queries
from dashboard.texts import insluiten as text

PATH = "insluiten"  # the page's url path (registered in app.py)
# where Kompas is reached when the browser's address is unknown (the default of etl.settings;
# the dashboard reads no etl module but paths)
DEFAULT_PUBLIC_URL = "http://localhost:8501"
VIEWS = tuple(text.VIEWS)
LEVELS = ("gemeente", "rmc", "provincie")
# width, height in CSS pixels of the offered iframe per view (the views are laid out for them)
FRAME_SIZES = {"kerncijfers": (400, 300), "trend": (600, 400), "kaart": (600, 400)}


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value in (None, "") else str(value)


def url_choice(options: Mapping[str, str], *, param: str, what: str, notices: list[str]) -> str:
    """The value of `?param=` when it is one of `options` (URL value -> label); the first
    option, with the Dutch notice of the other pages, when it is unknown; the first option
    when the link has none."""
    default = next(iter(options))
    raw = _param(param)
    if raw is None or raw in options:
        return raw or default
    notices.append(components.unknown_value_notice(what, raw, options[default]))
    return default


def url_region(*, param: str, notices: list[str]) -> dict[str, Any] | None:
    """The gemeente, RMC-regio or provincie of `?param=`, or None (with a Dutch notice) when
    the link names none or an unknown one: a website is never shown another region."""
    raw = _param(param)
    row = queries.region_row(raw) if raw is not None else None
    if row is not None and row["region_level"] in LEVELS:
        return row
    if raw is None:
        notices.append(text.NO_REGION)
    else:
        notices.append(f"{components.unknown_value_notice('de regio', raw, None)} {text.NEW_CODE}")
    return None


def base_url(page_path: str) -> str:
    """The address of Kompas itself (ending in `/`), seen from the page at `page_path`."""
    url = st.context.url
    if not url:
        public = os.environ.get("KOMPAS_PUBLIC_URL", "").strip() or DEFAULT_PUBLIC_URL
        return public.rstrip("/") + "/"
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith(f"/{page_path}"):
        path = path[: -len(page_path) - 1]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, f"{path}/", "", ""))


def embed_src(base: str, region_code: str, indicator: str, view: str) -> str:
    """The address of the embedding page for one region, indicator and view."""
    query = {"regio": region_code, "indicator": indicator, "weergave": view, "embed": "true"}
    return f"{base}{PATH}?{urllib.parse.urlencode(query)}"


def full_view_url(base: str, region: Mapping[str, Any], indicator: str) -> str:
    """Where "Meer in Kompas" leads: Regioprofiel for a gemeente or RMC-regio, Vergelijken with
    the provincie in focus for a provincie (Regioprofiel has no provincies)."""
    code = str(region["region_code"])
    if region["region_level"] == "provincie":
        query = {"indicator": indicator, "niveau": "provincie", "focus": code}
        return f"{base}vergelijken?{urllib.parse.urlencode(query)}"
    return f"{base}regioprofiel?{urllib.parse.urlencode({'regio': code})}"


def iframe_code(src: str, title: str, width: int, height: int) -> str:
    """The HTML an embedder pastes: an iframe with a title (WCAG 4.1.2), a fixed size and lazy
    loading; every attribute value HTML-escaped."""
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" '
        f'width="{int(width)}" height="{int(height)}" loading="lazy" '
        'style="border: 1px solid #D9D9D9;"></iframe>'
    )


def frame_code(base: str, region: Mapping[str, Any], indicator: str, view: str) -> str:
    """The iframe code for one region, indicator and view, at the view's size."""
    label = queries.indicator_specs()[indicator].label
    title = text.frame_title(str(region["region_name"]), label, text.VIEWS[view])
    width, height = FRAME_SIZES[view]
    return iframe_code(
        embed_src(base, str(region["region_code"]), indicator, view), title, width, height
    )


def embed_button(
    regions: Sequence[str], indicators: Sequence[str], *, page_path: str, key: str
) -> None:
    """The "Insluiten" popover: choose a view (and region or indicator when the page offers
    more than one) and copy the iframe code.

    Args:
        regions: Codes of the regions the page shows (empty: the popover asks for one).
        indicators: Keys of the indicators the page shows (the first is the default).
        page_path: The url path of the calling page (to find Kompas's own address).
        key: Element key prefix (page-prefixed).
    """
    with st.popover(text.BUTTON, icon=":material/code:", help=text.BUTTON_HELP):
        _embed_code(tuple(regions), tuple(indicators), page_path, key)


def _choose(label: str, options: tuple[str, ...], names: Mapping[str, str], *, key: str) -> str:
    """A selectbox over `options` shown by `names`; no control when there is only one."""
    if len(options) == 1:
        return options[0]
    return str(st.selectbox(label, options, format_func=names.__getitem__, key=key))


@st.fragment
def _embed_code(
    regions: tuple[str, ...], indicators: tuple[str, ...], page_path: str, key: str
) -> None:
    """The popover's content; a choice in it reruns only this fragment, not the page."""
    if not regions:
        st.caption(text.CHOOSE_FOCUS)
        return
    specs = queries.indicator_specs()
    rows = {code: queries.region_row(code) or {} for code in regions}
    view = st.radio(
        text.VIEW,
        VIEWS,
        format_func=text.VIEWS.__getitem__,
        horizontal=True,
        key=f"{key}__insluiten_weergave",
    )
    names = {code: str(row["region_name"]) for code, row in rows.items()}
    region = _choose(text.REGION, regions, names, key=f"{key}__insluiten_regio")
    labels = {k: specs[k].label for k in indicators}
    indicator = _choose(text.INDICATOR, indicators, labels, key=f"{key}__insluiten_indicator")
    st.caption(text.CODE_INTRO)
    code = frame_code(base_url(page_path), rows[region], indicator, view)
    st.code(code, language="html", wrap_lines=True)
    st.caption(text.CODE_NOTE)
