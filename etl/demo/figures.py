"""Synthetic vsv and verzuim counts per gemeente and school year, drawn around expected values.

Every atom (gemeente of 2016) carries a persistent latent risk: a regional part shared within its
RMC-regio, an own part, an urban gradient and, for a few, a clear excess, so some gemeenten stand
out beyond funnel limits year after year. Expected counts are national rates (published orders
of magnitude, see VERZUIM_RATES) times the atom's denominators and risk, scaled so the national
rate hits the target; counts are then drawn per gemeente of the school year's indeling
(1 January of its second calendar year): binomial for vsv, overdispersed Poisson for verzuim,
so small gemeenten are noisy and show tiny counts.

Relatief verzuim is built the way the Leerplichttelling counts it: the pupils with a 16-uur
melding (not luxe), plus the luxe verzuim pupils whose absence passed 16 hours, minus the pupils
in both; so the total is never the plain sum of the two sub-counts. Thuiszitters are not in the
template (the pipeline derives them).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from etl.demo.population import Population
from etl.demo.structure import SCHOOL_YEAR_STARTS, DemoStructure, Indeling, home_of

# CBS-style vsv share (%) per school year start 2016..2024 *before* the trend break; from 2019-2020
# the landelijke definitie lowers the level by 10 %.
VSV_UNDERLYING_PCT = (2.24, 2.23, 2.40, 2.44, 2.53, 2.91, 3.08, 3.02, 2.94)
VSV_BREAK_YEAR = 2019
VSV_BREAK_FACTOR = 0.90
# Leerlingen (vo, mbo, vavo; 12-22) per inhabitant aged 12-22, giving ~1.35M falling to ~1.27M.
PARTICIPATION = (0.570, 0.570, 0.564, 0.562, 0.556, 0.550, 0.543, 0.541, 0.540)

# Verzuim per 1.000 inhabitants aged 5-17, per school year start 2016..2024. Orders of magnitude
# as published: absoluut verzuim about 2 to 5 per 1.000 (national Leerplichttelling counts of
# 4,500 rising to over 10,000), relatief verzuim (16-uur plus luxe over 16 hours) in the 20s per
# 1.000, langdurig relatief verzuim about 3,300-4,200 pupils, vrijstelling 5a about 5,700-7,400.
VERZUIM_RATES: dict[str, tuple[float, ...]] = {
    "absoluut_verzuim": (1.74, 1.72, 1.89, 2.12, 2.09, 3.90, 4.55, 4.75, 4.90),
    "relatief_verzuim_luxe": (5.4, 5.7, 6.0, 3.4, 3.2, 5.6, 6.5, 7.0, 7.3),
    "relatief_verzuim_signaal_overig": (6.0, 6.4, 7.0, 6.1, 6.6, 8.2, 9.5, 10.4, 11.0),
    "relatief_verzuim_16_uur": (24.0, 25.1, 26.0, 21.0, 22.3, 27.5, 28.6, 29.2, 28.8),
    "langdurig_relatief_verzuim": (1.56, 1.59, 1.49, 1.29, 1.27, 1.24, 1.30, 1.36, 1.42),
    "vrijstelling_5a": (2.18, 2.12, 2.29, 2.42, 2.69, 2.81, 2.88, 2.93, 2.97),
    "vrijstelling_5b": (0.14, 0.14, 0.15, 0.15, 0.16, 0.16, 0.17, 0.17, 0.18),
    "vrijstelling_5c": (0.62, 0.63, 0.65, 0.55, 0.52, 0.60, 0.66, 0.68, 0.70),
    "vrijstelling_15": (0.30, 0.31, 0.33, 0.34, 0.35, 0.36, 0.37, 0.38, 0.39),
    "vervangende_leerplicht_3a": (0.05, 0.05, 0.05, 0.05, 0.04, 0.04, 0.04, 0.04, 0.04),
    "vervangende_leerplicht_3b": (0.22, 0.22, 0.21, 0.20, 0.20, 0.19, 0.19, 0.18, 0.18),
}
# Columns a gemeente sometimes leaves empty ("not reported"); none of them feeds an indicator, so
# national series stay complete (the pipeline never sums over a gap).
OPTIONAL = (
    "vrijstelling_5b",
    "vrijstelling_5c",
    "vrijstelling_15",
    "vervangende_leerplicht_3a",
    "vervangende_leerplicht_3b",
)
MISSING = -1  # marks an empty ("not reported") cell
# Share of luxe verzuim pupils whose absence passed 16 hours (per atom: LUXE_LONG_MIN plus up to
# LUXE_LONG_SPREAD), and the share of those who also have a 16-uur melding for other absence.
LUXE_LONG_MIN = 0.20
LUXE_LONG_SPREAD = 0.20
LUXE_LONG_ALSO_16_UUR = 0.10


@dataclass(frozen=True)
class VsvYear:
    """Unrounded vsv figures per gemeente of one school year's indeling."""

    start: int
    codes: tuple[str, ...]
    leerlingen: np.ndarray
    vsv: np.ndarray


@dataclass(frozen=True)
class VerzuimYear:
    """Verzuim template values per gemeente; `MISSING` marks an empty cell."""

    start: int
    codes: tuple[str, ...]
    columns: dict[str, np.ndarray]


def _risks(
    structure: DemoStructure, indeling: Indeling, pop: Population, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Persistent log-risk per atom for vsv and for verzuim (correlated), and the atom's own
    part of the vsv risk (the demo's bijstand characteristic is derived from it)."""
    homes = home_of(structure, indeling)
    rmc_codes = sorted({g.rmc_code for g in structure.gemeenten})
    rmc_of_atom = np.array([rmc_codes.index(homes[a].rmc_code) for a in indeling.atoms])
    n = len(indeling.atoms)
    region_vsv = rng.normal(0, 0.20, size=len(rmc_codes))[rmc_of_atom]
    region_vz = rng.normal(0, 0.15, size=len(rmc_codes))[rmc_of_atom]
    own = rng.normal(0, 0.15, size=n)
    own_vz = 0.4 * own + rng.normal(0, 0.22, size=n)
    urban = pop.log_size - 4.4
    outlier = rng.random(n) < 0.04
    vsv = region_vsv + own + 0.15 * urban + 0.55 * outlier
    verzuim = region_vz + own_vz + 0.10 * urban + 0.50 * (outlier | (rng.random(n) < 0.03))
    return vsv, verzuim, own


def _draw_poisson(expected: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Overdispersed Poisson (gamma-Poisson with shape 40)."""
    return rng.poisson(expected * rng.gamma(40.0, 1 / 40.0, size=expected.shape)).astype(np.int64)


def _relatief_total(
    cols: dict[str, np.ndarray], luxe_long: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Relatief verzuim total: 16-uur pupils plus luxe pupils over 16 hours, each pupil once."""
    long_luxe = rng.binomial(cols["relatief_verzuim_luxe"], luxe_long)
    both = np.minimum(
        rng.binomial(long_luxe, LUXE_LONG_ALSO_16_UUR), cols["relatief_verzuim_16_uur"]
    )
    return (cols["relatief_verzuim_16_uur"] + long_luxe - both).astype(np.int64)


def build(
    structure: DemoStructure, indeling: Indeling, pop: Population, rng: np.random.Generator
) -> tuple[list[VsvYear], list[VerzuimYear], np.ndarray]:
    """Draw vsv and verzuim counts for every school year.

    Returns:
        vsv and verzuim figures per school year, and the own (gemeente-specific) part of each
        atom's vsv log-risk, which `etl.demo.cbs_kerncijfers` turns into a known structural effect.
    """
    vsv_risk, vz_risk, own = _risks(structure, indeling, pop, rng)
    n_atoms = len(indeling.atoms)
    cat_risk = {k: vz_risk + rng.normal(0, 0.12, size=n_atoms) for k in VERZUIM_RATES}
    luxe_long = LUXE_LONG_MIN + LUXE_LONG_SPREAD * rng.random(n_atoms)
    # the relatief verzuim split draws from its own stream, leaving the other figures unchanged
    split_rng = rng.spawn(1)[0]
    vsv_years: list[VsvYear] = []
    vz_years: list[VerzuimYear] = []
    for k, start in enumerate(SCHOOL_YEAR_STARTS):
        year = start + 1  # indeling and population of 1 January in the school year
        sl = pop.slices[year]
        w = sl.weights

        students = pop.age_band(year, 12, 22) * PARTICIPATION[k]
        students *= np.exp(rng.normal(0, 0.03, size=n_atoms))
        rate = np.exp(vsv_risk + rng.normal(0, 0.05, size=n_atoms))
        target = VSV_UNDERLYING_PCT[k] / 100 * (VSV_BREAK_FACTOR if start >= VSV_BREAK_YEAR else 1)
        rate *= target * students.sum() / (students * rate).sum()
        exp_l = w @ students
        exp_v = w @ (students * rate)
        leerlingen = np.rint(exp_l * np.exp(rng.normal(0, 0.01, size=len(exp_l)))).astype(np.int64)
        vsv = rng.binomial(leerlingen, np.clip(exp_v / np.maximum(exp_l, 1), 0, 1))
        vsv_years.append(VsvYear(start, sl.codes, leerlingen, vsv.astype(np.int64)))

        kids = pop.age_band(year, 5, 17)
        n_codes = len(sl.codes)
        cols: dict[str, np.ndarray] = {}
        known = pop.ages[year][:, 5:18].sum(axis=1)
        cols["leerplichtigen"] = np.rint(known * rng.uniform(0.985, 1.0, n_codes)).astype(np.int64)
        for cat, rates in VERZUIM_RATES.items():
            rel = np.exp(cat_risk[cat] + rng.normal(0, 0.06, size=n_atoms))
            rel *= kids.sum() / (kids * rel).sum()
            cols[cat] = _draw_poisson(w @ (kids * rel) * rates[k] / 1000, rng)
        cols["relatief_verzuim"] = _relatief_total(cols, (w @ luxe_long) / w.sum(axis=1), split_rng)
        for cat in OPTIONAL:
            cols[cat] = np.where(rng.random(n_codes) < 0.03, MISSING, cols[cat])
        vz_years.append(VerzuimYear(start, sl.codes, cols))
    return vsv_years, vz_years, own
