"""Secondary cells chosen by a protection LP: the cheapest cells whose hiding lets every small
count move over its whole label range (the LP model of Fischetti and Salazar, as used by
tau-argus's optimal method and sdcTable).

For one component of the system (etl/disclosure/system.py) the LP looks for another table
that satisfies every published equation, keeps every hidden cell inside what its label says,
and moves every primary cell to the end of its label range (first all down to their floor,
then all up to their ceiling). A shown cell may change too, but only at a cost, and only
within what its label would say once hidden (a secondary `x` is at least the threshold).
Every shown cell the cheapest solution changes is hidden. The solution itself is then a table
the attacker cannot rule out, so each primary provably reaches that end of its range, and
hiding more cells later never takes that away (it only adds freedom).

Moving all primaries at once is what keeps this fast (two LPs per component). Where the
targets cannot all be met together (two small parts of one identity whose total must stay at
or above the threshold) the unmet part is paid as slack; `protect_cell` then handles such a
cell alone.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from etl.disclosure.audit import PRIMARY, SECONDARY, SHOWN, TOLERANCE, label_bounds
from etl.disclosure.lp import LinearProgram, map_components
from etl.disclosure.system import System

#: Cost per unit of change of a shown cell: gemeenten before aggregates (an RMC-regio,
#: provincie or Nederland count is worth more to users than one gemeente).
GEMEENTE_COST = 1.0
AGGREGATE_COST = 50.0
#: Cost per unit of a target not met (far above any cell cost, so targets come first).
SLACK_COST = 1e4


def _unit_costs(system: System, cells: np.ndarray) -> np.ndarray:
    return np.where(system.levels[cells] == "gemeente", GEMEENTE_COST, AGGREGATE_COST)


def _move(
    system: System,
    cells: np.ndarray,
    flags: np.ndarray,
    truth: np.ndarray,
    box: tuple[np.ndarray, np.ndarray],
    targets: np.ndarray,
    direction: float,
) -> np.ndarray | None:
    """Cheapest change of the shown cells of `cells` that lets the cells with a finite target
    reach it (direction -1: at or below, +1: at or above). Returns the new table or None."""
    lower, upper = box
    size = len(cells)
    shown = flags[cells] == SHOWN
    targeted = np.isfinite(targets)
    # variables: x (value of each cell), then p, m (rise and fall of shown cells), then slack
    n_shown, n_slack = int(shown.sum()), int(targeted.sum())
    shown_at = np.flatnonzero(shown)
    target_at = np.flatnonzero(targeted)
    # the equations with a cell of `cells`, then the variables' coefficients column by column
    part = system.by_column[:, cells]
    rows, row_of = np.unique(part.indices, return_inverse=True)
    n_eq = len(rows)
    n_rows, n_columns = n_eq + n_shown + n_slack, size + 2 * n_shown + n_slack
    link = n_eq + np.arange(n_shown)  # x_j - p_j + m_j = truth_j for shown cells
    reach = n_eq + n_shown + np.arange(n_slack)  # -direction * x_t - slack_t <= -direction * t
    constraints = sparse.csc_matrix(
        (
            np.concatenate(
                [
                    part.data,
                    np.ones(n_shown),
                    -np.ones(n_shown),
                    np.ones(n_shown),
                    np.full(n_slack, -direction),
                    -np.ones(n_slack),
                ]
            ),
            (
                np.concatenate([row_of.ravel(), link, link, link, reach, reach]),
                np.concatenate(
                    [
                        np.repeat(np.arange(size), np.diff(part.indptr)),
                        shown_at,
                        size + np.arange(n_shown),
                        size + n_shown + np.arange(n_shown),
                        target_at,
                        size + 2 * n_shown + np.arange(n_slack),
                    ]
                ),
            ),
        ),
        shape=(n_rows, n_columns),
    )
    b_eq = np.concatenate([np.zeros(n_eq), truth[cells][shown]])
    # direction * (x_t - target_t) + slack_t >= 0  ->  -direction * x_t - slack_t <= -direction*t
    b_ub = -direction * targets[targeted]
    costs = _unit_costs(system, cells[shown])
    objective = np.concatenate([np.zeros(size), costs, costs, np.full(n_slack, SLACK_COST)])
    bounds = np.column_stack(
        [
            np.concatenate([lower, np.zeros(2 * n_shown + n_slack)]),
            np.concatenate([upper, np.full(2 * n_shown + n_slack, np.inf)]),
        ]
    )
    program = LinearProgram(
        constraints,
        np.concatenate([b_eq, np.full(n_slack, -np.inf)]),
        np.concatenate([b_eq, b_ub]),
        bounds,
    )
    solution = program.minimise(objective)
    return None if solution is None else solution[:size]


def _boxes(
    system: System, flags: np.ndarray, cells: np.ndarray, threshold: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per cell of `cells` what the attacker allows: label bounds for hidden cells; for shown
    cells the bounds they would get as a secondary cell ([threshold, denominator])."""
    # a shown cell can only be hidden as `x` if it is >= threshold (it is, or it would be primary)
    as_hidden = np.where(flags[cells] == SHOWN, SECONDARY, flags[cells])
    bounds = label_bounds(
        as_hidden,
        system.numerators[cells],
        system.denominators[cells],
        threshold,
        system.estimates[cells],
    )
    return bounds.lower, bounds.upper


def _hide_moved(
    flags: np.ndarray, cells: np.ndarray, truth: np.ndarray, table: np.ndarray
) -> np.ndarray:
    moved = (flags[cells] == SHOWN) & (np.abs(table - truth[cells]) > TOLERANCE)
    flags = flags.copy()
    flags[cells[moved]] = SECONDARY
    return flags


def protect(system: System, flags: np.ndarray, threshold: int, floors: np.ndarray) -> np.ndarray:
    """Flags after hiding the cells the protection LPs choose, component by component.

    Args:
        system: the published system.
        flags: current flags ('' shown, 'primary', 'secondary').
        threshold: the small-count threshold.
        floors: per cell the lowest value its labels allow (audit.label_floor).
    """
    truth = system.numerators

    def component_flags(cells: np.ndarray) -> np.ndarray:
        # reads and changes only the flags of its own cells: components run independently
        ours = flags
        for direction in (-1.0, 1.0):
            lower, upper = _boxes(system, ours, cells, threshold)
            ends = np.maximum(lower, floors[cells]) if direction < 0 else upper
            targets = np.where(ours[cells] == PRIMARY, ends, np.nan)
            table = _move(system, cells, ours, truth, (lower, upper), targets, direction)
            if table is not None:
                ours = _hide_moved(ours, cells, truth, table)
        return ours[cells]

    components = [
        cells
        for cells in (
            np.flatnonzero(system.component == number) for number in np.unique(system.component)
        )
        if (flags[cells] == PRIMARY).any()
    ]
    flags = flags.copy()
    for cells, chosen in zip(components, map_components(component_flags, components), strict=True):
        flags[cells] = chosen
    return flags


def protect_cell(
    system: System, flags: np.ndarray, threshold: int, cell: int, target: float, direction: float
) -> np.ndarray:
    """Flags after hiding what lets one cell reach `target` on its own (the other primaries
    free inside their labels)."""
    truth = system.numerators
    cells = np.flatnonzero(system.component == system.component[cell])
    lower, upper = _boxes(system, flags, cells, threshold)
    targets = np.full(len(cells), np.nan)
    targets[np.searchsorted(cells, cell)] = target
    table = _move(system, cells, flags, truth, (lower, upper), targets, direction)
    return flags if table is None else _hide_moved(flags, cells, truth, table)
