"""The fixed Dutch texts of the inzet figures (dashboard/inzet_view.py): the section on the
bureau's page (app_pages/bureau.py) and the comparison on a member's own page."""

# column labels, by the column of `etl.uitvraag.inzet.COLUMNS`
COL_ORGANISATION = "Organisatie"
LABELS = {
    "gemeenten": "Gemeenten",
    "leerplichtigen": "Leerplichtigen",
    "fte_leerplicht": "Fte leerplicht",
    "fte_rmc": "Fte RMC",
    "verzuimmeldingen": "Verzuimmeldingen",
    "doorlooptijd_dagen": "Doorlooptijd (dagen, gewogen mediaan)",
    "geoorloofd_verzuim": "Geoorloofd verzuim",
    "leerplichtigen_per_fte": "Leerplichtigen per fte leerplicht",
    "meldingen_per_fte": "Meldingen per fte leerplicht",
    "meldingen_per_1000": "Meldingen per 1.000 leerplichtigen",
    "geoorloofd_per_1000": "Geoorloofd verzuim per 1.000 leerplichtigen",
}
EXPLAINED = (
    "Fte, meldingen en geoorloofd verzuim zijn opgeteld over de gemeenten van de organisatie "
    "(de ingevulde cellen). De doorlooptijd is het gemiddelde van de medianen van de gemeenten, "
    "gewogen naar hun aantal meldingen: niet de mediaan van alle meldingen. Een verhouding "
    "ontbreekt (–) als een deel ervan niet is ingevuld."
)
UNREADABLE = "De inzetcijfers konden niet worden gelezen uit de opgaven."

# the bureau's page
BUREAU_HEADER = "Inzet (alleen voor deelnemers en het bureau)"
BUREAU_INTRO = (
    "De inzetcijfers uit de opgaven die nu gelden: formatie, meldingen, doorlooptijd en "
    "geoorloofd verzuim per organisatie, met verhoudingen die organisaties van verschillende "
    "grootte vergelijkbaar maken. Ze staan nooit in het magazijn, in publicaties of in "
    "downloads van de openbare pagina's."
)
BUREAU_NONE = "Nog geen organisatie heeft inzetcijfers ingeleverd."
BUREAU_COUNT = "{count} van de {total} organisaties met een opgave leverden inzetcijfers in."
BUREAU_DOWNLOAD = "Inzetcijfers downloaden (CSV)"
BUREAU_FILE = "inzet_{school_year}.csv"

# a member's own page
MEMBER_HEADER = "6. Uw inzet naast die van de andere deelnemers"  # step 6 of the member page
MEMBER_INTRO = (
    "De organisaties die in deze uitvraag inzetcijfers inleverden, met hun naam. Alleen "
    "deelnemers zien dit; het staat nooit op de openbare pagina's."
)
MEMBER_NOT_TAKING_PART = (
    "U ziet hier de inzet van de andere deelnemers zodra uw organisatie zelf inzetcijfers "
    "inlevert: vul in het sjabloon de kolommen fte_leerplicht tot en met geoorloofd_verzuim in "
    "en lever het opnieuw in."
)
MEMBER_ALONE = "Nog geen andere organisatie heeft inzetcijfers ingeleverd."
OWN_SUFFIX = " (uw organisatie)"
MEDIAN = "Mediaan van alle deelnemers ({count})"
