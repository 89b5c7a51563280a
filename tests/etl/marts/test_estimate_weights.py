"""The ratio estimate of marts.estimate_weights and marts.indicator_values on generated
indelingen: the marts SQL run on a small DuckDB holding only the tables it reads.

Properties: with full response every total is the plain sum of its gemeenten and no row is an
estimate; with gemeenten missing, every estimate equals a reference computed here (per
RMC-regio x provincie stratum: observed count x inhabitants of all / of the responding), and
the weights reproduce the region's inhabitants from the responding gemeenten.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.marts import intervals
from etl.sql import layer_files

KEY = "absoluut_verzuim_per_1000"


@st.composite
def indelingen(draw: st.DrawFn, full: bool) -> pd.DataFrame:
    """Gemeenten with RMC-regio, provincie (an RMC-regio may cross a provincie border), count
    (None: no figure) and inhabitants 5-17."""
    size = draw(st.integers(2, 12))
    rows = []
    for number in range(size):
        rmc = draw(st.sampled_from(["MC01", "MC02", "MC03"]))
        provincie = draw(st.sampled_from(["PV20", "PV21"]))
        population = draw(st.integers(1, 5000))
        count = draw(st.integers(0, population // 10))
        missing = not full and draw(st.booleans())
        rows.append((f"GM{number:04d}", rmc, provincie, None if missing else count, population))
    frame = pd.DataFrame(
        rows, columns=["municipality_code", "rmc_code", "provincie_code", "numerator", "pop"]
    )
    if not full and frame["numerator"].isna().all():
        frame.loc[0, "numerator"] = 0
    return frame


def _marts(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = duckdb.connect()
    intervals.register(con)
    con.execute("set variable suppression_threshold = 5")
    for schema in ("harmonised", "marts"):
        con.execute(f"create schema {schema}")
    con.register("gemeenten", frame)
    con.execute(
        "create table harmonised.indicator_counts as select ? as indicator_key, "
        "municipality_code, 2023 as school_year_start, rmc_code, provincie_code, "
        "true as is_estimated, false as is_voorlopig, numerator::bigint as numerator, "
        "pop::bigint as denominator from gemeenten",
        [KEY],
    )
    con.execute(
        "create table marts.indicators as select ? as indicator_key, 'poisson' as model, "
        "1000.0 as multiplier, 'verzuim' as source_key",
        [KEY],
    )
    con.execute(
        "create table marts.regions as "
        "select 'gemeente' as region_level, municipality_code as region_code, "
        "municipality_code as region_name, rmc_code, provincie_code, false as is_demo "
        "from gemeenten union all select distinct 'rmc', rmc_code, rmc_code, null, null, false "
        "from gemeenten union all select distinct 'provincie', provincie_code, provincie_code, "
        "null, null, false from gemeenten union all "
        "select 'nederland', 'NL01', 'Nederland', null, null, false"
    )
    for path in layer_files("marts"):
        if path.stem in ("estimate_weights", "indicator_values"):
            sql = path.read_text(encoding="utf-8")
            con.execute(f"create table marts.{path.stem} as\n{sql}")
    values = con.execute("select * from marts.indicator_values").df()
    weights = con.execute("select * from marts.estimate_weights").df()
    con.close()
    return values.set_index("region_code"), weights


def _regions(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    parts = {"NL01": frame}
    for column in ("rmc_code", "provincie_code"):
        parts.update({str(code): rows for code, rows in frame.groupby(column)})
    return parts


@settings(max_examples=40, deadline=None)
@given(indelingen(full=True))
def test_with_full_response_totals_are_plain_sums_and_not_estimates(frame: pd.DataFrame) -> None:
    values, weights = _marts(frame)
    assert weights.empty
    assert not values["is_estimate"].any()
    for code, rows in _regions(frame).items():
        assert values.loc[code, "numerator"] == rows["numerator"].sum()
        assert values.loc[code, "response_rate"] == 1.0


def _reference(frame: pd.DataFrame, members: pd.DataFrame) -> float:
    """Sum over the strata of `members` of observed x all / responding inhabitants; a stratum
    without response uses its provincie's responding gemeenten, else all of them."""
    total = 0.0
    for (_rmc, provincie), stratum in members.groupby(["rmc_code", "provincie_code"]):
        pool = stratum[stratum["numerator"].notna()]
        if pool.empty:
            pool = frame[(frame["provincie_code"] == provincie) & frame["numerator"].notna()]
        if pool.empty:
            pool = frame[frame["numerator"].notna()]
        total += pool["numerator"].sum() * stratum["pop"].sum() / pool["pop"].sum()
    return total


@settings(max_examples=40, deadline=None)
@given(indelingen(full=False))
def test_estimates_follow_the_ratio_method(frame: pd.DataFrame) -> None:
    values, weights = _marts(frame)
    for code, members in _regions(frame).items():
        answered = members["numerator"].notna()
        if answered.all():
            assert values.loc[code, "numerator"] == members["numerator"].sum()
            continue
        if not answered.any():
            assert pd.isna(values.loc[code, "numerator"])
            continue
        assert values.loc[code, "is_estimate"]
        expected = _reference(frame, members)
        assert abs(values.loc[code, "estimated_count"] - expected) <= 1e-9 * max(expected, 1)
        # rounded half up, as everywhere in Kompas (2,5 -> 3; Python's round would give 2)
        estimate = Decimal(repr(float(values.loc[code, "estimated_count"])))
        assert values.loc[code, "numerator"] == int(estimate.quantize(Decimal(1), ROUND_HALF_UP))
        assert values.loc[code, "gemeenten_responding"] == answered.sum()
        mine = weights[weights["region_code"] == code].merge(frame, on="municipality_code")
        assert abs((mine["weight"] * mine["pop"]).sum() - members["pop"].sum()) <= 1e-6
