"""Demo population as the entity sets of CBS 03759ned "Bevolking op 1 januari; geslacht, leeftijd
en regio".

The `Leeftijd` dimension lists CBS's real, irregular codes (`10000` Totaal, `10010` 0 jaar, `10100`
1 jaar, ..., `19901` 100 jaar, open groups `22000` and `22300`); data rows carry the total, the
single years 0-25 and the overlapping open group 95 jaar of ouder. `RegioS` keys are padded to 6
characters as in this table (`NL01  `, `PV20  `, `GM0014`); a gemeente has rows only for the
years it existed.
"""

from __future__ import annotations

import numpy as np

from etl.demo.odata import Row, data_properties, dimension_row, table_info, topic
from etl.demo.population import AGES, Population
from etl.demo.structure import DemoStructure, Gemeente

TABLE = "03759ned"
KEY_WIDTH = 6
TOTAL_SEX = "T001038"
TOTAL_MARITAL = "T001019"
TOTAL_AGE = "10000"
OLD_AGE_GROUP = "22000"  # 95 jaar of ouder
OLD_AGE_SHARE = 0.0031


def age_code(age: int) -> str:
    """CBS `Leeftijd` key of a single year of age (irregular: 0 -> 10010, 1 -> 10100, ...)."""
    if age == 0:
        return "10010"
    if age < 100:
        return str(10000 + 100 * age)
    return str(19900 + age - 99)


def leeftijd_rows() -> list[Row]:
    """The full `Leeftijd` dimension as CBS publishes it."""
    rows = [dimension_row(TOTAL_AGE, "Totaal", 5)]
    rows += [dimension_row(age_code(a), f"{a} jaar", 5) for a in range(105)]
    rows += [dimension_row(OLD_AGE_GROUP, "95 jaar of ouder", 5)]
    rows += [dimension_row("22300", "105 jaar of ouder", 5)]
    return rows


def entity_sets(
    structure: DemoStructure, homes: dict[str, Gemeente], pop: Population, title_prefix: str
) -> dict[str, list[Row]]:
    """All 03759ned entity sets as row lists."""
    gm_codes = sorted({c for y in pop.years for c in pop.slices[y].codes})
    pv_codes = sorted(structure.provincie_titles)
    regions = [("NL01", "Nederland (fictief land)" if structure.fictional else "Nederland")]
    regions += [(pv, structure.provincie_titles[pv]) for pv in pv_codes]
    regions += [(f"GM{c}", structure.names[c]) for c in gm_codes]
    age_keys = [TOTAL_AGE] + [age_code(int(a)) for a in AGES] + [OLD_AGE_GROUP]

    values: dict[tuple[str, int], np.ndarray] = {}  # (region, year) -> value per age key
    for year in pop.years:
        sl = pop.slices[year]
        per_code = np.column_stack(
            [
                pop.totals[year],
                pop.ages[year],
                np.rint(pop.totals[year] * OLD_AGE_SHARE).astype(np.int64),
            ]
        )
        pv_index = np.array([pv_codes.index(homes[c].provincie_code) for c in sl.codes])
        for p, pv in enumerate(pv_codes):
            values[(pv, year)] = per_code[pv_index == p].sum(axis=0)
        values[("NL01", year)] = per_code.sum(axis=0)
        for i, code in enumerate(sl.codes):
            values[(f"GM{code}", year)] = per_code[i]

    data: list[Row] = []
    for a, age_key in enumerate(age_keys):
        for key, _ in regions:
            for year in pop.years:
                vals = values.get((key, year))
                if vals is None:
                    continue  # the gemeente did not exist on that 1 January
                data.append(
                    {
                        "ID": len(data),
                        "Geslacht": TOTAL_SEX,
                        "Leeftijd": age_key,
                        "BurgerlijkeStaat": TOTAL_MARITAL,
                        "RegioS": key.ljust(KEY_WIDTH),
                        "Perioden": f"{year}JJ00",
                        "BevolkingOp1Januari_1": int(vals[a]),
                    }
                )
    first, last = min(pop.years), max(pop.years)
    return {
        "TableInfos": [
            table_info(
                TABLE,
                f"{title_prefix}: Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio",
                "Bevolking; geslacht, leeftijd, regio",
                f"{first} - {last}",
                "Synthetische bevolking op 1 januari naar leeftijd en regio (Kompas demo).",
            )
        ],
        "DataProperties": data_properties(
            [
                ("Dimension", "Geslacht", "Geslacht"),
                ("Dimension", "Leeftijd", "Leeftijd"),
                ("Dimension", "BurgerlijkeStaat", "Burgerlijke staat"),
                ("GeoDimension", "RegioS", "Regio's"),
                ("TimeDimension", "Perioden", "Perioden"),
            ],
            [topic("BevolkingOp1Januari_1", "Bevolking op 1 januari", "aantal", 0)],
        ),
        "Geslacht": [dimension_row(TOTAL_SEX, "Totaal mannen en vrouwen", 7)],
        "Leeftijd": leeftijd_rows(),
        "BurgerlijkeStaat": [dimension_row(TOTAL_MARITAL, "Totaal burgerlijke staat", 7)],
        "RegioS": [dimension_row(key, title, KEY_WIDTH) for key, title in regions],
        "Perioden": [dimension_row(f"{y}JJ00", str(y), 8, Status="Definitief") for y in pop.years],
        "TypedDataSet": data,
    }
