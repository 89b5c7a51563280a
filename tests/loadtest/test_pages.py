"""Page discovery reads app.py's page tables statically, hidden pages and constants included."""

from __future__ import annotations

from pathlib import Path

from loadtest.pages import discover_pages

APP_SOURCE = """
import streamlit as st
SECRET_PATH = "geheim"
PAGES = [("app_pages/a.py", "A", ""), ("app_pages/b.py", "B", "b")]
HIDDEN = [("app_pages/c.py", "C", SECRET_PATH)]
pages = [st.Page(p, title=t, url_path=u, default=u == "") for p, t, u in PAGES]
pages += [st.Page(p, title=t, url_path=u, visibility="hidden") for p, t, u in HIDDEN]
st.navigation(pages).run()
"""


def test_hidden_pages_from_a_table_with_a_named_path_are_found(tmp_path: Path) -> None:
    (tmp_path / "app_pages").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "app_pages" / f"{name}.py").write_text("", encoding="utf-8")
    app = tmp_path / "app.py"
    app.write_text(APP_SOURCE, encoding="utf-8")
    found = [(s.key, s.url_path, s.default, s.hidden) for s in discover_pages(app)]
    assert found == [("a", "", True, False), ("b", "b", False, False), ("c", "geheim", False, True)]
