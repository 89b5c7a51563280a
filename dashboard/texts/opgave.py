"""The fixed Dutch texts of the member page (app_pages/opgave.py, built in
dashboard/opgave_view.py): the personal link of the uitvraag, downloading the prefilled template,
handing in a file or a typed table, the member's figures beside the regio and Nederland, and
the questions about large changes."""

TITLE = "Cijfers inleveren"

# who and what
ROUND = "Uitvraag schooljaar {school_year} voor {organisation}."
GEMEENTEN = "Uw gemeenten: {gemeenten}."
INTRO = (
    "Lever de verzuimcijfers van uw gemeenten in: download het sjabloon, vul het in en lever het "
    "in, of typ de cijfers hieronder in de tabel. Kompas controleert de cijfers meteen, op "
    "dezelfde manier als bij het bouwen van het magazijn. Alleen u en het landelijk bureau zien "
    "uw opgave."
)

# step 1: the template
TEMPLATE_HEADER = "1. Sjabloon downloaden"
TEMPLATE_INTRO = (
    "Het sjabloon staat al klaar met uw gemeenten en schooljaar {school_year}. De **cijfers erin "
    "zijn die van vorig jaar** (geel gemarkeerd): vervang ze door de cijfers van dit jaar. De "
    "kolom status is leeg: vul per gemeente *voorlopig* of *definitief* in. Een sjabloon dat u "
    "ongewijzigd terugstuurt, wordt daarom niet aanvaard."
)
TEMPLATE_NO_LAST_YEAR = (
    "Het sjabloon staat al klaar met uw gemeenten en schooljaar {school_year}. Er zijn geen "
    "cijfers van vorig jaar in Kompas om alvast in te vullen. Vul per gemeente de cijfers en de "
    "status (*voorlopig* of *definitief*) in."
)
TEMPLATE_DOWNLOAD = "Sjabloon downloaden (Excel)"
TEMPLATE_FILE = "verzuim_{school_year}_{organisation_id}.xlsx"
#: The first sheet of the downloaded template.
TEMPLATE_NOTICE = [
    "Verzuimsjabloon schooljaar {school_year} voor {organisation}",
    "LET OP: de cijfers op het blad 'verzuim' zijn die van VORIG JAAR (schooljaar {last_year}), "
    "geel gemarkeerd. Vervang ze door de cijfers van schooljaar {school_year}.",
    "Vul in de kolom status per gemeente 'voorlopig' of 'definitief' in. Die kolom is leeg, "
    "zodat een ongewijzigd teruggestuurd sjabloon niet wordt aanvaard.",
    "Laat een cijfer dat u niet weet leeg: een lege cel betekent 'niet opgegeven', niet 0.",
    "Wat er in elke kolom hoort, staat in de opmerking bij de kolomnaam op het blad 'verzuim'.",
    "Lever het bestand in via uw persoonlijke link (.xlsx of .csv).",
]

# step 2: handing in
SUBMIT_HEADER = "2. Inleveren"
TAB_FILE = "Bestand inleveren"
TAB_TABLE = "Cijfers intypen"
UPLOAD = "Ingevuld sjabloon (.xlsx of .csv, hoogstens {megabytes} MB)"
UPLOAD_BUTTON = "Bestand controleren en inleveren"
UPLOAD_MISSING = "Kies eerst een bestand."
TABLE_INTRO = (
    "Typ de cijfers van dit jaar in de tabel: één rij per gemeente. De tabel begint met de "
    "cijfers van vorig jaar; kies bij status *voorlopig* of *definitief*. Laat een cijfer dat u "
    "niet weet leeg."
)
TABLE_BUTTON = "Controleren en inleveren"
#: The file name a typed table is stored and checked under.
TABLE_FILE = "ingetypte-cijfers.csv"
TABLE_ROWS = (
    "De regelnummers tellen zoals in een bestand: regel 1 is de kopregel, regel 2 is de eerste "
    "rij van de tabel, regel 3 de tweede, enzovoort."
)
REFUSED = (
    "Uw opgave is niet aanvaard: er is niets overgenomen. Verbeter het bestand en lever het "
    "opnieuw in. Wat er niet klopt:"
)
REFUSED_TABLE = (
    "Uw opgave is niet aanvaard: er is niets overgenomen. Verbeter de cijfers in de tabel en lever "
    "ze opnieuw in. Wat er niet klopt:"
)
ACCEPTED = "Uw opgave is ontvangen en aanvaard: {gemeenten}. Controlegetal (sha256): {sha256}."

# the submission in force
IN_FORCE_HEADER = "3. Uw opgave"
NOTHING_YET = "U hebt voor deze uitvraag nog geen opgave ingeleverd."
IN_FORCE = (
    "Geldende opgave: ontvangen op {received}, bestand {file_name}. Een nieuwe opgave vervangt "
    "deze helemaal; tot de uitvraag sluit kunt u opnieuw inleveren."
)
OWN_FIGURES = "Uw ingeleverde cijfers"
COL_GEMEENTE = "Gemeente"

# reflection
REFLECTION_HEADER = "4. Uw cijfers naast de regio en Nederland"
REFLECTION_INTRO = (
    "Uw cijfers van schooljaar {school_year} als de indicatoren die Kompas toont, opgeteld over "
    "uw gemeenten: **per 1.000 inwoners van 5 tot en met 17 jaar**, met dezelfde noemer als in "
    "het magazijn. Ernaast de gepubliceerde cijfers van {regions} in het nieuwste schooljaar in "
    "Kompas, **{reference_year}**. Kijk of uw cijfers in de buurt liggen; een groot verschil kan "
    "kloppen, maar is een reden om het nog eens na te gaan."
)
REFLECTION_NO_REFERENCE = (
    "Kompas heeft nog geen gepubliceerde verzuimcijfers om mee te vergelijken."
)
COL_INDICATOR = "Indicator"
COL_OWN = "Uw opgave {school_year}"
REFLECTION_HIDDEN = "Een verborgen cijfer blijft verborgen. {legend}"

# questions
QUESTIONS_HEADER = "5. Vragen over opvallende veranderingen"
QUESTIONS_INTRO = (
    "Kompas vergelijkt elk cijfer met vorig jaar. Bij een grote verandering vragen we of het "
    "klopt. Klopt het, bevestig het dan met een korte toelichting; die wordt bij het cijfer "
    "bewaard. Klopt het niet, verbeter het cijfer en lever opnieuw in. Niets wordt geweigerd "
    "omdat het opvalt."
)
QUESTIONS_NONE = "Geen opvallende veranderingen ten opzichte van vorig jaar."
QUESTIONS_NOT_COMPARED = (
    "Uw opgave is niet met vorig jaar vergeleken: Kompas heeft geen cijfers van vorig jaar voor "
    "uw gemeenten. Er zijn dus geen vragen."
)
EXPLANATION = "Toelichting: waarom klopt dit cijfer?"
EXPLANATION_PLACEHOLDER = "Bijvoorbeeld: nieuwe wijk opgeleverd, telling herzien"
CONFIRM = "Klopt, bevestigen"
CORRECT_HINT = "Klopt het niet? Verbeter het cijfer en lever opnieuw in (stap 2)."
CONFIRMED = "Bevestigd: {explanation}"
OPEN_COUNT = "Nog {count} van de {total} vragen open."
ALL_DONE = (
    "Klaar: uw opgave is aanvaard en elke vraag is beantwoord. U hoeft niets meer te doen; tot de "
    "uitvraag sluit kunt u nog een nieuwe opgave inleveren."
)
SUBMITTED_DONE = (
    "Klaar: uw opgave is aanvaard. U hoeft niets meer te doen; tot de uitvraag sluit kunt u nog "
    "een nieuwe opgave inleveren."
)
