"""The fixed Dutch texts of Tabellen en export (app_pages/tabellen_export.py)."""

TITLE = "Tabellen en export"
INTRO = (
    "Stel een tabel samen en neem hem mee als CSV (voor Excel: puntkomma en decimale komma) "
    "of als Excel-bestand. Elk bestand bevat een verantwoording: bron en licentie, datum van "
    "ophalen en van de build, definities, de gekozen selectie en de regel voor kleine aantallen."
)
INDICATORS = "Indicatoren"
INDICATORS_PLACEHOLDER = "Kies een of meer indicatoren"
LEVEL = "Niveau"
REGIONS = "Regio's (leeg = alle)"
YEARS = "Schooljaren"
YEARS_PLACEHOLDER = "Kies een of meer schooljaren"
CHOOSE = "Kies minstens één indicator en één schooljaar om een tabel te zien."
DOWNLOAD_CSV = "Download als CSV (Excel, puntkomma)"
DOWNLOAD_XLSX = "Download als Excel-bestand (XLSX)"
FILES_NOTE = (
    "De CSV begint met regels die met # beginnen: dat is de verantwoording. In Excel staan "
    "ze bovenaan; de tabel begint na de lege regel. In het Excel-bestand staat de "
    "verantwoording op het tabblad 'Verantwoording'."
)

OCW_TITLE = "Tabellenset voor OCW"
OCW_INTRO = (
    "De vaste, genummerde tabellen die het bureau aan het ministerie van OCW stuurt: Nederland, "
    "RMC-regio's, provincies, gemeenten en de respons, in één Excel-bestand. Kleine aantallen "
    "zijn afgeschermd zoals overal in Kompas; elk tabblad zegt bovenaan wat erin staat, de "
    "bron, de stand van de cijfers en wat <5 en x betekenen. De verantwoording (PDF) hoort "
    "erbij: methode, respons, afscherming van kleine aantallen en definities."
)
DOWNLOAD_OCW = "Download tabellenset OCW (XLSX)"
DOWNLOAD_OCW_PDF = "Download verantwoording tabellenset OCW (PDF)"


def regions_placeholder(plural: str) -> str:
    return f"Alle {plural}"


def table_caption(rows: int, legend: str, threshold: int) -> str:
    return (
        f"{rows} rijen. * voorlopig cijfer (kan nog veranderen). {legend} "
        f"Bij <{threshold} en x is geen waarde of interval getoond. '–': geen cijfer gepubliceerd."
    )
