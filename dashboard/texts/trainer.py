"""The fixed Dutch texts of Trainer (app_pages/trainer.py): the trainer's side, built in
workshop/trainer_view.py, and the verdict labels of its results (workshop/results.py)."""

from dashboard import formatting

TITLE = "Trainer"

# starting a session
NO_WORKSHOPS = "Er staan geen workshops in de map workshops/."
WORKSHOP = "Workshop"
START = "Sessie starten"
SESSION_REFUSED = "Deze sessie kan niet worden geopend. Start een nieuwe sessie."

# the session
JOIN_INSTRUCTION = "Deelnemers openen de pagina **Workshop** in Kompas en typen deze code:"
KEEP_ADDRESS = (
    "Bewaar het adres van deze pagina: daarmee opent u de sessie opnieuw. Deel het niet, want "
    "het bevat uw sleutel. De sessie verloopt na een dag."
)
SESSION_ENDED = "Deze sessie is beëindigd. Deelnemers kunnen niet meer antwoorden."
GROUP = "Waar is de groep?"
OWN_PACE = "Eigen tempo"
GROUP_HELP = (
    "Kies een stap om iedereen daarheen te brengen, of laat iedereen in eigen tempo werken."
)
GROUP_MARKER = " ← groep"
SHOW_LARGE = "Groot tonen"
NO_ANSWERS = "Nog geen antwoorden."
ANSWER_COUNT_AXIS = "aantal antwoorden"
BACK = "Terug naar het overzicht"
DOWNLOAD = "Antwoorden downloaden (CSV, zonder namen)"
END = "Sessie beëindigen"
GOAL = "Doel"
PARTICIPANTS = "Deelnemers"

# how answers are judged (shown on the page and written in the CSV)
GOOD = "goed"
NOT_GOOD = "niet goed"
UNCHECKED = "niet te controleren"


def unreadable_file(error: str) -> str:
    """A workshop file that could not be read (the error escaped by the caller)."""
    return f"Workshopbestand niet te lezen: {error}"


def step_count(count: int) -> str:
    return formatting.count_noun(count, "stap", "stappen")


def step_label(number: int, title: str) -> str:
    return f"Stap {number}: {title}"


def answer_count(count: int) -> str:
    return formatting.count_noun(count, "antwoord", "antwoorden")


def correctness(good: int, not_good: int, unchecked: int) -> str:
    return f"Goed: **{good}** · niet goed: **{not_good}** · niet te controleren: **{unchecked}**"
