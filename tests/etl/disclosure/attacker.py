"""An attacker written for the tests, from a publication table alone (independent of etl/).

It knows what a reader of publicatie.csv knows: shown counts, the labels (`primary` means
0..min(t-1, denominator), `secondary` means t..denominator), that every aggregate is the sum
of its gemeenten (membership from the gemeente rows' rmc_code and provincie_code), and the
published identities (total = sum of parts, where they hold). With non-response it also reads
respons.csv (which rows are estimates) and schattingsgewichten.csv (each estimate is the sum of
weight x gemeente count; a shown estimate is rounded, so known only within 0.5; an estimate
shown as `<5` lies in 0..min(t, denominator)). It returns, per hidden cell, the min and max of
that count over all real solutions (LPs; see `_ranges`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog


def attack(
    publication: pd.DataFrame,
    threshold: int,
    identities: dict[str, list[str]],
    holding: set[tuple[str, str, str]] | None = None,
    everything_hidden: bool = False,
    estimates: set[tuple[str, str, str]] | None = None,
    weights: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per hidden cell: indicator_key, region_code, school_year, flag, lo, hi, label_hi.

    everything_hidden: pretend every cell was hidden with its label (what the labels alone
    tell); used to see whether a narrow range is forced by the labels themselves.
    estimates: (indicator_key, region_code, school_year) of the estimated rows (respons.csv).
    weights: schattingsgewichten.csv (indicator_key, school_year, region_code,
    municipality_code, weight).
    """
    estimates = estimates or set()
    frame = publication.reset_index(drop=True).copy()
    frame["flag"] = frame["flag"].fillna("")
    if everything_hidden:
        small = frame["flag"] == "primary"
        frame["flag"] = np.where(small, "primary", "secondary")
    out = []
    for year, year_rows in frame.groupby("school_year"):
        idx = {
            (k, c): i
            for i, k, c in zip(
                year_rows.index, year_rows["indicator_key"], year_rows["region_code"], strict=True
            )
        }
        equations: list[dict[int, float]] = []
        gemeenten = year_rows[year_rows["region_level"] == "gemeente"]
        for key, rows in gemeenten.groupby("indicator_key"):
            parents = {"NL01": list(rows.index)}
            for col in ("rmc_code", "provincie_code"):
                for code, members in rows.groupby(col):
                    parents[str(code)] = list(members.index)
            for code, members in parents.items():
                if (key, code) in idx and (key, code, year) not in estimates:
                    eq = {idx[(key, code)]: 1.0}
                    eq.update({m: -1.0 for m in members})
                    equations.append(eq)
        if weights is not None:
            mine = weights[weights["school_year"] == year]
            for (key, code), parts in mine.groupby(["indicator_key", "region_code"]):
                if (key, code) not in idx:
                    continue
                eq = {idx[(key, code)]: 1.0}
                for member, weight in zip(parts["municipality_code"], parts["weight"], strict=True):
                    eq[idx[(key, member)]] = -float(weight)
                equations.append(eq)
        for total, parts in identities.items():
            for (key, code), i in idx.items():
                if key != total or not all((p, code) in idx for p in parts):
                    continue
                if holding is not None and (total, code, year) not in holding:
                    continue
                eq = {i: 1.0}
                eq.update({idx[(p, code)]: -1.0 for p in parts})
                equations.append(eq)
        cells = list(year_rows.index)
        pos = {c: j for j, c in enumerate(cells)}
        entries = [(r, pos[c], v) for r, eq in enumerate(equations) for c, v in eq.items()]
        rows_, cols_, vals_ = zip(*entries, strict=True) if entries else ((), (), ())
        a = sparse.csr_matrix((vals_, (rows_, cols_)), shape=(len(equations), len(cells)))
        bounds = []
        for c in cells:
            flag, den = year_rows.at[c, "flag"], float(year_rows.at[c, "denominator"])
            key = (year_rows.at[c, "indicator_key"], year_rows.at[c, "region_code"], year)
            rounded = 0.5 if key in estimates else 0.0
            if flag == "primary":
                bounds.append((0.0, min(threshold - 1.0 + 2 * rounded, den)))
            elif flag == "secondary":
                bounds.append((float(threshold), den))
            else:
                n = float(year_rows.at[c, "numerator"])
                bounds.append((max(n - rounded, 0.0), min(n + rounded, den)))
        lo, hi = _ranges(a, np.array(bounds, dtype=float), year_rows.loc[cells, "flag"])
        for c in cells:
            if year_rows.at[c, "flag"] == "":
                continue
            out.append(
                {
                    "indicator_key": year_rows.at[c, "indicator_key"],
                    "region_code": year_rows.at[c, "region_code"],
                    "school_year": year,
                    "flag": year_rows.at[c, "flag"],
                    "lo": lo[pos[c]],
                    "hi": hi[pos[c]],
                    "label_hi": bounds[pos[c]][1],
                }
            )
    columns = ["indicator_key", "region_code", "school_year", "flag", "lo", "hi", "label_hi"]
    return pd.DataFrame(out, columns=columns)


def _solve(objective: np.ndarray, a: sparse.csr_matrix, bounds: np.ndarray) -> np.ndarray:
    res = linprog(
        objective,
        A_eq=a if a.shape[0] else None,
        b_eq=np.zeros(a.shape[0]) if a.shape[0] else None,
        bounds=bounds,
        method="highs",
    )
    assert res.status == 0, res.message
    return np.asarray(res.x, dtype=float)


def _ranges(
    a: sparse.csr_matrix, bounds: np.ndarray, flags: pd.Series, rounds: int = 8
) -> tuple[np.ndarray, np.ndarray]:
    """Min and max of every cell, exact wherever the verdict of `too_narrow` depends on it.

    Every LP solution is a table the attacker cannot rule out, so the solutions of a few
    LPs pushing all hidden cells down, up and in random directions bound each range from the
    inside. A primary whose witnesses reach both ends of its label, or a secondary whose
    witnesses differ by at least 1, needs no more; every other cell gets its own min and max
    LPs (one per bound, as the plain attack does).
    """
    flag = flags.to_numpy()
    hidden = flag != ""
    scale = np.where(hidden, 1.0 / np.maximum(bounds[:, 1], 1.0), 0.0)
    rng = np.random.default_rng(1)
    seen = [_solve(scale, a, bounds), _solve(-scale, a, bounds)]
    seen += [_solve(scale * rng.choice([-1.0, 1.0], len(flag)), a, bounds) for _ in range(rounds)]
    witnessed = np.vstack(seen)
    lo, hi = witnessed.min(axis=0), witnessed.max(axis=0)
    tol = 1e-6
    primary = flag == "primary"
    for c in np.flatnonzero(hidden):
        need_lo = need_hi = hi[c] - lo[c] < 1 - tol
        if primary[c]:
            need_lo, need_hi = lo[c] > bounds[c, 0] + tol, hi[c] < bounds[c, 1] - tol
        unit = np.zeros(len(flag))
        unit[c] = 1.0
        if need_lo:
            lo[c] = _solve(unit, a, bounds)[c]
        if need_hi:
            hi[c] = _solve(-unit, a, bounds)[c]
    return lo, hi


def too_narrow(ranges: pd.DataFrame, forced: pd.DataFrame | None = None) -> pd.DataFrame:
    """Hidden cells whose range is narrower than their label: a primary that cannot reach 0 or
    its label maximum (unless `forced`, the everything-hidden attack, cannot either: then the
    labels alone say it, whatever is hidden, e.g. Nederland `x` (>= 4) over three gemeenten
    `<4` whose RMC-regio and provincie sums are `<4` keeps each gemeente at most 2); a
    secondary pinned to one value."""
    tol = 1e-6
    merged = ranges
    if forced is not None:
        keys = ["indicator_key", "region_code", "school_year"]
        implied = forced[[*keys, "lo", "hi"]].rename(columns={"lo": "floor", "hi": "ceiling"})
        merged = ranges.merge(implied, on=keys)
    floor = merged.get("floor", 0.0)
    ceiling = np.minimum(merged["label_hi"], merged.get("ceiling", merged["label_hi"]))
    primary = merged["flag"] == "primary"
    bad_primary = primary & ((merged["lo"] > floor + tol) | (merged["hi"] < ceiling - tol))
    bad_secondary = ~primary & (merged["hi"] - merged["lo"] < 1 - tol)
    return merged[bad_primary | bad_secondary]
