"""The gemeente structure a demo is built on: which gemeenten exist when, and where they belong.

A `DemoStructure` is either the fictional country (`etl.demo.fictional`) or the real structure read
from a raw dir (`etl.demo.real_structure`). `Indeling` turns its dated changes into, for any
1 January, the list of valid gemeente codes and a matrix that says which share of every *atom*
(a gemeente valid at the start of the demo period) each of them holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

FIRST_POPULATION_YEAR = 2016
LAST_POPULATION_YEAR = 2025
SCHOOL_YEAR_STARTS = tuple(range(2016, 2025))  # 2016-2017 .. 2024-2025
REFERENCE_YEAR = 2020  # population sizes are drawn (or read) for the indeling of 1 January 2020
BOUNDARY_YEAR_FICTIONAL = 2025


@dataclass(frozen=True)
class Gemeente:
    """A gemeente at the boundary year with its regions.

    Args:
        code: four digits without `GM` ('0014').
        name: name as CBS spells it.
        rmc_code: two digits ('01').
        rmc_name: RMC name as DUO spells it.
        provincie_code: 'PV20'.
        provincie_name: provincie name as DUO spells it ('Friesland').
    """

    code: str
    name: str
    rmc_code: str
    rmc_name: str
    provincie_code: str
    provincie_name: str


@dataclass(frozen=True)
class Change:
    """One row of a municipal change: (a share of) `old` went to `new` on `effective`."""

    old: str
    new: str
    effective: date
    share: float


@dataclass(frozen=True)
class DemoStructure:
    """Everything about gemeenten the figures need.

    Args:
        gemeenten: the gemeenten of the boundary year, sorted by code.
        changes: municipal changes, codes as four digits.
        created: codes that came into existence inside the demo period, with their first day.
        names: name of every code that appears anywhere (current and ended).
        boundary_year: year of the boundary file.
        fictional: True for the fictional country.
        provincie_titles: CBS title per provincie code ('PV21' -> 'Fryslân').
        landsdelen: (code, CBS title, provincie codes) per landsdeel.
        reference_population: known population on 1 January `REFERENCE_YEAR` per code valid then;
            codes missing here get a drawn size.
    """

    gemeenten: tuple[Gemeente, ...]
    changes: tuple[Change, ...]
    created: dict[str, date]
    names: dict[str, str]
    boundary_year: int
    fictional: bool
    provincie_titles: dict[str, str]
    landsdelen: tuple[tuple[str, str, tuple[str, ...]], ...]
    reference_population: dict[str, int] = field(default_factory=dict)

    def current(self) -> dict[str, Gemeente]:
        """Boundary-year gemeenten by code."""
        return {g.code: g for g in self.gemeenten}


@dataclass(frozen=True)
class Slice:
    """The indeling on one day: valid codes and their composition from atoms.

    `weights[i, j]` is the share of atom j that lies in `codes[i]`.
    """

    day: date
    codes: tuple[str, ...]
    weights: np.ndarray


class Indeling:
    """Valid gemeente codes on any 1 January of the demo period, as compositions of atoms."""

    def __init__(self, structure: DemoStructure):
        self.structure = structure
        self.changes = tuple(
            c
            for c in structure.changes
            if date(FIRST_POPULATION_YEAR, 1, 1) < c.effective <= date(LAST_POPULATION_YEAR, 1, 1)
        )
        self.atoms = self._atoms()

    def _atoms(self) -> tuple[str, ...]:
        """Codes valid on the first day, found by undoing the changes from the boundary year."""
        valid = set(self.structure.current())
        for day in sorted({c.effective for c in self.changes}, reverse=True):
            rows = [c for c in self.changes if c.effective == day]
            valid |= {c.old for c in rows}
            valid -= {c.new for c in rows if self.structure.created.get(c.new) == day}
        return tuple(sorted(valid))

    def on(self, day: date) -> Slice:
        """The indeling valid on `day` (changes with an effective date up to `day` applied)."""
        comp: dict[str, np.ndarray] = {}
        for i, code in enumerate(self.atoms):
            vec = np.zeros(len(self.atoms))
            vec[i] = 1.0
            comp[code] = vec
        for eff in sorted({c.effective for c in self.changes}):
            if eff > day:
                break
            rows = [c for c in self.changes if c.effective == eff]
            gone = {c.old: comp[c.old] for c in rows}
            for c in rows:
                if c.new not in comp:
                    comp[c.new] = np.zeros(len(self.atoms))
            for c in rows:
                comp[c.new] = comp[c.new] + c.share * gone[c.old]
            for old in gone:
                if old not in {c.new for c in rows}:
                    del comp[old]
        codes = tuple(sorted(comp))
        return Slice(day, codes, np.vstack([comp[c] for c in codes]))


def home_of(structure: DemoStructure, indeling: Indeling) -> dict[str, Gemeente]:
    """The boundary-year gemeente every code (atom or later) ends up in (largest share)."""
    final = indeling.on(date(LAST_POPULATION_YEAR, 1, 1))
    current = structure.current()
    homes: dict[str, Gemeente] = {code: current[code] for code in final.codes}
    for j, atom in enumerate(indeling.atoms):
        homes.setdefault(atom, current[final.codes[int(np.argmax(final.weights[:, j]))]])
    for c in structure.changes:
        homes.setdefault(c.new, current.get(c.new) or homes[c.old])
    return homes
