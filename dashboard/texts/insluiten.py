"""The fixed Dutch texts of the embedding page (app_pages/insluiten.py) and of the "Insluiten"
button on Regioprofiel and Vergelijken (dashboard/embed.py)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.formatting import join_dutch

# weergave (URL value) -> what the reader sees
VIEWS = {"kerncijfers": "Kerncijfers", "trend": "Ontwikkeling", "kaart": "Kaart"}
MORE = "Meer in Kompas"
DEMO = "**DEMO** (verzonnen cijfers)"
NO_REGION = (
    "Dit venster is bedoeld voor een website, maar de link noemt geen regio. Maak de code met "
    "de knop Insluiten op Regioprofiel of Vergelijken."
)
NEW_CODE = "Maak een nieuwe code met de knop Insluiten op Regioprofiel of Vergelijken."
NO_FIGURE = "Voor deze indicator zijn er geen cijfers van deze regio."

BUTTON = "Insluiten"
BUTTON_HELP = "Zet deze cijfers op uw eigen website, bijvoorbeeld die van uw gemeente."
VIEW = "Weergave"
REGION = "Regio"
INDICATOR = "Indicator"
CODE_INTRO = "Kopieer deze code en plak hem in de HTML van uw webpagina:"
CODE_NOTE = (
    "De cijfers in het venster zijn altijd de nieuwste van Kompas. Breedte en hoogte (in "
    "pixels) mag u aanpassen."
)
CHOOSE_FOCUS = "Kies eerst een focusregio: het venster toont de cijfers van één regio."


def frame_title(region: str, indicator: str, view: str) -> str:
    """The iframe's title attribute: what a screen reader announces for the frame."""
    return f"Kompas: {indicator}, {region} ({view.lower()})"


def heading_line(indicator: str, school_year: str) -> str:
    return f"{indicator}, schooljaar {school_year}"


def national_line(school_year: str, value: str) -> str:
    return f"Nederland {school_year}: {value}"


def source_line(producer: str, licence: str) -> str:
    return f"Bron: {producer}, licentie {licence}"


def map_alt(
    area: str, label: str, school_year: str, outlined: str | None, absent: Sequence[str] = ()
) -> str:
    """Short description of the map for screen readers (`absent`: the gemeenten without
    opgave, grey too)."""
    where = f"de RMC-regio van {area}" if outlined else area
    grey = f"te klein aantal, of geen opgave: {join_dutch(absent)}" if absent else "te klein aantal"
    text = (
        f"Kaart van de gemeenten in {where}, gekleurd naar {label} in {school_year}: hoe "
        f"donkerder, hoe hoger. Grijs: geen cijfer ({grey})."
    )
    return text + (f" Dik omlijnd: {outlined}." if outlined else "")


def no_opgave(name: str) -> str:
    """Under a figure never sent (instead of the legend of the privacy labels)."""
    return f"Geen opgave: {name} gaf voor dit schooljaar geen cijfer op (dat is geen 0)."
