"""The fixed Dutch texts of the OCW verantwoording (ocw/verantwoording.py) that no page or table
already says; the rest is reused from the pages' texts, the table notes and the exports."""

from __future__ import annotations

TITLE = "Verantwoording bij de tabellenset voor OCW"
DEMO_MARK = "DEMO"
DEMO_HEADER = "verzonnen cijfers, niet gebruiken als echte cijfers"
INTRO = (
    "Dit document hoort bij de tabellenset die het landelijk bureau aan het ministerie van OCW "
    "stuurt. Het zegt waar de cijfers vandaan komen, wat de indicatoren meten, hoe Kompas "
    "rekent, hoeveel gemeenten hun verzuimcijfers gaven en hoe kleine aantallen zijn "
    "afgeschermd. Alles hieronder komt uit hetzelfde magazijn als de tabellen."
)
PAGE = "Pagina"
OF = "van"  # Pagina 1 van 3

TABLES = "De tabellen"
TABLES_NOTE = (
    "In één Excel-bestand ({workbook}, met een tabblad per tabel en het tabblad Inhoud) en als "
    "CSV-bestand per tabel (tabel_1.csv enzovoort). Elke tabel zegt bovenaan wat erin staat, de "
    "stand en de bron."
)
TABLE_HEADER = ("Tabel", "Inhoud")

YEARS = "Schooljaren, status en respons"
YEARS_HEADER = (
    "Schooljaar",
    "Status",
    "Gemeenten met verzuimcijfers",
    "Respons (%)",
    "Inwoners 5-17 jaar gedekt (%)",
)
YEARS_NOTE = (
    "Respons: de gemeenten in Nederland die dat schooljaar verzuimcijfers gaven, van alle "
    "gemeenten in de indeling, en het deel van de inwoners van 5 tot en met 17 jaar dat in die "
    "gemeenten woont (dezelfde cijfers als Tabel 5). '–': voor dat schooljaar zijn er geen "
    "verzuimcijfers in het magazijn."
)
INCOMPLETE = "RMC-regio's met ontbrekende gemeenten"
INCOMPLETE_HEADER = ("Schooljaar", "RMC-regio (gemeenten met verzuimcijfers)")
COMPLETE = "In elk schooljaar gaven alle gemeenten van elke RMC-regio verzuimcijfers."

DEFINITIONS = "Indicatoren"
NUMERATOR = "Teller"
DENOMINATOR = "Noemer"
UNIT = "Eenheid en interval"
SOURCE = "Bron"

METHOD = "Hoe de cijfers tot stand komen"
SOURCES_NOTE = "Bronnen en licenties:"
HARMONISATION = (
    "**Eén gemeentelijke indeling.** Alle schooljaren zijn omgerekend naar de gemeentelijke "
    "indeling van {boundary_year}: samengevoegde en opgeheven gemeenten tellen mee bij hun "
    "opvolger (RvIG Tabel 33), zodat elke gemeente, RMC-regio en provincie in elk schooljaar "
    "dezelfde gemeenten omvat."
)
NONRESPONSE = "Ontbrekende gemeenten: schattingen"

SUPPRESSION = "Kleine aantallen"


def threshold_text(threshold: int) -> str:
    """The threshold in one sentence."""
    return (
        f"**Drempel: {threshold}.** Een aantal kleiner dan {threshold} staat nergens in de "
        "tabellen, en ook geen waarde of interval dat erop rust."
    )


AUDIT_PASSED = (
    "**Uitkomst van de controle bij dit magazijn: geslaagd.** Een magazijn waarin een verborgen "
    "aantal nauwer terug te rekenen is dan zijn label zegt, wordt niet gebouwd."
)
CHECKS = "Overige controles bij het bouwen:"
