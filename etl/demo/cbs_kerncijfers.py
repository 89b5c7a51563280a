"""Demo structural characteristics as the entity sets of CBS 70072ned "Regionale kerncijfers
Nederland", with a known effect on the demo's vsv and verzuim counts.

Per atom (gemeente of 2016): a land area (density rises with size) and a bijstand rate, the
number of people with bijstand below the AOW age per 1.000 inhabitants. The bijstand rate is
`BIJSTAND_MEAN + own / BIJSTAND_EFFECT`, where `own` is the atom's own part of the vsv log-risk
drawn by `etl.demo.figures`. So, by construction, the vsv log-rate rises by exactly
`BIJSTAND_EFFECT` per bijstand-ontvanger per 1.000 inhabitants, other things equal; verzuim
risk carries 0.4 times `own` (`figures._risks`), an effect of `VERZUIM_BIJSTAND_EFFECT`. The
counts themselves are not changed by this module: the characteristic is read off the risk, so
every other demo figure stays as it was.

Written as CBS publishes: `RegioS` keys padded to 6 characters, periods `2024JJ00`, numbered
measure keys, a few measures Kompas does not use (`Mannen_2`, `Vrouwen_3`), and the newest year
without bijstand figures (CBS fills the newest year later; the pipeline then uses the year
before).
"""

from __future__ import annotations

import numpy as np

from etl.demo.odata import Row, data_properties, dimension_row, table_info, topic
from etl.demo.population import Population
from etl.demo.structure import DemoStructure

TABLE = "70072ned"
KEY_WIDTH = 6
#: vsv log-rate per bijstand-ontvanger per 1.000 inhabitants (the known effect).
BIJSTAND_EFFECT = 0.025
#: verzuim log-rate per bijstand-ontvanger per 1.000 inhabitants (0.4 x the vsv effect).
VERZUIM_BIJSTAND_EFFECT = 0.4 * BIJSTAND_EFFECT
BIJSTAND_MEAN = 28.0
BIJSTAND_MIN = 1.0
MALE_SHARE = 0.497
KEYS = {
    "total": "TotaleBevolking_1",
    "male": "Mannen_2",
    "female": "Vrouwen_3",
    "age_15_19": "k_15Tot20Jaar_7",
    "age_20_24": "k_20Tot25Jaar_8",
    "density": "Bevolkingsdichtheid_57",
    "bijstand": "BijstandTotDeAOWLeeftijd_158",
}


def bijstand_rates(own: np.ndarray) -> np.ndarray:
    """Bijstand per 1.000 inhabitants per atom, carrying the known effect (see module doc)."""
    return np.maximum(BIJSTAND_MEAN + own / BIJSTAND_EFFECT, BIJSTAND_MIN)


def _land_areas(pop: Population, rng: np.random.Generator) -> np.ndarray:
    """Land area (km²) per atom: density lognormal around 500, higher in larger places."""
    size = pop.atom_total[pop.years.index(2020)]
    log_density = (
        np.log(500) + 0.8 * (np.log(size) - np.log(24_000)) + rng.normal(0, 0.45, len(size))
    )
    return size / np.exp(log_density)


def entity_sets(
    structure: DemoStructure,
    pop: Population,
    own: np.ndarray,
    rng: np.random.Generator,
    title_prefix: str,
) -> dict[str, list[Row]]:
    """All 70072ned entity sets as row lists (data rows for gemeenten, as `fetch` filters)."""
    area = _land_areas(pop, rng)
    bijstand = bijstand_rates(own)
    newest = max(pop.years)
    data: list[Row] = []
    codes: set[str] = set()
    for k, year in enumerate(pop.years):
        sl = pop.slices[year]
        totals = pop.totals[year]
        ages = pop.ages[year]
        areas = sl.weights @ area
        recipients = np.rint(sl.weights @ (pop.atom_total[k] * bijstand / 1000)).astype(np.int64)
        for i, code in enumerate(sl.codes):
            codes.add(code)
            male = int(round(int(totals[i]) * MALE_SHARE))
            data.append(
                {
                    "ID": len(data),
                    "RegioS": f"GM{code}".ljust(KEY_WIDTH),
                    "Perioden": f"{year}JJ00",
                    KEYS["total"]: int(totals[i]),
                    KEYS["male"]: male,
                    KEYS["female"]: int(totals[i]) - male,
                    KEYS["age_15_19"]: int(ages[i, 15:20].sum()),
                    KEYS["age_20_24"]: int(ages[i, 20:25].sum()),
                    KEYS["density"]: int(round(float(totals[i]) / areas[i])),
                    KEYS["bijstand"]: None if year == newest else int(recipients[i]),
                }
            )
    regions = [("NL01", "Nederland (fictief land)" if structure.fictional else "Nederland")]
    regions += sorted(structure.provincie_titles.items())
    regions += [(f"GM{c}", structure.names[c]) for c in sorted(codes)]
    first = min(pop.years)
    topics = [
        topic(KEYS["total"], "Totale bevolking", "aantal", 0),
        topic(KEYS["male"], "Mannen", "aantal", 0),
        topic(KEYS["female"], "Vrouwen", "aantal", 0),
        topic(KEYS["age_15_19"], "15 tot 20 jaar", "aantal", 0),
        topic(KEYS["age_20_24"], "20 tot 25 jaar", "aantal", 0),
        topic(KEYS["density"], "Bevolkingsdichtheid", "aantal inwoners per km²", 0),
        topic(KEYS["bijstand"], "Bijstand tot de AOW-leeftijd", "aantal", 0),
    ]
    return {
        "TableInfos": [
            table_info(
                TABLE,
                f"{title_prefix}: Regionale kerncijfers Nederland",
                "Regionale kerncijfers",
                f"{first} - {newest}",
                "Synthetische kerncijfers per gemeente (Kompas demo).",
            )
        ],
        "DataProperties": data_properties(
            [("GeoDimension", "RegioS", "Regio's"), ("TimeDimension", "Perioden", "Perioden")],
            topics,
        ),
        "RegioS": [dimension_row(key, title, KEY_WIDTH) for key, title in regions],
        "Perioden": [dimension_row(f"{y}JJ00", str(y), 8, Status="Definitief") for y in pop.years],
        "TypedDataSet": data,
    }
