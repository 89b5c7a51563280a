"""Synthetic inzet figures for the demo's verzuim templates: per gemeente and school year the
optional columns of `etl.sources.verzuim_inzet` (closed figures; never in the warehouse).

Orders of magnitude (demo, not measured): a leerplichtambtenaar per 1.800 to 3.200 leerplichtigen,
RMC staff per 4.500 to 8.000; verzuimmeldingen 1,1 to 1,4 per pupil with a 16-uur, luxe or
signaal melding (a pupil can have several); a median of 3 to 20 days to first action; geoorloofd
verzuim 5 to 20 per 1.000 leerplichtigen. Every gemeente keeps its own level over the years (its
caseload, speed and rates are drawn once), with a little noise per year. Some fill in nothing
(the columns are optional), some keep RMC staff elsewhere, and some register no geoorloofd
verzuim: those cells are empty.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from etl.demo.figures import VerzuimYear
from etl.sources import verzuim_inzet

#: Shares of gemeenten that leave all inzet empty, that leave fte RMC empty, that register
#: geoorloofd verzuim.
NO_INZET, NO_RMC, REGISTERS_GEOORLOOFD = 0.15, 0.30, 0.60
_MELDING_COLUMNS = (
    "relatief_verzuim_16_uur",
    "relatief_verzuim_luxe",
    "relatief_verzuim_signaal_overig",
)


@dataclass(frozen=True)
class _Gemeente:
    """A gemeente's persistent inzet levels."""

    takes_part: bool
    has_rmc: bool
    registers_geoorloofd: bool
    per_fte_leerplicht: float
    per_fte_rmc: float
    meldingen_per_pupil: float
    doorlooptijd: float
    geoorloofd_per_1000: float


def _levels(codes: list[str], rng: np.random.Generator) -> dict[str, _Gemeente]:
    return {
        code: _Gemeente(
            takes_part=bool(rng.random() >= NO_INZET),
            has_rmc=bool(rng.random() >= NO_RMC),
            registers_geoorloofd=bool(rng.random() < REGISTERS_GEOORLOOFD),
            per_fte_leerplicht=float(rng.uniform(1800, 3200)),
            per_fte_rmc=float(rng.uniform(4500, 8000)),
            meldingen_per_pupil=float(rng.uniform(1.1, 1.4)),
            doorlooptijd=float(rng.uniform(3, 20)),
            geoorloofd_per_1000=float(rng.uniform(5, 20)),
        )
        for code in codes
    }


def inzet_values(
    years: list[VerzuimYear], rng: np.random.Generator
) -> dict[tuple[int, str], list[float | int | None]]:
    """Per (school year start, gemeente code) the values of `verzuim_inzet.NAMES` (None =
    empty cell): fte with 2 decimals, the doorlooptijd with 1, counts whole."""
    codes = sorted({code for year in years for code in year.codes})
    levels = _levels(codes, rng)
    values: dict[tuple[int, str], list[float | int | None]] = {}
    for year in years:
        for i, code in enumerate(year.codes):
            level = levels[code]
            if not level.takes_part:
                values[(year.start, code)] = [None] * len(verzuim_inzet.NAMES)
                continue
            leerplichtigen = int(year.columns["leerplichtigen"][i])
            pupils = sum(max(int(year.columns[c][i]), 0) for c in _MELDING_COLUMNS)
            noise = rng.normal(1, 0.05, size=4)
            meldingen = int(round(pupils * level.meldingen_per_pupil * noise[0]))
            values[(year.start, code)] = [
                max(round(leerplichtigen / level.per_fte_leerplicht * noise[1], 2), 0.1),
                round(leerplichtigen / level.per_fte_rmc * noise[2], 2) if level.has_rmc else None,
                meldingen,
                round(level.doorlooptijd * noise[3], 1) if meldingen else None,
                int(rng.poisson(leerplichtigen * level.geoorloofd_per_1000 / 1000))
                if level.registers_geoorloofd
                else None,
            ]
    return values
