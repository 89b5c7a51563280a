"""Workshop files: the shipped ones parse and link to real pages; a malformed file gives a Dutch
message naming file, line and field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from etl.paths import REPO_ROOT
from workshop import spec
from workshop.parser import WorkshopFileError, load_workshops, parse_file

GOOD = """---
titel: Proef
doel: Iets leren.
doelgroep: testers
---

## Eerste stap

Open Overzicht.

link: /vergelijken?indicator=vsv_pct&focus={regio}
feit: vsv_pct 2023-2024
vraag: Hoeveel?
soort: getal
antwoord: verschil
tolerantie: 0,2

### Uitleg

Je regio ligt {verschil}, {oordeel}.

## Tweede stap

Kies.

vraag: Welke?
soort: meerkeuze
keuzes: a | b | c
antwoord: b

### Uitleg

Zo zit het.
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "proef.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_gives_every_field(tmp_path: Path) -> None:
    workshop = parse_file(_write(tmp_path, GOOD))
    assert (workshop.key, workshop.title, workshop.goal, workshop.audience) == (
        "proef",
        "Proef",
        "Iets leren.",
        "testers",
    )
    first, second = workshop.steps
    assert first.number == 1 and first.line == 7 and first.title == "Eerste stap"
    assert first.instruction == "Open Overzicht."
    assert first.link == "/vergelijken?indicator=vsv_pct&focus={regio}"
    assert first.fact == spec.FactSpec("vsv_pct", "2023-2024")
    assert first.question == spec.Question("Hoeveel?", spec.NUMBER, (), "verschil", 0.2)
    assert first.explanation == "Je regio ligt {verschil}, {oordeel}."
    assert second.question == spec.Question("Welke?", spec.MULTIPLE_CHOICE, ("a", "b", "c"), "b")
    assert second.fact is None and second.link == ""


CASES = [
    # (replace this, with that, line, field, words in the message)
    ("---\ntitel: Proef", "titel: Proef", 1, "", "begint niet met '---'"),
    ("doelgroep: testers\n", "", 4, "doelgroep", "ontbreekt in de kop"),
    ("doel: Iets leren.", "doel: Iets leren.\nkleur: rood", 4, "kleur", "onbekend veld"),
    (
        "## Eerste stap\n\nOpen Overzicht.\n",
        "## Eerste stap\n\n",
        7,
        "instructie",
        "geen instructie",
    ),
    ("vraag: Hoeveel?\n", "", 7, "vraag", "ontbreekt"),
    ("soort: getal", "soort: essay", 14, "soort", "'essay' is geen meerkeuze, getal, open"),
    ("tolerantie: 0,2", "tolerantie: ruim", 16, "tolerantie", "'ruim' is geen getal"),
    ("tolerantie: 0,2", "tolerantie: 0,2\ntolerantie: 1", 17, "tolerantie", "twee keer"),
    ("antwoord: verschil", "antwoord: 3,4", 15, "antwoord", "het getal komt uit de cijfers"),
    ("feit: vsv_pct 2023-2024", "feit: vsv_pct vorig jaar", 12, "feit", "geen '<indicator>"),
    ("feit: vsv_pct 2023-2024", "feit: vsv_pct 2023", 12, "feit", "schooljaar '2023'"),
    ("feit: vsv_pct 2023-2024\n", "", 14, "antwoord", "heeft een 'feit' nodig"),
    ("focus={regio}", "focus={gemeente}", 11, "link", "onbekende waarde '{gemeente}'"),
    ("link: /vergelijken", "link: https://elders.nl/vergelijken", 11, "link", "geen Kompas-adres"),
    ("link: /vergelijken", "link: //elders.nl/vergelijken", 11, "link", "geen Kompas-adres"),
    ("{verschil}, {oordeel}", "{verschil} {aantal}", 18, "uitleg", "onbekende waarde '{aantal}'"),
    ("soort: getal", "sort: getal", 14, "sort", "onbekend veld"),
    ("keuzes: a | b | c", "keuzes: a", 28, "keuzes", "minstens twee keuzes"),
    ("antwoord: b", "antwoord: d", 29, "antwoord", "'d' is niet een van de keuzes"),
    (
        "keuzes: a | b | c\nantwoord: b",
        "keuzes: a | b\nantwoord: oordeel",
        28,
        "keuzes",
        "precies drie",
    ),
    ("\n### Uitleg\n\nZo zit het.\n", "\n", 22, "uitleg", "geen '### Uitleg'"),
    ("\n## Eerste stap", "\nLos.\n## Eerste stap", 7, "", "tekst vóór de eerste stap"),
    ("Zo zit het.", "Zo zit het {waarde}.", 31, "uitleg", "geen 'feit'"),
]


@pytest.mark.parametrize(("old", "new", "line", "field", "words"), CASES)
def test_a_malformed_file_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, field: str, words: str
) -> None:
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(WorkshopFileError) as raised:
        parse_file(path)
    error = raised.value
    assert (error.path, error.line, error.field_name) == (path, line, field)
    assert str(error).startswith(f"proef.md, regel {line}")
    assert (f"veld '{field}'" in str(error)) == bool(field)
    assert words in str(error)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "proef.md"
    path.write_bytes(GOOD.replace("Proef", "Pr\xf6ef").encode("latin-1"))
    with pytest.raises(WorkshopFileError, match="proef.md, regel 1: het bestand is geen UTF-8"):
        parse_file(path)


def _page_paths() -> set[str]:
    app = (REPO_ROOT / "app.py").read_text(encoding="utf-8")
    return set(re.findall(r'\("app_pages/[a-z_]+\.py", "[^"]+", "([a-z-]*)"\)', app))


def test_the_shipped_workshops_parse_and_link_to_pages_of_the_app() -> None:
    workshops = load_workshops(REPO_ROOT / "workshops")
    assert {"je-eigen-regio-duiden", "cijfers-voor-de-gemeenteraad"} <= set(workshops)
    pages = _page_paths()
    assert {"", "vergelijken", "regioprofiel", "patronen", "tabellen-en-export"} <= pages
    for workshop in workshops.values():
        for step in workshop.steps:
            if step.link:
                assert step.link[1:].split("?")[0] in pages, (workshop.key, step.number)


def test_the_regional_workshop_walks_through_the_views_and_ends_with_reflection() -> None:
    workshop = load_workshops(REPO_ROOT / "workshops")["je-eigen-regio-duiden"]
    assert 8 <= len(workshop.steps) <= 12
    visited = {step.link[1:].split("?")[0] for step in workshop.steps if step.link}
    assert visited == {"", "vergelijken", "regioprofiel", "patronen", "tabellen-en-export"}
    assert any(step.question.answer == spec.VERDICT for step in workshop.steps)
    assert workshop.steps[-1].question.kind == spec.OPEN
    council = load_workshops(REPO_ROOT / "workshops")["cijfers-voor-de-gemeenteraad"]
    assert len(council.steps) < len(workshop.steps)
