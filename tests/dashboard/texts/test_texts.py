"""The Dutch on screen, reviewed in one pass: the pages take their fixed texts from
`dashboard.texts`, and no text (fixed or built from figures) repeats a known mistake."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# mistakes found in a review of every page (issue 11), each with the correct form
MISTAKES = {
    r"\bliggen er 1\b": "ligt er 1",
    r"\bhet (niveau|schooljaar)\b[^.;:?!]*\bdie\b": "het niveau/schooljaar ... dat",
    r"\bvsv %": "vsv-percentage (in a sentence)",
    r"\w\((s|'s|n|en)\)": "singular or plural by the count, never 'regio('s)'",
    r"\bn = \d+ regio's": "n = 36 gemeenten (the level's own noun)",
}


def string_constants(path: Path) -> list[str]:
    """Every string literal of a module (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def ui_modules() -> list[Path]:
    """Every module whose strings can reach the screen: the query layer with its texts, the
    pages, and the workshop package that builds the Workshop and Trainer pages."""
    return [
        *sorted((ROOT / "dashboard").rglob("*.py")),
        *sorted((ROOT / "app_pages").glob("*.py")),
        *sorted((ROOT / "workshop").glob("*.py")),
    ]


def test_the_scan_covers_the_workshop_views() -> None:
    scanned = {path.relative_to(ROOT).as_posix() for path in ui_modules()}
    assert {"workshop/participant_view.py", "workshop/trainer_view.py"} <= scanned


def find_mistakes(text: str) -> list[str]:
    return [
        f"{m.group(0)!r} -> {fix}"
        for rx, fix in MISTAKES.items()
        for m in re.finditer(rx, text, re.IGNORECASE)
    ]


def test_the_scan_catches_each_known_mistake() -> None:
    wrong = [
        "Van alle gemeenten liggen er 1 boven de grens.",
        "Het schooljaar die u koos bestaat niet.",
        "Het vsv % steeg.",
        "Er zijn 6 regio('s) zonder cijfer.",
        "n = 36 regio's",
    ]
    assert all(find_mistakes(text) for text in wrong)
    assert find_mistakes("Van alle gemeenten ligt er 1 buiten de 99,8%-grens.") == []


@pytest.mark.parametrize("path", ui_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_text_repeats_a_known_mistake(path: Path) -> None:
    found = [hit for text in string_constants(path) for hit in find_mistakes(text)]
    assert found == []


@pytest.mark.parametrize("path", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda p: p.stem)
def test_pages_take_their_fixed_texts_from_one_module(path: Path) -> None:
    """A page holds no sentence of its own: titles, introductions, captions and labels come
    from `dashboard/texts/<page>.py` (keys, URL parameters and nouns for notices excepted)."""
    assert (ROOT / "dashboard" / "texts" / path.name).is_file()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = {
        id(kw.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg in {"key", "param", "what", "width", "icon"}
    }
    docstring = tree.body[0].value if isinstance(tree.body[0], ast.Expr) else None
    sentences = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node is not docstring
        and id(node) not in allowed
        and re.search(r"[A-Za-z]{3,} [a-z]{3,}", node.value)
    ]
    assert sentences == []
