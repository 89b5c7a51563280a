"""The fixed Dutch texts of Workshop (app_pages/workshop.py): the participant's side, built in
workshop/participant_view.py, and the feedback after an answer (workshop/feedback.py)."""

TITLE = "Workshop"

# joining
JOIN_INTRO = "Typ de code die de trainer laat zien. Je hoeft geen naam op te geven."
CODE = "Code"
JOIN = "Meedoen"
JOIN_REFUSED = "Met deze code kun je niet meedoen. Kijk de code na, of vraag de trainer."
SESSION_GONE = "Deze sessie is afgelopen of bestaat niet meer."
SESSION_GONE_JOIN_AGAIN = f"{SESSION_GONE} Doe opnieuw mee met een code."
SESSION_ENDED = "De sessie is afgelopen. Bedankt voor het meedoen!"

# the own region
REGION_HEADER = "Kies je eigen regio"
REGION_INTRO = (
    "De opdrachten gaan over je eigen gemeente, RMC-regio of provincie. De uitleg na elke "
    "vraag gebruikt de cijfers van die regio."
)
REGION = "Je regio"
REGION_PLACEHOLDER = "Typ om te zoeken"
NEXT = "Verder"
REGION_MISSING = "Kies eerst een regio."
OTHER_REGION = "Andere regio kiezen"

# a step
OPEN_PAGE = "Open de pagina in Kompas"
NUMBER_PLACEHOLDER = "een getal, bijvoorbeeld 0,4"
ANSWER = "Antwoord geven"
ANSWER_MISSING = "Geef eerst een antwoord."
YOUR_ANSWER = "Je antwoord"
NOT_A_NUMBER = "Dit is geen getal. Typ bijvoorbeeld 0,4 of -1,2."
EXPLANATION = "Uitleg"
TRAINER_LEADS = "De trainer bepaalt de stap. Wacht op de volgende stap."
PREVIOUS_STEP = "Vorige stap"
NEXT_STEP = "Volgende stap"
LAST_STEP = "Dit was de laatste stap."

# feedback on an answer
RIGHT = "Goed."
SAVED = "Dank je, je antwoord is opgeslagen."
HIDDEN = (
    "Dit cijfer is **niet gepubliceerd** voor je regio (te kleine aantallen). Je antwoord is "
    "daarom niet te controleren."
)
NO_FIGURE = "Voor je regio is hier geen cijfer om je antwoord mee te vergelijken."


def session_caption(workshop: str, code: str) -> str:
    """Above each step: which workshop and which session code (the title escaped by the caller)."""
    return f"Workshop: {workshop} · code {code}"


def step_header(number: int, total: int, title: str) -> str:
    return f"Stap {number} van {total}: {title}"


def late_answer_saved(step: int) -> str:
    """The answer arrived after the trainer moved the group on; it is kept for its own step."""
    return f"Je antwoord op stap {step} is bewaard."


def wrong(right: str) -> str:
    return f"Niet helemaal: het goede antwoord is **{right}**."
