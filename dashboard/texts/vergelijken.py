"""The fixed Dutch texts of Vergelijken (app_pages/vergelijken.py)."""

TITLE = "Vergelijken"
INTRO = (
    "Vergelijk gemeenten, RMC-regio's of provincies met elkaar en met Nederland. Het "
    "trechterdiagram laat zien of een verschil groter is dan toeval."
)
NO_FOCUS_FOR_AREA = (
    "Kies eerst een focusregio: de vergelijking met dezelfde provincie of RMC-regio, of met "
    "vergelijkbare regio's, gaat uit van uw focusregio. We tonen nu alle regio's."
)
MAP = "**Kaart**"
MAP_NAMES_NOTE = " Namen die elkaar zouden overlappen staan alleen in de tabel en bij aanwijzen."
RANKING = "**Rangorde**"
CHOOSE_FOCUS = "Kies een focusregio om te zien waar die staat ten opzichte van het land."
RANKING_TABLE_NOTE = " De cijfers staan in de tabel onderaan."
FUNNEL = "**Trechterdiagram: verschil of toeval?**"
FUNNEL_TABLE_NOTE = " De cijfers staan in de tabel hieronder."
TABLE = "**Tabel**"
TABLE_CAPTION = (
    "Rang 1 = hoogste waarde binnen de vergelijking. Het 95%-interval is het Wilson-interval "
    "(percentages) of het exacte Poisson-interval (per 1.000). Teller <5: te klein om te tonen."
)


def table_view(label: str, year: str, set_text: str) -> str:
    """What the table's download holds (named in its verantwoording)."""
    return f"Vergelijken, {label}, {year}: {set_text}"


def peers_basis(count: int, characteristics_year: int) -> str:
    """What makes the vergelijkbare regio's similar (under "Waarom vergelijkbaar?" and in the
    regiorapport)."""
    return (
        f"Vergelijkbaar in structuur, niet in cijfers: de {count} regio's die het meest lijken in "
        "aantal inwoners, bevolkingsdichtheid, aandeel 15- tot 25-jarigen en bijstand (CBS, "
        f"Regionale kerncijfers, 1 januari {characteristics_year})."
    )
