"""The Dutch frame around every page: Streamlit's own English controls hidden or relabelled.

Streamlit 1.67 draws a few controls in English and offers no setting for them:
- the dataframe toolbar (download as CSV, search, fullscreen, show/hide columns): hidden; its
  CSV download also bypassed the provenance, and Kompas's own export (Tabellen en export)
  carries it;
- the "Running..." status widget at the top right: hidden; a Dutch "Bezig…" takes its place;
- the "Remove …" and "Clear all" labels of multiselect chips and the "Copy to clipboard" label
  of a code block's copy button (screen readers read them): relabelled in Dutch by a small
  constant same-origin script, because they have no Dutch alternative (the main menu is off
  via client.toolbarMode = "minimal", "Select all" via `select_all=False`);
- the file uploader's "Upload" button, its "file upload" and "Add files" labels (relabelled by
  the same script) and its English size line ("5MB per file • XLSX, CSV", hidden: the member
  page's own label names the types and the limit).
Unknown page paths get a Dutch page (`not_found_page`) instead of Streamlit's English dialog;
`/overzicht` (the first page's own name) leads to the first page.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable

import streamlit as st

# Constant CSS, no user input.
_CSS = """
<style>
[data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
[data-testid="stApp"][data-test-script-state="running"] [data-testid="stHeader"]::after {
  content: "Bezig…";
  position: absolute; right: 1.5rem; top: 0.9rem;
  font-size: 0.875rem; color: #1A1A1A;
}
</style>
"""

# Constant script, no user input: the page language, and Dutch screen-reader labels for the
# controls Streamlit labels in English (re-applied whenever Streamlit redraws).
_SCRIPT = """
<script>
(() => {
  // the app's own document; inside another website's iframe (the embedding page) never
  // the parent, which belongs to that website (and is cross-origin there)
  const ownDoc = window.parent === window || document.querySelector('[data-testid="stApp"]');
  const doc = ownDoc ? document : window.parent.document;
  doc.documentElement.lang = 'nl';
  if (doc.kompasDutchLabels) { return; }
  doc.kompasDutchLabels = true;
  const fixed = {'Clear all': 'Alles wissen', 'Remove option': 'Keuze verwijderen',
                 'Copy to clipboard': 'Kopieer naar klembord', 'Copied': 'Gekopieerd',
                 'file upload': 'Bestand kiezen', 'Add files': 'Ander bestand kiezen'};
  const uploadButtons = '[data-testid="stFileUploaderDropzone"] '
    + '[data-testid="stBaseButton-secondary"] [data-testid="stMarkdownContainer"] p';
  const relabel = (node) => {
    const label = node.getAttribute('aria-label') || '';
    if (fixed[label]) { node.setAttribute('aria-label', fixed[label]); }
    else if (label.startsWith('Remove ')) {
      node.setAttribute('aria-label', label.slice(7) + ' verwijderen');
    }
  };
  const sweep = () => {
    doc.querySelectorAll('[aria-label]').forEach(relabel);
    doc.querySelectorAll(uploadButtons).forEach((node) => {
      if (node.textContent === 'Upload') { node.textContent = 'Bestand kiezen'; }
    });
  };
  new MutationObserver(sweep).observe(doc.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label']});
  sweep();
})();
</script>
"""


def apply_dutch_frame() -> None:
    """Hide Streamlit's English controls and relabel the rest (once per script run)."""
    st.html(_CSS)
    st.html(_SCRIPT, unsafe_allow_javascript=True)


def requested_page_name() -> str:
    """The page path the browser asked for ("" for the root), without the server's base path."""
    url = st.context.url or ""
    path = urllib.parse.urlsplit(url).path.strip("/")
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(base + "/")):
        path = path[len(base) :].strip("/")
    return urllib.parse.unquote(path)


def not_found_page(home: st.Page) -> Callable[[], None]:
    """A page body telling in Dutch that the address does not exist, with a link home."""

    def body() -> None:
        st.title("Deze pagina bestaat niet")
        st.markdown(
            "Het adres dat u opende hoort niet bij Kompas. Kies een pagina in de zijbalk, "
            "of ga naar het overzicht."
        )
        st.page_link(home, label="Naar het overzicht")

    return body


def go_home(home: st.Page) -> Callable[[], None]:
    """A page body that opens `home` (for `/overzicht`, the first page's own name)."""

    def body() -> None:
        st.switch_page(home)

    return body
