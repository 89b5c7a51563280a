"""The fixed Dutch texts of the embedding page (app_pages/insluiten.py) and of the "Insluiten"
button on Regioprofiel and Vergelijken (dashboard/embed.py)."""

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


def map_alt(area: str, label: str, school_year: str, outlined: str | None) -> str:
    """Short description of the map for screen readers."""
    where = f"de RMC-regio van {area}" if outlined else area
    text = (
        f"Kaart van de gemeenten in {where}, gekleurd naar {label} in {school_year}: hoe "
        "donkerder, hoe hoger. Grijs: geen cijfer (te klein aantal)."
    )
    return text + (f" Dik omlijnd: {outlined}." if outlined else "")
