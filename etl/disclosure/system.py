"""The linear system of everything Kompas publishes: cells and the equations between them.

A cell is one count (numerator) of one indicator, region and school year. An attacker knows
every published equation between cells, so disclosure control treats them as one system:

- aggregation: each RMC-regio, provincie and Nederland count is the sum of its gemeenten
  (membership from the gemeente rows; RMC-regio's cross provincie borders, so the hierarchy
  is not nested);
- identities between indicators from a published definition (`sum_of` in
  etl/marts/indicators.yml): total = sum of its parts, for the same region and school year.

Equations are rows of a sparse matrix A with A @ x = 0. Cells split into independent
components (school year x indicators linked by identities); the audit solves one at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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

#: (total indicator, region_code, school_year) of every identity that holds in the data.
Holding = set[tuple[str, str, str]]


@dataclass(frozen=True)
class System:
    """Cells (a frame with a 0..n-1 index), equations A (m x n, A @ x = 0), components.

    `kinds` names each equation: 'aggregate' or 'identity'. `component` gives every cell the
    number of its independent part of the system.
    """

    cells: pd.DataFrame
    matrix: sparse.csr_matrix
    kinds: np.ndarray
    component: np.ndarray

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


def _aggregate_equations(cells: pd.DataFrame) -> tuple[list[int], list[int], list[float]]:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    gemeenten = cells[cells["region_level"] == "gemeente"]
    position = {
        key: i
        for i, key in enumerate(
            zip(cells["indicator_key"], cells["region_code"], cells["school_year"], strict=True)
        )
    }
    equation = 0
    for level, column in AGGREGATE_LEVELS.items():
        member_code = (
            gemeenten[column] if column is not None else pd.Series("NL01", index=gemeenten.index)
        )
        members = gemeenten.assign(_parent=member_code.to_numpy())
        for (key, code, year), group in members.groupby(
            ["indicator_key", "_parent", "school_year"], sort=True
        ):
            total = position.get((key, code, year))
            if total is None or cells.at[total, "region_level"] != level:
                continue
            rows.extend([equation] * (len(group) + 1))
            cols.extend([total, *group.index.tolist()])
            vals.extend([1.0] + [-1.0] * len(group))
            equation += 1
    return rows, cols, vals


def _identity_equations(
    cells: pd.DataFrame, sum_of: Mapping[str, Sequence[str]], holds: Holding | None
) -> tuple[list[int], list[int], list[float]]:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    index = cells.reset_index().set_index(["indicator_key", "region_code", "school_year"])["index"]
    equation = 0
    for total_key, parts in sorted(sum_of.items()):
        totals = cells[cells["indicator_key"] == total_key]
        for i, code, year in zip(
            totals.index, totals["region_code"], totals["school_year"], strict=True
        ):
            if holds is not None and (total_key, code, year) not in holds:
                continue
            members = [index.get((part, code, year)) for part in parts]
            if any(m is None for m in members):
                continue
            rows.extend([equation] * (len(parts) + 1))
            cols.extend([i, *(int(m) for m in members if m is not None)])
            vals.extend([1.0] + [-1.0] * len(parts))
            equation += 1
    return rows, cols, vals


def build_system(
    cells: pd.DataFrame, sum_of: Mapping[str, Sequence[str]], holds: Holding | None = None
) -> System:
    """The system of `cells` (any index; renumbered 0..n-1 in the result).

    Args:
        cells: one row per cell with CELL_COLUMNS.
        sum_of: total indicator -> part indicators (published definitions).
        holds: where each identity holds in the data (`identities_holding`); an attacker is
            assumed to know where it does. None: wherever the total and all parts exist.
    """
    cells = cells.reset_index(drop=True)
    agg_rows, agg_cols, agg_vals = _aggregate_equations(cells)
    id_rows, id_cols, id_vals = _identity_equations(cells, sum_of, holds)
    offset = max(agg_rows, default=-1) + 1
    rows = agg_rows + [r + offset for r in id_rows]
    count = offset + max(id_rows, default=-1) + 1
    matrix = sparse.csr_matrix(
        (agg_vals + id_vals, (rows, agg_cols + id_cols)), shape=(count, len(cells))
    )
    kinds = np.array(["aggregate"] * offset + ["identity"] * (count - offset), dtype=object)
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
