"""The fictional country of the demo: invented gemeenten, RMC-regio's, provincies and a map.

Seven columns by six rows of gemeenten (42 at the boundary year) in three provincies of two RMC
regions each. Codes are 9xxx (never used by CBS). One merger of three gemeenten into a new code on
1 January 2021 and one gemeente absorbed by its neighbour on 1 January 2023 give the pipeline real
work. Names were checked against every Dutch place, gemeente and region name in the publishers'
files (see tests); none is real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from etl.demo.geography import Grid, polygon
from etl.demo.structure import BOUNDARY_YEAR_FICTIONAL, Change, DemoStructure, Gemeente

COLS, ROWS = 7, 6

# (PV code, name, first column, last column). Codes follow the pipeline's rule for provincie
# names that are not one of the twelve: PV90 upwards in alphabetical order of the name.
PROVINCIES = (
    ("PV92", "Wadmark", 0, 1),
    ("PV91", "Slenkland", 2, 4),
    ("PV90", "Esgeest", 5, 6),
)

GEMEENTE_NAMES = (
    "Brakveen",
    "Velderwijk",
    "Zilmond",
    "Kwelhorst",
    "Strandloo",
    "Hovelrade",
    "Dorrebroek",
    "Linsterdam",
    "Wepperdijk",
    "Tassemeer",
    "Molrade",
    "Havermond",
    "Ruimhoven",
    "Bramstede",
    "Kolkerveen",
    "Stobbenwijk",
    "Heiderloo",
    "Ganzerdijk",
    "Lisserhorst",
    "Wadderwolde",
    "Esmerhoven",
    "Plasserdam",
    "Zwinkelrade",
    "Ruggeloo",
    "Dekkerveen",
    "Voorstwolde",
    "Brinkmond",
    "Keverhorst",
    "Tolderwijk",
    "Zandewolde",
    "Slenkerbroek",
    "Kreekstede",
    "Vennewolde",
    "Gorsmond",
    "Haarderbroek",
    "Ossewolde",
    "Welderhoven",
    "Rietmond",
    "Dijkerwolde",
    "Klaverstede",
    "Turfwijk",
)  # 41 cells; the 42nd holds the merger of 2021
MERGED_NAMES = ("Berkenrade", "Wilgerloo", "Nevelhorst")  # -> the 2021 merger
ABSORBED_NAME = "Zoutewijk"  # -> absorbed in 2023
MERGER_NEW_NAME = "Stormhoven"

MERGER_CELL = (3, 2)  # the new gemeente of 2021 sits in the middle of Slenkland
ABSORBING_CELL = (5, 4)
ISLAND_CELL = (0, 5)  # north-west corner gets an island
MERGER_DATE = date(2021, 1, 1)
ABSORB_DATE = date(2023, 1, 1)


@dataclass(frozen=True)
class FictionalCountry:
    """Structure plus the map and the address rows that stand for it."""

    structure: DemoStructure
    geometries: dict[str, dict[str, Any]]


def _cell_code(col: int, row: int) -> str:
    return f"9{col + 1:01d}{row + 1:02d}"


def build(rng: np.random.Generator) -> FictionalCountry:
    """Draw the fictional country (geometry jitter comes from `rng`; names and codes are fixed)."""
    grid = Grid(COLS, ROWS, rng)
    names = iter(GEMEENTE_NAMES)
    gemeenten: list[Gemeente] = []
    geometries: dict[str, dict[str, Any]] = {}
    for p, (pv_code, pv_name, first, last) in enumerate(PROVINCIES):
        for col in range(first, last + 1):
            for row in range(ROWS):
                half = "Zuid" if row < ROWS // 2 else "Noord"
                rmc_no = 51 + 2 * p + (0 if half == "Zuid" else 1)
                code = "9900" if (col, row) == MERGER_CELL else _cell_code(col, row)
                name = MERGER_NEW_NAME if (col, row) == MERGER_CELL else next(names)
                gemeenten.append(
                    Gemeente(code, name, f"{rmc_no:02d}", f"{pv_name} {half}", pv_code, pv_name)
                )
                rings = [grid.cell(col, row)]
                if (col, row) == ISLAND_CELL:
                    rings.append(grid.island_off(col, row, rng))
                geometries[code] = polygon(rings)
    absorber = _cell_code(*ABSORBING_CELL)
    merged_codes = ("9801", "9802", "9803")
    changes = [Change(old, "9900", MERGER_DATE, 1.0) for old in merged_codes]
    changes.append(Change("9804", absorber, ABSORB_DATE, 1.0))
    all_names = {g.code: g.name for g in gemeenten}
    all_names.update(dict(zip(merged_codes, MERGED_NAMES, strict=True)))
    all_names["9804"] = ABSORBED_NAME
    structure = DemoStructure(
        gemeenten=tuple(sorted(gemeenten, key=lambda g: g.code)),
        changes=tuple(changes),
        created={"9900": MERGER_DATE},
        names=all_names,
        boundary_year=BOUNDARY_YEAR_FICTIONAL,
        fictional=True,
        provincie_titles={code: name for code, name, _, _ in PROVINCIES},
        landsdelen=(
            ("LD91", "Noordzijde (fictief)", ("PV92", "PV91")),
            ("LD92", "Zuidzijde (fictief)", ("PV90",)),
        ),
    )
    return FictionalCountry(structure, geometries)


_STREETS = ("Dorpsstraat", "Kerkweg", "Schoolstraat", "Molenweg", "Veldlaan", "Dijkstraat")
_SCHOOLS = ("De Kwelder", "Het Veld", "De Wadloper", "’t Brinkje", "De Zandloper", "Klavertje")
_DENOMINATIES = ("Openbaar", "Rooms-Katholiek", "Protestants-Christelijk", "Algemeen bijzonder")


def duo_rows(structure: DemoStructure, rng: np.random.Generator) -> list[list[str]]:
    """School-address rows in DUO's 31 columns (blanks are a single space), 1-6 per gemeente.

    Like the real file, one row has a blank GEMEENTENAAM and school names contain a cp1252-only
    character (’).
    """
    rows: list[list[str]] = []
    for g in structure.gemeenten:
        for k in range(int(rng.integers(1, 7))):
            inst = f"9{chr(65 + len(rows) // 26 % 26)}{chr(65 + len(rows) % 26)}{k}"
            street = f"{_STREETS[int(rng.integers(len(_STREETS)))]}"
            number = str(int(rng.integers(1, 120)))
            postcode = f"{9000 + int(g.code[1:]) % 1000:04d} {chr(65 + k)}{chr(75 + k)}"
            place = g.name.upper()
            school = f"Basisschool {_SCHOOLS[int(rng.integers(len(_SCHOOLS)))]}"
            half = g.rmc_name.split()[-1]
            rows.append(
                [
                    g.provincie_name,
                    str(40000 + len(rows)),
                    inst,
                    inst + "00",
                    school,
                    street,
                    number,
                    postcode,
                    place,
                    g.code,
                    g.name.upper() if len(rows) != 7 else " ",
                    _DENOMINATIES[int(rng.integers(len(_DENOMINATIES)))],
                    f"05{int(rng.integers(10_000_000, 99_999_999))}" if k % 2 == 0 else " ",
                    " ",
                    street,
                    number,
                    postcode,
                    place,
                    " ",
                    " ",
                    " ",
                    " ",
                    " ",
                    " ",
                    f"9{g.provincie_code[-1]}",
                    f"{g.provincie_name} {half}",
                    " ",
                    " ",
                    g.rmc_code,
                    g.rmc_name,
                    "Noord" if g.provincie_code != "PV90" else "Zuid",
                ]
            )
    return rows


def tabel33_rows(structure: DemoStructure) -> list[list[str]]:
    """Tabel 33 rows (5 fields) for every fictional code, plus RvIG's two special codes."""
    ended = {c.old: c for c in structure.changes}
    rows = [["0000", "Onbekend", "", "", ""]]
    for code in sorted(structure.names):
        start = structure.created.get(code)
        if code in ended:
            change = ended[code]
            end = change.effective.strftime("%Y%m%d")
            rows.append([code, structure.names[code], change.new, "", end])
        else:
            rows.append(
                [code, structure.names[code], "", start.strftime("%Y%m%d") if start else "", ""]
            )
    rows.append(["1999", "Registratie Niet Ingezetenen (RNI)", "", "", ""])
    return sorted(rows, key=lambda row: row[0])
