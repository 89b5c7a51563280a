"""The fixed Dutch texts of Overzicht (app_pages/overzicht.py)."""

TITLE = "Overzicht"
INTRO = (
    "De landelijke cijfers over het nieuwste schooljaar, met de verandering ten opzichte van "
    "het schooljaar ervoor en het verloop over de jaren. Kies uw regio om die ernaast te zien; "
    "de andere pagina's nemen die keuze over."
)
