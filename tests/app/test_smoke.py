"""Every page registered in app.py renders without an exception, inside the app's frame."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.app.conftest import APP, new_app, texts


def _registered_pages() -> list[str]:
    tree = ast.parse(Path(APP).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES":
            return [elt.elts[0].value for elt in node.value.elts]  # type: ignore[attr-defined]
    raise AssertionError("app.py has no PAGES list")


PAGES = [p for p in _registered_pages() if (Path(APP).parent / p).is_file()]


def test_app_registers_the_eight_pages() -> None:
    assert [Path(p).stem for p in _registered_pages()] == [
        "overzicht",
        "vergelijken",
        "regioprofiel",
        "patronen",
        "tabellen_export",
        "over_de_cijfers",
        "workshop",
        "trainer",
    ]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_frame(page: str) -> None:
    at = new_app().run()
    if page != "app_pages/overzicht.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "page has no title"
    # the frame (demo banner + sidebar footer) is there on every page, also after a rerun
    at.run()
    assert "Demogegevens" in texts(at)
    assert any("Bronnen" in m.value for m in at.sidebar.markdown)  # markdown since 779149b


def test_the_embedding_page_is_hidden_and_runs_without_the_frame() -> None:
    """`insluiten` is registered beside PAGES, hidden from the menu; without a region it says
    so in Dutch, and neither banner nor sidebar surrounds it (it goes into other websites)."""
    source = Path(APP).read_text(encoding="utf-8")
    assert 'visibility="hidden"' in source and 'EMBED_PATH = "insluiten"' in source
    at = new_app().run()
    at.switch_page("app_pages/insluiten.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "noemt geen regio" in texts(at)
    assert "Demogegevens" not in texts(at)


@pytest.mark.parametrize("view", ["kaart", "trend"])
def test_the_embedding_page_draws_plotly_in_its_chart_views(view: str) -> None:
    at = new_app(regio="MC51", indicator="vsv_pct", weergave=view).run()
    at.switch_page("app_pages/insluiten.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.get("plotly_chart")
    assert not at.sidebar.markdown
