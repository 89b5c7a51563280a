"""Which cells to hide: primary small counts, then secondary cells until the audit passes.

The method follows the established pattern for linked tables (tau-argus, sdcTable, and
Statistics Norway's GaussSuppression by Langsrud): primary cells from a threshold rule; a
structural pass so that no published equation has exactly one hidden cell (GaussSuppression's
singleton handling), and a capacity pass so that in every equation the other hidden cells can
absorb each small count moving over its whole label range; then the LP audit
(etl/disclosure/audit.py) measures what an attacker can still derive; the protection LPs
(etl/disclosure/protection.py) choose the secondary cells, and a bounded repair loop gives
every cell the audit still finds narrowed a protection LP of its own (REPAIR_ROUNDS; on the
demo with the real indeling one round leaves nothing to repair).

Which cell to hide next (cost, cheapest first): gemeenten before aggregates, cells of at least
twice the threshold (their range can absorb a small count's moves) before smaller ones, then the
smallest count, then region code and indicator key, so the result is deterministic.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from etl.disclosure.audit import (
    PRIMARY,
    SECONDARY,
    SHOWN,
    TOLERANCE,
    attacker_ranges,
    label_bounds,
    label_floor,
)
from etl.disclosure.protection import protect, protect_cell
from etl.disclosure.system import System

#: Repair rounds after the protection LPs (each re-audits only the components it changed).
REPAIR_ROUNDS = 2


def primary_flags(
    numerators: np.ndarray,
    denominators: np.ndarray,
    threshold: int,
    observed: np.ndarray | None = None,
) -> np.ndarray:
    """'primary' where the numerator (an estimate: unrounded) or the denominator is below the
    threshold, else ''. With `observed` (per cell the count of the responding gemeenten behind
    an estimate, NaN for other cells): an estimate of at least the threshold whose observed
    count is below it is 'secondary' from the start, so a small count of the responding
    gemeenten is never shown through its estimate."""
    small = (numerators < threshold) | (denominators < threshold)
    flags = np.where(small, PRIMARY, SHOWN).astype(object)
    if observed is not None:
        flags[(flags == SHOWN) & (np.nan_to_num(observed, nan=np.inf) < threshold)] = SECONDARY
    return flags


def cost_rank(cells: pd.DataFrame, threshold: int) -> np.ndarray:
    """Rank of every cell as a candidate to hide (0 = hide first)."""
    numerators = cells["numerator"].to_numpy(dtype=float)
    order = np.lexsort(
        (
            cells["indicator_key"].to_numpy(dtype=str),
            cells["region_code"].to_numpy(dtype=str),
            numerators,
            numerators < 2 * threshold,
            cells["region_level"].to_numpy() != "gemeente",
        )
    )
    rank = np.empty(len(cells), dtype=np.int64)
    rank[order] = np.arange(len(cells))
    return rank


def _equations_of(incidence: sparse.csr_matrix, cell: int) -> np.ndarray:
    return incidence.indices[incidence.indptr[cell] : incidence.indptr[cell + 1]]


def close_singletons(system: System, flags: np.ndarray, rank: np.ndarray) -> np.ndarray:
    """Hide cells until no equation has exactly one hidden cell; returns the new flags.

    Per round, every equation with one hidden cell gets one more: the candidate of that
    equation that closes the most such equations at once, then the cheapest.
    """
    flags = flags.copy()
    by_equation = (system.matrix != 0).astype(np.int32).tocsr()
    by_cell = by_equation.tocsc()
    while True:
        hidden = (flags != SHOWN).astype(np.int32)
        singles = np.flatnonzero(by_equation @ hidden == 1)
        if not len(singles):
            return flags
        cover = np.asarray(by_equation[singles].sum(axis=0)).ravel()
        closed = np.zeros(by_equation.shape[0], dtype=bool)
        cells_of = by_equation[singles]
        for row, equation in enumerate(singles):
            if closed[equation]:
                continue
            members = cells_of.indices[cells_of.indptr[row] : cells_of.indptr[row + 1]]
            candidates = members[flags[members] == SHOWN]
            best = min(candidates, key=lambda c: (-cover[c], rank[c]))
            flags[best] = SECONDARY
            closed[by_cell.indices[by_cell.indptr[best] : by_cell.indptr[best + 1]]] = True


def close_capacity(
    system: System, flags: np.ndarray, threshold: int, rank: np.ndarray
) -> tuple[np.ndarray, bool]:
    """Hide cells until, in every single equation, the other hidden cells can absorb moving
    each primary to either end of its label range (a necessary condition of the audit, checked
    per equation with the true counts; cheap, so the LP loop has little left to repair).

    Returns the new flags and whether anything was added.
    """
    flags = flags.copy()
    truth, denominators = system.numerators, system.denominators
    coo = system.matrix.tocoo()
    by_equation = (system.matrix != 0).astype(np.int8).tocsr()
    added = False
    while True:
        bounds = label_bounds(flags, truth, denominators, threshold, system.estimates)
        floor = label_floor(system, flags, threshold)
        down, up = np.maximum(bounds.lower, floor) - truth, bounds.upper - truth
        # each cell's contribution a * move lies between these (a: its coefficient)
        own_low = np.minimum(coo.data * down[coo.col], coo.data * up[coo.col])
        own_high = np.maximum(coo.data * down[coo.col], coo.data * up[coo.col])
        low = np.bincount(coo.row, weights=own_low, minlength=coo.shape[0])
        high = np.bincount(coo.row, weights=own_high, minlength=coo.shape[0])
        others_low = low[coo.row] - own_low
        others_high = high[coo.row] - own_high
        primary = flags[coo.col] == PRIMARY
        need_up = -coo.data * up[coo.col]
        need_down = -coo.data * down[coo.col]
        short = primary & (
            (np.minimum(need_up, need_down) < others_low - TOLERANCE)
            | (np.maximum(need_up, need_down) > others_high + TOLERANCE)
        )
        equations = np.unique(coo.row[short])
        grown = False
        for equation in equations:
            members = by_equation.indices[
                by_equation.indptr[equation] : by_equation.indptr[equation + 1]
            ]
            candidates = members[flags[members] == SHOWN]
            if len(candidates):
                flags[min(candidates, key=lambda c: rank[c])] = SECONDARY
                grown = added = True
        if not grown:
            return flags, added


def _structural(system: System, flags: np.ndarray, threshold: int, rank: np.ndarray) -> np.ndarray:
    """Singleton and capacity passes, repeated until neither adds a cell."""
    while True:
        flags = close_singletons(system, flags, rank)
        flags, added = close_capacity(system, flags, threshold, rank)
        if not added:
            return flags


def select(
    system: System, threshold: int, rounds: int = REPAIR_ROUNDS
) -> tuple[np.ndarray, pd.DataFrame]:
    """Flags per cell ('', 'primary', 'secondary') and the LP audit of the result.

    Primary cells, the structural passes, then the protection LPs (etl/disclosure/protection.py)
    per component; then at most `rounds` audit-and-repair rounds in which every cell the audit
    finds narrowed gets a protection LP of its own. The audit of the returned flags is exact
    for every cell its fast proof leaves open.
    """
    cells = system.cells
    numerators = cells["numerator"].to_numpy(dtype=float)
    rank = cost_rank(cells, threshold)
    observed = (
        cells["observed_numerator"].to_numpy(dtype=float) if "observed_numerator" in cells else None
    )
    if observed is not None:
        observed = np.where(system.estimates, observed, np.nan)
    flags = primary_flags(
        numerators, cells["denominator"].to_numpy(dtype=float), threshold, observed
    )
    flags = _structural(system, flags, threshold, rank)
    floors = label_floor(system, flags, threshold)
    flags = close_singletons(system, protect(system, flags, threshold, floors), rank)
    audit = _audit(system, flags, numerators, threshold)
    for _ in range(rounds):
        failing = audit[~audit["passed"].to_numpy(dtype=bool)]
        if failing.empty:
            break
        for cell, row in failing.iterrows():
            if row["flag"] != PRIMARY:
                # a pinned `x`: let it move by one, up if its denominator allows, else down
                up = row["lo"] + 1 <= row["label_hi"]
                target = row["lo"] + 1 if up else row["lo"] - 1
                flags = protect_cell(
                    system, flags, threshold, int(cell), target, 1.0 if up else -1.0
                )
                continue
            if row["lo"] > row["floor"] + TOLERANCE:
                flags = protect_cell(system, flags, threshold, int(cell), row["floor"], -1.0)
            if row["hi"] < row["label_hi"] - TOLERANCE:
                flags = protect_cell(system, flags, threshold, int(cell), row["label_hi"], 1.0)
        flags = close_singletons(system, flags, rank)
        # only the components that changed need a new audit
        dirty = {int(system.component[c]) for c in failing.index}
        keep = audit[~np.isin(system.component[audit.index.to_numpy()], list(dirty))]
        fresh = _audit(system, flags, numerators, threshold, dirty)
        audit = pd.concat([keep, fresh]).sort_index()
    return flags, audit


def _audit(
    system: System,
    flags: np.ndarray,
    numerators: np.ndarray,
    threshold: int,
    components: set[int] | None = None,
) -> pd.DataFrame:
    published = np.where(flags == SHOWN, numerators, np.nan)
    return attacker_ranges(system, flags, published, threshold, components, confirm=True)
