"""The linear system of everything Kompas publishes: cells and the equations between them.

A cell is one count (numerator) of one indicator, region and school year. An attacker knows
every published equation between cells, so disclosure control treats them as one system:

- aggregation: each RMC-regio, provincie and Nederland count is the sum of its gemeenten
  (membership from the gemeente rows; RMC-regio's cross provincie borders, so the hierarchy
  is not nested);
- identities between indicators from a published definition (`sum_of` in
  etl/marts/indicators.yml): total = sum of its parts, for the same region and school year;
- estimates: a verzuim total with some gemeenten missing is a ratio estimate, a weighted sum
  of its responding gemeenten with weights anyone can work out from the published
  denominators (marts.estimate_weights, docs/nonresponse.md): total - sum(weight x member) = 0.
  Its cell holds the unrounded estimate; the publication rounds it to a whole number, so an
  attacker knows less than this system assumes.

Equations are rows of a sparse matrix A with A @ x = 0. Cells split into independent
components (school year x indicators linked by identities); the audit solves one at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

#: Columns a cell frame must have (a publication or marts.indicator_values).
CELL_COLUMNS = (
    "indicator_key",
    "region_level",
    "region_code",
    "rmc_code",
    "provincie_code",
    "school_year",
    "numerator",
    "denominator",
)
AGGREGATE_LEVELS = {"rmc": "rmc_code", "provincie": "provincie_code", "nederland": None}

#: Columns of an estimate's weights (marts.estimate_weights).
WEIGHT_COLUMNS = ("indicator_key", "school_year", "region_code", "municipality_code", "weight")

#: (total indicator, region_code, school_year) of every identity that holds in the data.
Holding = set[tuple[str, str, str]]


@dataclass(frozen=True)
class System:
    """Cells (a frame with a 0..n-1 index), equations A (m x n, A @ x = 0), components.

    `kinds` names each equation: 'aggregate', 'estimate' or 'identity'. `component` gives
    every cell the number of its independent part of the system.
    """

    cells: pd.DataFrame
    matrix: sparse.csr_matrix
    kinds: np.ndarray
    component: np.ndarray

    @cached_property
    def numerators(self) -> np.ndarray:
        """The true count of every cell (float)."""
        return self.cells["numerator"].to_numpy(dtype=float)

    @cached_property
    def denominators(self) -> np.ndarray:
        """The denominator of every cell (float)."""
        return self.cells["denominator"].to_numpy(dtype=float)

    @cached_property
    def estimates(self) -> np.ndarray:
        """Whether each cell is an estimate (a weighted sum of its responding gemeenten)."""
        if "is_estimate" not in self.cells:
            return np.zeros(len(self.cells), dtype=bool)
        return self.cells["is_estimate"].fillna(False).to_numpy(dtype=bool)

    @cached_property
    def levels(self) -> np.ndarray:
        """The region level of every cell."""
        return self.cells["region_level"].to_numpy(dtype=str)

    @cached_property
    def by_column(self) -> sparse.csc_matrix:
        """The equations column-wise (fast to take the columns of one component from)."""
        return self.matrix.tocsc()

    @property
    def incidence(self) -> sparse.csc_matrix:
        """Cells x equations, 1 where a cell occurs in an equation."""
        return (self.matrix != 0).astype(np.int8).T.tocsc()


def identity_groups(sum_of: Mapping[str, Sequence[str]], keys: Sequence[str]) -> dict[str, int]:
    """Indicator -> group number; indicators linked by a `sum_of` share a group (union-find)."""
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for total, parts in sum_of.items():
        for part in parts:
            if total in parent and part in parent:
                parent[root(part)] = root(total)
    roots = sorted({root(key) for key in keys})
    return {key: roots.index(root(key)) for key in keys}


def _positions(cells: pd.DataFrame) -> pd.Series:
    """Cell number by (indicator_key, region_code, school_year)."""
    return pd.Series(
        np.arange(len(cells)),
        index=pd.MultiIndex.from_arrays(
            [cells["indicator_key"], cells["region_code"], cells["school_year"]]
        ),
    )


Triplets = tuple[np.ndarray, np.ndarray, np.ndarray]


def _triplets(rows: list[np.ndarray], cols: list[np.ndarray], vals: list[np.ndarray]) -> Triplets:
    """Concatenated (row, column, value) arrays of a sparse matrix (arrays, not lists: scipy
    checks and converts a list of some 60,000 numbers element by element)."""
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, float)
    return (
        np.concatenate(rows).astype(np.int64),
        np.concatenate(cols).astype(np.int64),
        np.concatenate(vals).astype(float),
    )


def _aggregate_equations(
    cells: pd.DataFrame, position: pd.Series, estimates: np.ndarray
) -> Triplets:
    """total - sum(members) = 0 for every aggregate cell whose gemeenten are cells too
    (`position`: _positions of the cells), except estimates (`_estimate_equations`)."""
    level = np.where(estimates, "estimate", cells["region_level"].to_numpy(dtype=str))
    keys_of_cells = [
        cells[c].to_numpy(dtype=str) for c in ("indicator_key", "region_code", "school_year")
    ]
    gemeenten = cells[level == "gemeente"]
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    equations = 0
    for name, column in AGGREGATE_LEVELS.items():
        parent = (
            gemeenten[column].to_numpy(dtype=str) if column else np.full(len(gemeenten), "NL01")
        )
        keys = pd.MultiIndex.from_arrays(
            [gemeenten["indicator_key"], parent, gemeenten["school_year"]]
        )
        total = position.reindex(keys).to_numpy(dtype=float)
        found = np.isfinite(total)
        total_at = total[found].astype(np.int64)
        found[found] = level[total_at] == name
        members = gemeenten.index.to_numpy()[found]
        totals = total[found].astype(np.int64)
        # one equation per distinct total, numbered by (indicator, region code, school year)
        distinct, equation = np.unique(totals, return_inverse=True)
        order = np.lexsort([sort_keys[distinct] for sort_keys in reversed(keys_of_cells)])
        number = np.empty(len(distinct), dtype=np.int64)
        number[order] = np.arange(len(distinct))
        distinct = distinct[order]
        rows += [equations + np.arange(len(distinct)), equations + number[equation]]
        cols += [distinct, members]
        vals += [np.ones(len(distinct)), -np.ones(len(members))]
        equations += len(distinct)
    return _triplets(rows, cols, vals)


def _estimate_equations(
    cells: pd.DataFrame, position: pd.Series, estimates: np.ndarray, weights: pd.DataFrame
) -> Triplets:
    """estimate - sum(weight x member) = 0 for every estimate cell (one equation each,
    numbered in cell order)."""
    at = np.flatnonzero(estimates)
    if not len(at):
        return _triplets([], [], [])
    number = pd.Series(np.arange(len(at)), index=at)
    keys = pd.MultiIndex.from_arrays(
        [cells[c].to_numpy(dtype=str)[at] for c in ("indicator_key", "region_code", "school_year")]
    )
    estimate_of = pd.Series(at, index=keys)
    total = estimate_of.reindex(
        pd.MultiIndex.from_arrays(
            [
                weights[c].to_numpy(dtype=str)
                for c in ("indicator_key", "region_code", "school_year")
            ]
        )
    ).to_numpy(dtype=float)
    member = position.reindex(
        pd.MultiIndex.from_arrays(
            [
                weights[c].to_numpy(dtype=str)
                for c in ("indicator_key", "municipality_code", "school_year")
            ]
        )
    ).to_numpy(dtype=float)
    used = np.isfinite(total) & np.isfinite(member)
    rows = number.reindex(total[used].astype(np.int64)).to_numpy()
    return _triplets(
        [number.to_numpy(), rows],
        [at, member[used]],
        [np.ones(len(at)), -weights["weight"].to_numpy(dtype=float)[used]],
    )


def _identity_equations(
    cells: pd.DataFrame,
    position: pd.Series,
    sum_of: Mapping[str, Sequence[str]],
    holds: Holding | None,
) -> Triplets:
    """total - sum(parts) = 0 per region and school year where the total and every part are
    cells (and, with `holds`, where the identity holds in the data)."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    equations = 0
    for total_key, parts in sorted(sum_of.items()):
        totals = cells[(cells["indicator_key"] == total_key).to_numpy()]
        codes = totals["region_code"].to_numpy(dtype=str)
        years = totals["school_year"].to_numpy(dtype=str)
        keep = np.ones(len(totals), dtype=bool)
        if holds is not None:
            keep = np.array(
                [(total_key, c, y) in holds for c, y in zip(codes, years, strict=True)], dtype=bool
            )
        members = []
        for part in parts:
            keys = pd.MultiIndex.from_arrays([np.full(len(totals), part), codes, years])
            found = position.reindex(keys).to_numpy(dtype=float)
            keep &= np.isfinite(found)
            members.append(found)
        count = int(keep.sum())
        numbers = equations + np.arange(count)
        rows += [numbers] * (len(parts) + 1)
        cols += [totals.index.to_numpy()[keep]] + [m[keep].astype(np.int64) for m in members]
        vals += [np.ones(count)] + [-np.ones(count)] * len(parts)
        equations += count
    return _triplets(rows, cols, vals)


def build_system(
    cells: pd.DataFrame,
    sum_of: Mapping[str, Sequence[str]],
    holds: Holding | None = None,
    weights: pd.DataFrame | None = None,
) -> System:
    """The system of `cells` (any index; renumbered 0..n-1 in the result).

    Args:
        cells: one row per cell with CELL_COLUMNS, optionally is_estimate (the numerator of
            an estimate is the unrounded estimate).
        sum_of: total indicator -> part indicators (published definitions).
        holds: where each identity holds in the data (`identities_holding`); an attacker is
            assumed to know where it does. None: wherever the total and all parts exist.
        weights: the estimates' weights (WEIGHT_COLUMNS); needed when a cell is an estimate.
    """
    cells = cells.reset_index(drop=True)
    position = _positions(cells)
    estimates = (
        cells["is_estimate"].fillna(False).to_numpy(dtype=bool)
        if "is_estimate" in cells
        else np.zeros(len(cells), dtype=bool)
    )
    if weights is None:
        weights = pd.DataFrame({c: [] for c in WEIGHT_COLUMNS})
    parts = [
        ("aggregate", _aggregate_equations(cells, position, estimates)),
        ("estimate", _estimate_equations(cells, position, estimates, weights)),
        ("identity", _identity_equations(cells, position, sum_of, holds)),
    ]
    rows, cols, vals, kinds_list = [], [], [], []
    offset = 0
    for kind, (part_rows, part_cols, part_vals) in parts:
        size = int(part_rows.max()) + 1 if len(part_rows) else 0
        rows.append(part_rows + offset)
        cols.append(part_cols)
        vals.append(part_vals)
        kinds_list += [kind] * size
        offset += size
    matrix = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(offset, len(cells)),
    )
    kinds = np.array(kinds_list, dtype=object)
    groups = identity_groups(sum_of, sorted(cells["indicator_key"].unique()))
    labels = cells["indicator_key"].map(groups).astype(str) + "|" + cells["school_year"]
    component = pd.factorize(labels, sort=True)[0]
    return System(cells, matrix, kinds, component)


def identities_holding(truth: pd.DataFrame, sum_of: Mapping[str, Sequence[str]]) -> Holding:
    """Every (total, region_code, school_year) whose true counts satisfy total = sum(parts).

    Args:
        truth: cells with their true numerators (marts.indicator_values).
        sum_of: total indicator -> part indicators.
    """
    counts = truth.set_index(["indicator_key", "region_code", "school_year"])["numerator"]
    holding: Holding = set()
    for total_key, parts in sum_of.items():
        if total_key not in counts.index.get_level_values(0):
            continue
        total = counts.loc[total_key]
        summed = pd.Series(0.0, index=total.index)
        for part in parts:
            if part not in counts.index.get_level_values(0):
                summed = summed * np.nan
                continue
            summed = summed + counts.loc[part].reindex(total.index)
        equal = np.isclose(total.to_numpy(dtype=float), summed.to_numpy(dtype=float))
        holding.update((total_key, code, year) for code, year in total.index[equal])
    return holding
