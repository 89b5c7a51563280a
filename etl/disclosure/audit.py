"""LP audit: what an attacker can learn about every hidden count from everything published.

The attacker knows every shown count (a shown value times its denominator), every equation of
the system (etl/disclosure/system.py), that 0 <= count <= denominator, and what each label
says: a primary cell (`<5`) lies in [0, min(threshold - 1, denominator)]; a secondary cell
(`x`) was not primary, so it is at least the threshold. An estimate (a real number, not a
count) is primary when below the threshold: its range is then [0, min(threshold, d)]. For
each hidden cell the attacker's range is [min, max] of that count over all real solutions
(linear programming; HiGHS, one model per component re-solved for each objective:
etl/disclosure/lp.py). Protection holds
when every primary's range spans its whole label range and no secondary is pinned
(max - min >= 1).

Fast path per component: one LP minimising the sum of the primaries and one maximising their
scaled sum. A primary at 0 (at its upper bound) in the first (second) solution provably reaches
it; a secondary whose two values differ by at least 1 is provably not pinned. Only the other
cells get their own min and max LPs, so the ranges reported are exact or witnessed (every
value in [lo, hi] is consistent with the publication).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from etl.disclosure.lp import LinearProgram, map_components
from etl.disclosure.system import System

PRIMARY, SECONDARY, SHOWN = "primary", "secondary", ""
TOLERANCE = 1e-6
#: LPs per direction in the fast proof before the remaining cells count as unproven.
PROOF_ROUNDS = 20


@dataclass(frozen=True)
class Bounds:
    """What the labels and the denominators tell an attacker, per cell (shown cells fixed)."""

    lower: np.ndarray
    upper: np.ndarray


def primary_ceiling(
    denominators: np.ndarray, threshold: int, estimates: np.ndarray | None = None
) -> np.ndarray:
    """Highest value a primary cell can have: t - 1 for a count, t for an estimate (a real
    number below t), never above the denominator."""
    top = threshold - np.where(estimates, 0.0, 1.0) if estimates is not None else threshold - 1.0
    return np.minimum(top, denominators.astype(float))


def label_bounds(
    flags: np.ndarray,
    numerators: np.ndarray,
    denominators: np.ndarray,
    threshold: int,
    estimates: np.ndarray | None = None,
) -> Bounds:
    """Bounds per cell: shown [n, n], primary [0, primary_ceiling], secondary [t, d]."""
    denominators = denominators.astype(float)
    lower = np.where(flags == SECONDARY, float(threshold), 0.0)
    ceiling = primary_ceiling(denominators, threshold, estimates)
    upper = np.where(flags == PRIMARY, ceiling, denominators)
    shown = flags == SHOWN
    lower = np.where(shown, numerators, lower).astype(float)
    upper = np.where(shown, numerators, upper).astype(float)
    return Bounds(lower, upper)


def label_floor(system: System, flags: np.ndarray, threshold: int) -> np.ndarray:
    """Lowest value each primary can be shown to reach whatever else is hidden: the labels
    alone already say more when a total of an identity is not primary (so >= threshold) and
    its other parts are primary: part >= threshold - sum of the others' label maxima.

    Example: thuiszitters `x` (>= 5) = absoluut `<5` + langdurig `<5` means absoluut >= 1.
    Protection asks every primary to reach this floor (0 in all other cases).
    """
    denominators = system.denominators
    ceiling = np.where(
        flags == PRIMARY,
        primary_ceiling(denominators, threshold, system.estimates),
        denominators,
    )
    floor = np.zeros(len(flags))
    identity = sparse.csr_matrix(system.matrix[np.flatnonzero(system.kinds == "identity")]).tocoo()
    if not identity.nnz:
        return floor
    total_of_row = np.full(identity.shape[0], -1)
    totals = identity.data > 0
    total_of_row[identity.row[totals]] = identity.col[totals]
    part = ~totals
    room = np.bincount(
        identity.row[part], weights=ceiling[identity.col[part]], minlength=identity.shape[0]
    )
    rows, cols = identity.row[part], identity.col[part]
    usable = (flags[total_of_row[rows]] != PRIMARY) & (flags[cols] == PRIMARY)
    np.maximum.at(floor, cols[usable], threshold - (room[rows[usable]] - ceiling[cols[usable]]))
    return floor


def _solve(program: LinearProgram, objective: np.ndarray) -> np.ndarray:
    solution = program.minimise(objective)
    if solution is None:
        raise RuntimeError("audit LP not solved: the published system has no solution")
    return solution


def _prove(
    program: LinearProgram,
    todo: np.ndarray,
    weights: np.ndarray,
    target: np.ndarray,
    seen: list[np.ndarray],
) -> np.ndarray:
    """Cells of `todo` shown to reach `target`: repeatedly optimise the weighted sum of the
    cells not yet shown to reach it (weights > 0 minimise, < 0 maximise), until no progress
    or PROOF_ROUNDS LPs.
    Every solution is appended to `seen` (witnesses for the ranges)."""
    todo = todo.copy()
    reached = np.zeros(len(todo), dtype=bool)
    for _ in range(PROOF_ROUNDS):
        if not todo.any():
            break
        solution = _solve(program, np.where(todo, weights, 0.0))
        seen.append(solution)
        hit = todo & (np.abs(solution - target) <= TOLERANCE)
        if not hit.any():
            break
        reached |= hit
        todo &= ~hit
    return reached


def _component_ranges(
    matrix: sparse.csr_matrix,
    rhs: np.ndarray,
    bounds: np.ndarray,
    is_primary: np.ndarray,
    floor: np.ndarray,
    exact: bool,
    confirm: bool,
    report: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Attacker's [lo, hi] per hidden cell of one component (exact or witnessed); without
    `confirm`, cells the fast path cannot prove keep their witnessed (narrower) range.
    `report`: the variables whose range is wanted (default all; a rounded shown estimate is a
    variable whose range nobody asks for)."""
    size = len(is_primary)
    report = np.ones(size, dtype=bool) if report is None else report
    if matrix.shape[0] == 0:
        return bounds[:, 0].copy(), bounds[:, 1].copy()
    lower, upper = bounds[:, 0], bounds[:, 1]
    program = LinearProgram.equations(matrix, rhs, bounds)
    scale = 1.0 / np.maximum(upper, 1.0)
    seen: list[np.ndarray] = []
    at_lo = _prove(program, is_primary, scale, np.maximum(lower, floor), seen)
    at_hi = _prove(program, is_primary, -scale, upper, seen)
    witnessed = np.vstack(seen)
    lo, hi = witnessed.min(axis=0), witnessed.max(axis=0)
    # secondaries no witness moved yet: push the still-pinned ones in random directions
    # (seeded, so the audit is repeatable) until every one moved or a round moves none
    rng = np.random.default_rng(0)
    for _ in range(PROOF_ROUNDS):
        pinned = report & ~is_primary & (hi - lo < 1 - TOLERANCE)
        if not pinned.any():
            break
        signs = rng.choice([-1.0, 1.0], size=size)
        for sign in (1.0, -1.0):
            seen.append(_solve(program, np.where(pinned, sign * signs * scale, 0.0)))
        witnessed = np.vstack(seen)
        lo, hi = witnessed.min(axis=0), witnessed.max(axis=0)
        if np.array_equal(pinned, report & ~is_primary & (hi - lo < 1 - TOLERANCE)):
            break
    for i in range(size if confirm or exact else 0):
        if not report[i]:
            continue
        if exact:
            need_lo = need_hi = True
        elif is_primary[i]:
            need_lo, need_hi = not at_lo[i], not at_hi[i]
        else:
            need_lo = need_hi = hi[i] - lo[i] < 1 - TOLERANCE
        unit = np.zeros(size)
        unit[i] = 1.0
        if need_lo:
            lo[i] = _solve(program, unit)[i]
        if need_hi:
            hi[i] = _solve(program, -unit)[i]
    return lo, hi


def attacker_ranges(
    system: System,
    flags: np.ndarray,
    numerators: np.ndarray,
    threshold: int,
    components: set[int] | None = None,
    exact: bool = False,
    confirm: bool = True,
    rounded: np.ndarray | None = None,
) -> pd.DataFrame:
    """The attacker's range for every hidden cell.

    Args:
        system: the published system.
        flags: per cell '' (shown), 'primary' or 'secondary'.
        numerators: per cell the published count (NaN where hidden).
        threshold: the small-count threshold of the publication.
        components: audit only these components (all when None).
        exact: compute exact min and max for every hidden cell instead of the fast proof.
        confirm: solve a min and max LP for each cell the fast proof leaves open; when False
            such cells count as failing (conservative and much faster, used while selecting).
        rounded: per cell whether its shown value is an estimate rounded to a whole number
            (the publication): the attacker knows it only within 0.5 (None: no such cells).

    Returns:
        One row per hidden cell (index = cell number): flag, label_lo, label_hi, lo, hi,
        floor (see label_floor), passed.
    """
    denominators = system.denominators
    bounds = label_bounds(flags, numerators, denominators, threshold, system.estimates)
    hidden = flags != SHOWN
    rounded = np.zeros(len(flags), dtype=bool) if rounded is None else rounded & ~hidden
    bounds = Bounds(
        np.where(rounded, np.maximum(bounds.lower - 0.5, 0.0), bounds.lower),
        np.where(rounded, np.minimum(bounds.upper + 0.5, denominators), bounds.upper),
    )
    free = hidden | rounded
    floors = label_floor(system, flags, threshold)
    chosen = np.unique(system.component) if components is None else sorted(components)
    matrix = system.by_column

    def ranges_of(number: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        cells = np.flatnonzero((system.component == number) & free)
        shown = np.flatnonzero((system.component == number) & ~free)
        rhs = -(matrix[:, shown] @ bounds.lower[shown])
        sub = matrix[:, cells].tocsr()
        rows = np.flatnonzero(np.diff(sub.indptr) > 0)
        box = np.column_stack([bounds.lower[cells], bounds.upper[cells]])
        lo, hi = _component_ranges(
            sub[rows],
            rhs[rows],
            box,
            flags[cells] == PRIMARY,
            floors[cells],
            exact,
            confirm,
            hidden[cells],
        )
        keep = hidden[cells]
        return cells[keep], lo[keep], hi[keep]

    with_hidden = [n for n in chosen if ((system.component == n) & hidden).any()]
    parts = map_components(ranges_of, with_hidden)
    if not parts:
        return pd.DataFrame(columns=["flag", "label_lo", "label_hi", "lo", "hi", "floor", "passed"])
    # one frame at the end (a frame per component cost more than the arrays in it)
    cells = np.concatenate([part[0] for part in parts])
    order = np.argsort(cells, kind="stable")
    cells = cells[order]
    ranges = pd.DataFrame(
        {
            "flag": flags[cells],
            "label_lo": bounds.lower[cells],
            "label_hi": bounds.upper[cells],
            "lo": np.concatenate([part[1] for part in parts])[order],
            "hi": np.concatenate([part[2] for part in parts])[order],
        },
        index=cells,
    )
    ranges["floor"] = floors[ranges.index.to_numpy()]
    primary = ranges["flag"] == PRIMARY
    spans = (ranges["lo"] <= ranges["floor"] + TOLERANCE) & (
        ranges["hi"] >= ranges["label_hi"] - TOLERANCE
    )
    loose = ranges["hi"] - ranges["lo"] >= 1 - TOLERANCE
    ranges["passed"] = np.where(primary, spans, loose)
    return ranges
