"""Demo vsv figures as CBS 84780NED "Voortijdig schoolverlaters; geslacht, woonregio" entity sets.

Gemeente counts are rounded to tens as CBS does; RMC, provincie, landsdeel, size-class and
national rows are summed from the *unrounded* gemeente counts and then rounded, so they differ from
the sum of the published gemeente rows by rounding. Percentages come from unrounded counts, one
decimal. Region keys are padded to 8 characters like CBS's `Regiokenmerken`. The region dimension
lists every gemeente of any period; data rows exist only for periods in which the gemeente existed
(a very small gemeente gets `null` vsv figures).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from etl.demo.figures import VsvYear
from etl.demo.odata import Row, data_properties, dimension_row, table_info, topic
from etl.demo.population import Population
from etl.demo.structure import DemoStructure, Gemeente

TABLE = "84780NED"
KEY_WIDTH = 8
TOTAL_SEX = "T001038"
SMALL_LEERLINGEN = 100  # CBS-like: no vsv figures for a gemeente with fewer leerlingen
SIZE_CLASSES = (  # (key, title, lower bound inclusive, upper bound exclusive)
    ("GG01", "Gemeenten met minder dan 20 000 inwoners", 0, 20_000),
    ("GG02", "Gemeenten met 20 000 tot 50 000 inwoners", 20_000, 50_000),
    ("GG03", "Gemeenten met 50 000 tot 100 000 inwoners", 50_000, 100_000),
    ("GG04", "Gemeenten met 100 000 of meer inwoners", 100_000, 10**9),
)
GROUPS = {"NL": 1, "LD": 2, "PV": 3, "GM": 4, "MC": 5, "GG": 6}


def round_tens(x: np.ndarray) -> np.ndarray:
    """Round half up to a multiple of ten, as CBS publishes counts."""
    return (np.floor(np.asarray(x, dtype=float) / 10 + 0.5) * 10).astype(np.int64)


def school_year_title(start: int) -> str:
    """`2023/'24` as CBS titles a school year."""
    return f"{start}/'{(start + 1) % 100:02d}"


def _regions(structure: DemoStructure, gm_codes: Iterable[str]) -> list[tuple[str, str]]:
    rmc = sorted({(g.rmc_code, g.rmc_name) for g in structure.gemeenten})
    pv = sorted(structure.provincie_titles.items())
    out = [("NL01", "Nederland (fictief land)" if structure.fictional else "Nederland")]
    out += [(code, title) for code, title, _ in structure.landsdelen]
    out += pv
    out += [(f"GM{c}", structure.names[c]) for c in sorted(gm_codes)]
    out += [(f"MC{code}", name) for code, name in rmc]
    out += [(key, title) for key, title, _, _ in SIZE_CLASSES]
    return out


def entity_sets(
    structure: DemoStructure,
    homes: dict[str, Gemeente],
    vsv_years: list[VsvYear],
    pop: Population,
    title_prefix: str,
) -> dict[str, list[Row]]:
    """All 84780NED entity sets as row lists."""
    gm_codes = sorted({c for y in vsv_years for c in y.codes})
    regions = _regions(structure, gm_codes)
    starts = [y.start for y in vsv_years]
    newest = max(starts)

    sums: dict[tuple[str, int], tuple[float, float]] = {}
    published: dict[tuple[str, int], tuple[int | None, int | None, int | None, float | None]] = {}
    ld_of_pv = {pv: ld for ld, _, pvs in structure.landsdelen for pv in pvs}
    for y in vsv_years:
        totals = pop.totals[y.start + 1]
        for i, code in enumerate(y.codes):
            home = homes[code]
            size_key = next(k for k, _, lo, hi in SIZE_CLASSES if lo <= totals[i] < hi)
            for key in (
                "NL01",
                ld_of_pv[home.provincie_code],
                home.provincie_code,
                f"MC{home.rmc_code}",
                size_key,
            ):
                lo_, vo_ = sums.get((key, y.start), (0.0, 0.0))
                sums[(key, y.start)] = (lo_ + y.leerlingen[i], vo_ + y.vsv[i])
            sums[(f"GM{code}", y.start)] = (float(y.leerlingen[i]), float(y.vsv[i]))
    for (key, start), (lln, vsv) in sums.items():
        lln_r = int(round_tens(np.array([lln]))[0])
        if key.startswith("GM") and lln < SMALL_LEERLINGEN:
            published[(key, start)] = (lln_r, None, None, None)
            continue
        vsv_r, niet_r = (int(v) for v in round_tens(np.array([vsv, lln - vsv])))
        published[(key, start)] = (lln_r, vsv_r, niet_r, round(100 * vsv / lln, 1))

    data: list[Row] = []
    for key, _ in regions:
        for start in starts:
            if (key, start) not in published:
                continue  # the gemeente did not exist in that school year's indeling
            lln_p, vsv_p, niet_p, pct = published[(key, start)]
            data.append(
                {
                    "ID": len(data),
                    "Geslacht": TOTAL_SEX,
                    "Regiokenmerken": key.ljust(KEY_WIDTH),
                    "Perioden": f"{start}SJ00",
                    "Leerlingen_1": lln_p,
                    "VoortijdigSchoolverlaters_2": vsv_p,
                    "NietVoortijdigSchoolverlaters_3": niet_p,
                    "VoortijdigSchoolverlatersPercentage_4": pct,
                }
            )
    first, last = min(starts), newest
    return {
        "TableInfos": [
            table_info(
                TABLE,
                f"{title_prefix}: Voortijdig schoolverlaters; geslacht, woonregio",
                "Voortijdig schoolverlaters; woonregio",
                f"{school_year_title(first)} - {school_year_title(last)}",
                "Synthetische voortijdig schoolverlaters naar woonregio (Kompas demo).",
            )
        ],
        "DataProperties": data_properties(
            [
                ("Dimension", "Geslacht", "Geslacht"),
                ("GeoDimension", "Regiokenmerken", "Regiokenmerken"),
                ("TimeDimension", "Perioden", "Perioden"),
            ],
            [
                topic("Leerlingen_1", "Leerlingen", "aantal", 0),
                topic("VoortijdigSchoolverlaters_2", "Voortijdig schoolverlaters", "aantal", 0),
                topic(
                    "NietVoortijdigSchoolverlaters_3",
                    "Niet-voortijdig schoolverlaters",
                    "aantal",
                    0,
                ),
                topic(
                    "VoortijdigSchoolverlatersPercentage_4",
                    "Voortijdig schoolverlaters (percentage)",
                    "%",
                    1,
                    "Double",
                ),
            ],
        ),
        "Geslacht": [dimension_row(TOTAL_SEX, "Totaal mannen en vrouwen", 7)],
        "Regiokenmerken": [
            dimension_row(key, title, KEY_WIDTH, CategoryGroupID=GROUPS[key[:2]])
            for key, title in regions
        ],
        "Perioden": [
            dimension_row(
                f"{s}SJ00",
                school_year_title(s) + ("*" if s == newest else ""),
                8,
                Status="Voorlopig" if s == newest else "Definitief",
            )
            for s in starts
        ],
        "TypedDataSet": data,
    }
