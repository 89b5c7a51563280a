"""The fixed Dutch texts of Patronen (app_pages/patronen.py)."""

TITLE = "Patronen"
SCATTER = "Samenhang tussen twee indicatoren"
X_AXIS = "Indicator op de x-as"
Y_AXIS = "Indicator op de y-as"
SCHOOL_YEAR = "Schooljaar"
HEATMAP = "Regio's door de jaren heen"
INDICATOR = "Indicator"
WHICH_REGIONS = "Welke regio's"
HEATMAP_NOTE = " Grijs: geen cijfer. Een * achter het schooljaar: voorlopig."
CHANGES = "Grootste veranderingen"
YEAR_FROM = "Van schooljaar"
YEAR_TO = "Tot schooljaar"
HOW_MANY = "Aantal regio's"
YEARS_REVERSED = "Kies bij 'Van schooljaar' een eerder jaar dan bij 'Tot schooljaar'."
CHANGES_NOTE = (
    " Oranjerood en doorgetrokken: gestegen; blauw en gestreept: gedaald. De streepjes om "
    "elk punt zijn 95%-intervallen: overlappen ze sterk, dan kan de verandering toeval zijn."
)


def scatter_alt(level_name: str, year: str) -> str:
    return (
        f"Spreidingsdiagram: elke stip is een {level_name} in {year}. Grootte van de "
        "stip: de noemer van de y-as (hoe groter de populatie, hoe betrouwbaarder het cijfer). "
        "Kleur en vorm: provincie. Stippellijn: de geschatte lijn."
    )


def trend_break(breaks: str) -> str:
    return (
        f"Tussen deze jaren zit een trendbreuk ({breaks}): een deel van de verandering kan "
        "komen door een andere manier van tellen."
    )
