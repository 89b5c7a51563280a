"""Linear programs of disclosure control: one set of constraints, many objectives (HiGHS).

The audit asks the same constraints (the published equations and what each label allows) for
many objectives in turn: minimise this cell, maximise that weighted sum. Passing the model to
HiGHS once and changing only the costs lets each next solve start from the previous optimal
basis, which needs a handful of simplex iterations instead of a solve from scratch; scipy's
`linprog` rebuilds and re-solves the whole model every call. Presolve is off: these programs
are small and sparse, and on the demo with the real indeling presolving them took longer than
it saved (the protection LPs ran in about half the time without it).

Creating a HiGHS instance costs about 2 ms, more than solving most of these programs, and a
build makes some 180 programs: they share one instance, to which each program passes its model
(passing a model clears the previous model, basis and solution). A program whose model another
one replaced passes it again before its next solve.
"""

from __future__ import annotations

import highspy
import numpy as np
from scipy import sparse


class _Shared:
    """The one HiGHS instance of this process and the program whose model it holds."""

    solver: highspy.Highs | None = None
    owner: LinearProgram | None = None


def _solver() -> highspy.Highs:
    """The shared HiGHS instance (created on first use, its options set once)."""
    if _Shared.solver is None:
        _Shared.solver = highspy.Highs()
        _Shared.solver.setOptionValue("output_flag", False)
        _Shared.solver.setOptionValue("presolve", "off")
    return _Shared.solver


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
        _Shared.owner = self

    @classmethod
    def equations(
        cls, matrix: sparse.spmatrix, rhs: np.ndarray, bounds: np.ndarray
    ) -> LinearProgram:
        """The program of A @ x = rhs within `bounds`."""
        return cls(matrix, rhs, rhs, bounds)

    def minimise(self, objective: np.ndarray) -> np.ndarray | None:
        """The optimal x for this objective, or None when the program has no solution."""
        if _Shared.owner is not self:
            self._take_solver()
        self._highs.changeColsCost(self._size, self._columns, np.asarray(objective, dtype=float))
        self._highs.run()
        if self._highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.asarray(self._highs.getSolution().col_value, dtype=float)
