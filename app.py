"""Kompas: the router and the shared frame of every page (config, navigation, banner, footer).

Pages are file-backed (`app_pages/*.py`) so AppTest can switch to them; the folder is not called
`pages/` because Streamlit 1.67 treats that name as a legacy page folder and, on a cold server,
runs a deep-linked page without this frame. A page whose file does not exist (yet) is left out of
the navigation instead of crashing the app. The embedding page (`/insluiten`) is hidden from the
menu and shown without the frame. The first page is served at `/` and, for links that
name it, at `/overzicht`; any other unknown path gets a Dutch page (`dashboard.frame`). When no
warehouse exists, one is built first with its steps shown in a status box that disappears when
done (`etl.bootstrap.ensure_warehouse`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import components, frame, markup, process, queries
from dashboard.db import WarehouseMissing, current_handle
from etl.paths import warehouse_path

ROOT = Path(__file__).resolve().parent
# (file, title, url path); page icons are left out: plotly/streamlit would fetch them as
# favicons from a CDN, and Kompas must work offline. The first page (url path "") is the default.
HOME_ALIAS = "overzicht"
PAGES = [
    ("app_pages/overzicht.py", "Overzicht", ""),
    ("app_pages/vergelijken.py", "Vergelijken", "vergelijken"),
    ("app_pages/regioprofiel.py", "Regioprofiel", "regioprofiel"),
    ("app_pages/patronen.py", "Patronen", "patronen"),
    ("app_pages/tabellen_export.py", "Tabellen en export", "tabellen-en-export"),
    ("app_pages/over_de_cijfers.py", "Over de cijfers", "over-de-cijfers"),
    ("app_pages/workshop.py", "Workshop", "workshop"),
    ("app_pages/trainer.py", "Trainer", "trainer"),
]
# Pages outside the menu, opened only by their address: the bureau's view of the uitvraag
# (protected by a password from the server's secrets, not by being hidden), a member's page of
# the uitvraag (opened by its personal link, `/opgave?token=...`; without a valid one it shows
# only a refusal) and the page another website embeds in an iframe (dashboard/embed.py), which
# opened at its address runs without navigation, banner or sidebar (its view carries the source
# and DEMO itself).
EMBED_PATH = "insluiten"
HIDDEN_PAGES = [
    ("app_pages/bureau.py", "Het bureau", "bureau"),
    ("app_pages/opgave.py", "Cijfers inleveren", "opgave"),
    ("app_pages/insluiten.py", "Insluiten", EMBED_PATH),
]

process.freeze_startup_objects()
st.set_page_config(page_title="Kompas", layout="wide")
# The content is Dutch; Streamlit serves <html lang="en"> and some English controls: the frame
# sets lang="nl" (WCAG 3.1.1) and hides or relabels those controls.
frame.apply_dutch_frame()


def _ensure_warehouse() -> bool:
    """Build the demo warehouse when none exists; False (with a Dutch message) if that fails."""
    if warehouse_path().is_file():
        return True
    try:
        from etl.bootstrap import ensure_warehouse
    except ImportError:
        components.missing_warehouse_message(str(warehouse_path()))
        return False
    box = st.empty()
    with box.status("Kompas wordt voor het eerst klaargezet…") as status:
        try:
            ensure_warehouse(lambda message: status.update(label=markup.escape(message)))
        except Exception as error:  # noqa: BLE001 - any failure: explain, never a traceback
            status.update(label="Het klaarzetten is mislukt", state="error")
            components.missing_warehouse_message(str(warehouse_path()), str(error))
            return False
    box.empty()
    return True


pages = [
    st.Page(path, title=title, url_path=url_path, default=url_path == "")
    for path, title, url_path in PAGES
    if (ROOT / path).is_file()
]
pages += [
    st.Page(path, title=title, url_path=url_path, visibility="hidden")
    for path, title, url_path in HIDDEN_PAGES
    if (ROOT / path).is_file()
]
requested = frame.requested_page_name()
known = {u for _, _, u in [*PAGES, *HIDDEN_PAGES]}
if pages and "/" not in requested and requested not in known:
    # Streamlit would run the first page under an English "Page not found" dialog; a hidden page
    # with exactly the requested path answers instead (only while that path is asked for).
    home = pages[0]
    if requested == HOME_ALIAS:
        body, title = frame.go_home(home), home.title
    else:
        body, title = frame.not_found_page(home), "Pagina niet gevonden"
    pages.append(st.Page(body, title=title, url_path=requested, visibility="hidden"))
navigation = st.navigation(pages, position="hidden" if requested == EMBED_PATH else "sidebar")
if _ensure_warehouse():
    try:
        current_handle()
    except WarehouseMissing:
        components.missing_warehouse_message(str(warehouse_path()))
        st.stop()
    if navigation.url_path != EMBED_PATH:
        build = queries.build_info()
        components.demo_banner(build)
        components.sidebar_footer(build, queries.sources())
    navigation.run()
