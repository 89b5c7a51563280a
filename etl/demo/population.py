"""Synthetic population on 1 January by gemeente and single year of age 0-25 (plus the total).

Sizes are set on 1 January 2020 (real totals where the structure supplies them, else lognormal),
split over the atoms that formed a 2020 gemeente, grown at a drawn rate per atom and aged with a
per-gemeente profile (more children in young suburbs, more 18-25 in large towns). Counts per code
come from summing atoms with the indeling of that day, so a merged gemeente is exactly the sum of
its predecessors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from etl.demo.structure import (
    FIRST_POPULATION_YEAR,
    LAST_POPULATION_YEAR,
    REFERENCE_YEAR,
    DemoStructure,
    Indeling,
    Slice,
)

AGES = np.arange(26)  # single years 0..25
YEARS = tuple(range(FIRST_POPULATION_YEAR, LAST_POPULATION_YEAR + 1))

# Share of the total population per single year of age, roughly the Dutch profile around 2020.
_BASE_PROFILE = np.array(
    [0.0098, 0.0099, 0.0100, 0.0101, 0.0102]  # 0-4
    + [0.0104, 0.0105, 0.0107, 0.0109, 0.0111, 0.0113, 0.0115]  # 5-11
    + [0.0116, 0.0117, 0.0118, 0.0118, 0.0119, 0.0120]  # 12-17
    + [0.0122, 0.0124, 0.0126, 0.0128, 0.0129, 0.0130, 0.0131, 0.0131]  # 18-25
)
_CHILD = AGES <= 17
_YOUNG_ADULT = AGES >= 18


@dataclass(frozen=True)
class Population:
    """Population per year, at atom level (floats) and per valid code (integers).

    Args:
        years: calendar years (population on 1 January).
        slices: the indeling of 1 January of each year.
        atom_ages: expected counts [year, atom, age 0..25].
        atom_total: expected totals [year, atom].
        ages: integer counts per code [codes, age] for each year.
        totals: integer totals per code for each year.
        log_size: log10 of the 2020 size per atom (drives urban effects in the figures).
    """

    years: tuple[int, ...]
    slices: dict[int, Slice]
    atom_ages: np.ndarray
    atom_total: np.ndarray
    ages: dict[int, np.ndarray]
    totals: dict[int, np.ndarray]
    log_size: np.ndarray

    def age_band(self, year: int, low: int, high: int) -> np.ndarray:
        """Expected atom counts aged `low`..`high` inclusive on 1 January `year`."""
        return self.atom_ages[self.years.index(year), :, low : high + 1].sum(axis=1)


def _reference_sizes(structure: DemoStructure, ref: Slice, rng: np.random.Generator) -> np.ndarray:
    """Population per code valid on 1 January of the reference year."""
    drawn = np.exp(rng.normal(np.log(24_000), 0.85, size=len(ref.codes)))
    drawn = np.clip(drawn, 950, 930_000)
    known = structure.reference_population
    return np.array(
        [float(known.get(code, drawn[i])) for i, code in enumerate(ref.codes)], dtype=float
    )


def build(structure: DemoStructure, indeling: Indeling, rng: np.random.Generator) -> Population:
    """Draw the population of every atom and sum it per valid code for each 1 January."""
    ref = indeling.on(date(REFERENCE_YEAR, 1, 1))
    sizes = _reference_sizes(structure, ref, rng)
    n_atoms = len(indeling.atoms)
    atom_ref = np.zeros(n_atoms)
    for i in range(len(ref.codes)):
        members = np.flatnonzero(ref.weights[i] > 0)
        split = rng.dirichlet(np.full(len(members), 4.0)) if len(members) > 1 else np.ones(1)
        atom_ref[members] += sizes[i] * split
    growth = rng.normal(0.0055, 0.004, size=n_atoms)
    log_size = np.log10(np.maximum(atom_ref, 1.0))
    child = np.exp(rng.normal(0.0, 0.08, size=n_atoms) - 0.05 * (log_size - 4.4))
    young = np.exp(rng.normal(0.0, 0.10, size=n_atoms) + 0.12 * (log_size - 4.4))

    years = YEARS
    offset = np.array(years, dtype=float) - REFERENCE_YEAR
    atom_total = atom_ref[None, :] * np.exp(growth[None, :] * offset[:, None])
    profile = np.where(
        _CHILD[None, None, :],
        child[None, :, None] * (1 - 0.006 * offset)[:, None, None],
        np.where(_YOUNG_ADULT, young[None, :, None], 1.0) * (1 + 0.003 * offset)[:, None, None],
    )
    atom_ages = atom_total[:, :, None] * _BASE_PROFILE[None, None, :] * profile

    slices: dict[int, Slice] = {}
    ages: dict[int, np.ndarray] = {}
    totals: dict[int, np.ndarray] = {}
    for k, year in enumerate(years):
        sl = indeling.on(date(year, 1, 1))
        slices[year] = sl
        ages[year] = np.rint(sl.weights @ atom_ages[k]).astype(np.int64)
        totals[year] = np.rint(sl.weights @ atom_total[k]).astype(np.int64)
    return Population(years, slices, atom_ages, atom_total, ages, totals, log_size)
