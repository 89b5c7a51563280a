"""The fixed Dutch texts of Over de cijfers (app_pages/over_de_cijfers.py)."""

TITLE = "Over de cijfers"
INTRO = (
    "Wat de indicatoren meten, waar de cijfers vandaan komen, hoe Kompas ermee rekent en hoe "
    "dit cijferbestand is gemaakt."
)
DEMO = "Waarom dit demogegevens zijn"
INDICATORS = "Indicatoren"
SMALL_COUNTS = "Kleine aantallen"
METHODS = "Hoe Kompas rekent"
EXPECTED = "Verwacht versus werkelijk"
EXPECTED_VIEW = "Over de cijfers: de modellen voor verwacht versus werkelijk"
SOURCES = "Bronnen"
SOURCES_VIEW = "Over de cijfers: de bronnen"
BUILD = "Dit cijferbestand"
CHECKS = "**Controles bij het bouwen**"
CHECKS_VIEW = "Over de cijfers: de controles bij het bouwen"
TECHNICAL = "Controles met hun technische naam (voor beheerders)"
TECHNICAL_VIEW = "Over de cijfers: de controles met hun technische naam"
FILES = "Gelezen bestanden (met controlegetal)"
FILES_VIEW = "Over de cijfers: de gelezen bestanden"
SUBMISSIONS = "Opgaven uit de uitvraag"
SUBMISSIONS_VIEW = "Over de cijfers: de opgaven uit de uitvraag die dit magazijn gebruikt"
NO_SUBMISSIONS = (
    "Dit magazijn gebruikt geen opgaven uit de uitvraag: alle verzuimcijfers komen uit het "
    "ingevulde sjabloon."
)


def submissions_used(count: int) -> str:
    """The sentence above the table of submissions a build used."""
    what = "1 opgave" if count == 1 else f"{count} opgaven"
    return (
        f"Dit magazijn gebruikt {what} uit de uitvraag van het landelijk bureau. Voor de "
        "gemeenten en schooljaren in een opgave vervangt die het ingevulde sjabloon; het "
        "controlegetal (SHA-256) is dat van het bestand zoals het bij het bureau binnenkwam."
    )


NONRESPONSE = "Ontbrekende gemeenten: schattingen en respons"
NONRESPONSE_TEXT = """\
Niet elke gemeente levert elk jaar haar verzuimcijfers aan. Een gemeente zonder cijfer staat
overal als **geen opgave**: nooit als 0, want 0 zou betekenen dat er geen verzuim was.

Ontbreken er gemeenten, dan is het totaal van een RMC-regio, provincie of Nederland een
**schatting**. Kompas rekent dan zo:

1. Per RMC-regio (en als een RMC-regio over een provinciegrens loopt: per deel in elke
   provincie) telt Kompas het verzuim op van de gemeenten die wel een cijfer gaven.
2. Dat aantal wordt opgehoogd naar de hele RMC-regio, naar verhouding van het aantal inwoners
   van 5 tot en met 17 jaar (CBS). Voorbeeld: wonen er in de gemeenten met een cijfer 75 van
   de 100 jongeren van de regio, en telden die gemeenten 30 verzuimers, dan is de schatting
   30 × 100 / 75 = 40. Zo neemt Kompas aan dat verzuim in de ontbrekende gemeenten even vaak
   voorkomt als in de rest van hun RMC-regio.
3. Een provincie en Nederland zijn de som van die geschatte delen. Gaf in een RMC-regio geen
   enkele gemeente een cijfer, dan krijgt die regio zelf geen cijfer (geen opgave); voor de
   provincie en Nederland telt dat deel mee naar verhouding van de gemeenten met een cijfer in
   dezelfde provincie.

Een geschat cijfer staat er altijd met **geschat** en de **respons** naast: bijvoorbeeld
"geschat; respons 4 van 6 gemeenten (67 %)". De respons is het aandeel gemeenten van de regio
dat een cijfer gaf; in de downloads staat ook welk deel van de jongeren van 5 tot en met 17
jaar die gemeenten samen hebben. Hoe lager de respons, hoe onzekerder de schatting: als de
ontbrekende gemeenten juist meer of minder verzuim hebben, zit de schatting ernaast. Daarom
krijgt een schatting geen onzekerheidsmarge en geen oordeel ten opzichte van Nederland: een
marge zou alleen het toeval meten, niet die onzekerheid. Ook een schatting wordt afgeschermd
als ze onder de drempel voor kleine aantallen ligt, of als het aantal bij de gemeenten met een
cijfer daaronder ligt.
"""
