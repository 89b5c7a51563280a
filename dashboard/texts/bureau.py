"""The fixed Dutch texts of the bureau's page (app_pages/bureau.py, built in
dashboard/bureau_view.py): the login, the response of the uitvraag and closing the round."""

TITLE = "Het bureau: de uitvraag"

# configuration and login
NOT_CONFIGURED = (
    "De bureaupagina is nog niet ingesteld. Maak een wachtwoord met "
    "`python -m etl uitvraag bureau-hash --generate >> .streamlit/secrets.toml` en herstart "
    "Kompas. In de README staat hoe dat werkt (Het bureau)."
)
MISCONFIGURED = (
    "De bureaupagina is niet goed ingesteld: het wachtwoord in .streamlit/secrets.toml is geen "
    "geldige wachtwoordhash. Maak een nieuwe met `python -m etl uitvraag bureau-hash` en herstart "
    "Kompas."
)
LOGIN_INTRO = "Deze pagina is alleen voor het landelijk bureau."
PASSWORD = "Wachtwoord"
LOG_IN = "Inloggen"
REFUSED = "Dit wachtwoord is niet juist."
LOG_OUT = "Uitloggen"

# the round
NO_ROUND = (
    "Er is nog geen uitvraag geopend. Open er een met `python -m etl uitvraag open` (zie de "
    "README)."
)
ROUND_OPEN = "Uitvraag schooljaar {school_year}, geopend op {opened}."
ROUND_CLOSED = "Uitvraag schooljaar {school_year}, gesloten op {closed} als versie '{vintage}'."
STATE_LABELS = {
    "nog niet": "Nog niet ingeleverd",
    "open vragen": "Open vragen",
    "ingediend": "Ingediend, niet vergeleken",
    "gecontroleerd": "Gecontroleerd",
}
STATES_EXPLAINED = (
    "**Gecontroleerd**: ingeleverd, vergeleken met de cijfers van vorig jaar en elke vraag over "
    "een opvallende verandering beantwoord (of geen vraag). **Open vragen**: ingeleverd, maar "
    "nog niet elke vraag beantwoord. **Ingediend, niet vergeleken**: ingeleverd toen er geen "
    "cijfers van vorig jaar waren om mee te vergelijken. **Nog niet ingeleverd**: geen "
    "goedgekeurde opgave."
)

# response per organisation
ORGANISATIONS_HEADER = "Respons per organisatie"
COL_ORGANISATION = "Organisatie"
COL_EMAIL = "E-mail"
COL_GEMEENTEN = "Gemeenten"
COL_STATE = "Status"
COL_RECEIVED = "Laatste opgave"
COL_OPEN = "Open vragen"

# response rate
RATES_HEADER = "Respons per RMC-regio en in Nederland"
RATES_INTRO = (
    "Gemeenten: hoeveel gemeenten van de uitvraag in een goedgekeurde opgave staan. "
    "Organisaties: hoeveel organisaties met een gemeente in de regio hebben ingeleverd."
)
COL_REGION = "Regio"
COL_GEMEENTEN_TOTAL = "Gemeenten in de uitvraag"
COL_GEMEENTEN_DONE = "Gemeenten ingeleverd"
COL_GEMEENTEN_PCT = "Gemeenten (%)"
COL_ORGS_TOTAL = "Organisaties"
COL_ORGS_DONE = "Organisaties ingeleverd"
COL_ORGS_PCT = "Organisaties (%)"

# reminders
REMINDERS_HEADER = "Herinneren"
REMINDERS_COUNT = "{count} om te herinneren: nog niet ingeleverd of nog open vragen."
REMINDERS_NONE = (
    "Niemand hoeft een herinnering: iedereen heeft ingeleverd en geen vraag staat open."
)
REMINDERS_DOWNLOAD = "Lijst om te herinneren downloaden (CSV met e-mailadressen)"
REMINDERS_FILE = "herinneren_{school_year}.csv"

# open plausibility questions
FLAGS_HEADER = "Open vragen over opvallende veranderingen"
FLAGS_NONE = "Er staan geen vragen open."
COL_FLAG_GEMEENTE = "Gemeente"
COL_FLAG_FIGURE = "Cijfer"
COL_FLAG_KIND = "Vergeleken met"
#: How each kind of plausibility question compared (etl.uitvraag.plausibility's kinds).
FLAG_KINDS = {
    "vorig_jaar": "eigen cijfer vorig jaar",
    "vergelijkbare_gemeenten": "vergelijkbare gemeenten vorig jaar (bij hun mediaan)",
}
COL_FLAG_PREVIOUS = "Ter vergelijking"
COL_FLAG_VALUE = "Dit jaar"
COL_FLAG_QUESTION = "Vraag"

# closing
CLOSE_HEADER = "Ronde sluiten"
CLOSE_INTRO = (
    "Sluiten legt de cijfers vast onder een versienaam. Daarna kan niemand meer inleveren en "
    "verlopen alle links. Dit kan niet ongedaan worden gemaakt."
)
VINTAGE = "Naam van de versie"
VINTAGE_DEFAULT = "{school_year}-definitief"
CLOSE = "Ronde sluiten…"
CONFIRM_QUESTION = (
    "Weet u het zeker? De uitvraag {school_year} wordt gesloten als versie '{vintage}'. "
    "Nog niet ingeleverd: {missing} van de {total} organisaties."
)
CONFIRM = "Ja, sluiten"
CANCEL = "Annuleren"
NAME_MISSING = "Geef de versie een naam."
CLOSED = "De uitvraag is gesloten als versie '{vintage}'."
REBUILD_HINT = (
    "Het magazijn uit deze versie bouwen (dezelfde versie geeft elke keer hetzelfde magazijn):"
)
