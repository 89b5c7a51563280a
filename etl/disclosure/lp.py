"""Linear programs of disclosure control: one set of constraints, many objectives (HiGHS).

The audit asks the same constraints (the published equations and what each label allows) for
many objectives in turn: minimise this cell, maximise that weighted sum. Passing the model to
HiGHS once and changing only the costs lets each next solve start from the previous optimal
basis, which needs a handful of simplex iterations instead of a solve from scratch; scipy's
`linprog` rebuilds and re-solves the whole model every call. Presolve is off: these programs
are small and sparse, and on the demo with the real indeling presolving them took longer than
it saved (the protection LPs ran in about half the time without it).

Creating a HiGHS instance costs about 2 ms, more than solving most of these programs, and a
build makes some 180 programs: the programs of one thread share one instance, to which each
program passes its model (passing a model clears the previous model, basis and solution). A
program whose model another one replaced passes it again before its next solve. Components of
the system are independent, so the build solves them on a few threads (`map_components`);
HiGHS releases the GIL while it solves, and each thread's solves run in the same order on a
fresh model as they would on one thread, so the results do not depend on the threads.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import highspy
import numpy as np
from scipy import sparse

T = TypeVar("T")
R = TypeVar("R")

#: Threads that solve components at once (the build machine's cores, at most 4).
THREADS = max(1, min(4, os.cpu_count() or 1))


class _Shared(threading.local):
    """The HiGHS instance of this thread and the program whose model it holds."""

    solver: highspy.Highs | None = None
    owner: LinearProgram | None = None


_SHARED = _Shared()


def _solver() -> highspy.Highs:
    """This thread's HiGHS instance (created on first use, its options set once)."""
    if _SHARED.solver is None:
        _SHARED.solver = highspy.Highs()
        _SHARED.solver.setOptionValue("output_flag", False)
        _SHARED.solver.setOptionValue("presolve", "off")
    return _SHARED.solver


def map_components(work: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """`work` of every item (independent components), in the items' order, on THREADS threads."""
    items = list(items)
    if THREADS == 1 or len(items) < 2:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return list(pool.map(work, items))


class LinearProgram:
    """min c @ x subject to row_lower <= A @ x <= row_upper and lower <= x <= upper."""

    def __init__(
        self,
        matrix: sparse.spmatrix,
        row_lower: np.ndarray,
        row_upper: np.ndarray,
        bounds: np.ndarray,
    ) -> None:
        """Pass the constraints to HiGHS.

        Args:
            matrix: the constraint matrix (rows x variables).
            row_lower, row_upper: bounds per row (equal for an equation; -inf / inf allowed).
            bounds: per variable [lower, upper] (shape variables x 2; inf allowed).
        """
        columns = sparse.csc_matrix(matrix)
        lp = highspy.HighsLp()
        lp.num_col_ = columns.shape[1]
        lp.num_row_ = columns.shape[0]
        lp.col_cost_ = np.zeros(columns.shape[1])
        lp.col_lower_ = np.asarray(bounds[:, 0], dtype=float)
        lp.col_upper_ = np.asarray(bounds[:, 1], dtype=float)
        lp.row_lower_ = np.asarray(row_lower, dtype=float)
        lp.row_upper_ = np.asarray(row_upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = columns.indptr.astype(np.int32)
        lp.a_matrix_.index_ = columns.indices.astype(np.int32)
        lp.a_matrix_.value_ = columns.data.astype(float)
        self._size = columns.shape[1]
        self._columns = np.arange(self._size, dtype=np.int32)
        self._lp = lp
        self._highs = _solver()
        self._take_solver()

    def _take_solver(self) -> None:
        self._highs.passModel(self._lp)
        _SHARED.owner = self

    @classmethod
    def equations(
        cls, matrix: sparse.spmatrix, rhs: np.ndarray, bounds: np.ndarray
    ) -> LinearProgram:
        """The program of A @ x = rhs within `bounds`."""
        return cls(matrix, rhs, rhs, bounds)

    def minimise(self, objective: np.ndarray) -> np.ndarray | None:
        """The optimal x for this objective, or None when the program has no solution."""
        if _SHARED.owner is not self:
            self._take_solver()
        self._highs.changeColsCost(self._size, self._columns, np.asarray(objective, dtype=float))
        self._highs.run()
        if self._highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(self._highs.getSolution().col_value, dtype=float)
