"""UI helpers for the explore pages (Regioprofiel, Patronen, Tabellen en export).

URL-bound pickers that say so when a link carries an unknown value, the demo notice, the
"tabel bij deze grafiek" toggle and the map config. Written because the shared `components`
module was not there when these pages were built; when it lands, these should delegate to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pandas as pd
import streamlit as st

from etl.paths import STATIC_DIR

T = TypeVar("T")

# Session key under which Overzicht stores the user's region as "level:code" (e.g. "rmc:MC02").
SHARED_REGION_KEY = "kompas_region"
# Plotly geo needs a topojson base map; serve ours (static serving) instead of the CDN.
MAP_CONFIG: dict[str, Any] = {
    "topojsonURL": "/app/static/topojson/",
    "displaylogo": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}
CHART_CONFIG: dict[str, Any] = {"displaylogo": False}
LIST_SEPARATOR = "~"


def has_local_topojson() -> bool:
    """True when the local base map for plotly geo exists (else maps would fetch a CDN)."""
    return (STATIC_DIR / "topojson" / "world_110m.json").is_file()


def notices_start() -> list[str]:
    """A fresh list to collect the notices of this run (shown once, at the top)."""
    return []


def show_notices(notices: Sequence[str]) -> None:
    """Show the collected URL notices as one info box."""
    if notices:
        st.info("\n\n".join(notices), icon="ℹ️")


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return None if value in (None, "") else str(value)


def url_select(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    param: str,
    default: T,
    notices: list[str],
    to_url: Callable[[T], str] = str,
    format_func: Callable[[T], str] = str,
    what: str = "waarde",
    help: str | None = None,
) -> T:
    """A selectbox whose value lives in the URL (`?param=...`), so a copied link reopens it.

    On the first run of a session the URL value wins; an unknown value adds a Dutch notice and
    falls back to `default`. Afterwards the widget state wins and is written back to the URL.

    Args:
        label: Widget label.
        options: Allowed values.
        key: Session key (page-prefixed).
        param: Query parameter name.
        default: Value when the URL has none or an unknown one.
        notices: Collected notices of this run.
        to_url: How a value is written in the URL.
        format_func: How a value is shown.
        what: Dutch noun for the notice ("regio", "schooljaar").
        help: Help text for the widget.

    Returns:
        The selected value.
    """
    by_url = {to_url(option): option for option in options}
    if key not in st.session_state:
        raw = _param(param)
        if raw is not None and raw not in by_url:
            notices.append(
                f"De link noemt {what} '{raw}', maar die bestaat niet in deze cijfers. "
                f"We tonen {format_func(default)}."
            )
        st.session_state[key] = by_url.get(raw, default) if raw is not None else default
    elif st.session_state[key] not in options:
        st.session_state[key] = default
    value: T = st.selectbox(label, list(options), key=key, format_func=format_func, help=help)
    st.query_params[param] = to_url(value)
    return value


def url_multiselect(
    label: str,
    options: Sequence[T],
    *,
    key: str,
    param: str,
    default: Sequence[T],
    notices: list[str],
    to_url: Callable[[T], str] = str,
    format_func: Callable[[T], str] = str,
    what: str = "waarde",
    placeholder: str = "Kies",
) -> list[T]:
    """A multiselect whose values live in the URL as `a~b~c`; unknown items give a notice."""
    by_url = {to_url(option): option for option in options}
    if key not in st.session_state:
        raw = _param(param)
        chosen = list(default)
        if raw is not None:
            items = [item for item in raw.split(LIST_SEPARATOR) if item]
            unknown = [item for item in items if item not in by_url]
            if unknown:
                notices.append(
                    f"De link noemt {what} die niet bestaan in deze cijfers: "
                    f"{', '.join(unknown)}. Die zijn weggelaten."
                )
            known = [by_url[item] for item in items if item in by_url]
            chosen = known if known or not items else list(default)
        st.session_state[key] = chosen
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    values: list[T] = st.multiselect(
        label, list(options), key=key, format_func=format_func, placeholder=placeholder
    )
    st.query_params[param] = LIST_SEPARATOR.join(to_url(v) for v in values)
    return values


def demo_notice(build: dict[str, object]) -> None:
    """Say at the top of the page when the warehouse holds demo data."""
    if bool(build.get("is_demo")):
        st.warning(
            "**Demogegevens.** Deze cijfers zijn verzonnen (synthetisch) en dienen alleen om "
            "Kompas te leren kennen. Gebruik ze niet als echte cijfers.",
            icon="⚠️",
        )


def data_table(
    frame: pd.DataFrame, *, key: str, label: str = "Tabel bij deze grafiek", height: int = 0
) -> None:
    """The data behind a chart, one click away (a collapsed expander)."""
    with st.expander(label, expanded=False):
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            key=key,
            height=height if height else "auto",
        )
