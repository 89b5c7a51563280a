"""The fixed Dutch texts of Regioprofiel (app_pages/regioprofiel.py)."""

from dashboard.texts import verdicts

TITLE = "Regioprofiel"
REGION = "Regio"
REGION_HELP = "Een RMC-regio of een gemeente. Typ om te zoeken."
SUMMARY = "Wat valt op"
TRENDS_CAPTION = (
    "Oranjerode doorgetrokken lijn: de regio; blauwe stippellijn: Nederland. De banden zijn "
    "95%-intervallen: hoe breder, hoe onzekerder. Open rondje en \\* achter het schooljaar: "
    "voorlopig cijfer, dat nog kan veranderen. Grijze verticale streepjeslijn: trendbreuk (de "
    "cijfers ervoor en erna zijn niet goed vergelijkbaar)."
)
INDICATOR = "Indicator"
SCHOOL_YEAR = "Schooljaar"


def gemeente_caption(rmc: str, provincie: str) -> str:
    return f"Gemeente in RMC-regio {rmc}, provincie {provincie}."


def rmc_caption(provincie: str) -> str:
    return f"RMC-regio in provincie {provincie}."


def no_figures(name: str) -> str:
    return f"Er zijn geen cijfers voor {name}."


def trends_header(name: str) -> str:
    return f"{name} tegen Nederland, alle schooljaren"


def members_header(name: str) -> str:
    return f"Gemeenten in {name}"


def members_view(name: str, indicator: str, year: str) -> str:
    """What the gemeenten table's download holds (named in its verantwoording)."""
    return f"Regioprofiel, gemeenten in {name}: {indicator}, {year}"


def footer(legend: str, threshold: int) -> str:
    """Under the page: the small-count labels, the dash and the verdict column."""
    return (
        f"{legend} Bij <{threshold} en x is geen waarde of interval getoond. "
        f"'–': geen cijfer gepubliceerd. {verdicts.explanation()}"
    )


EXPECTED_FUNNEL_FOR = "Trechterdiagram van werkelijk / verwacht voor"
RATIO_LABEL = "werkelijk / verwacht"
RATIO_DENOMINATOR = "verwacht aantal (logaritmische schaal)"
RATIO_CENTRE = "zoals verwacht (1,00)"
RATIO_SIZE_WORD = "verwacht"


def expected_header(school_year: str) -> str:
    return f"Verwacht versus werkelijk, {school_year}"


def expected_view(name: str, school_year: str) -> str:
    return f"Regioprofiel {name}: verwacht versus werkelijk, {school_year}"
