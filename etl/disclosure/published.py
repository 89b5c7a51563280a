"""Build step: marts.indicator_values -> marts.published_values (exactly what Kompas shows).

Runs after the marts layer, for the threshold in force (`KOMPAS_SUPPRESS_BELOW`, read by the
ETL only). Hidden cells keep their denominator (a population) but lose numerator, value and
interval, and carry flag 'primary' (`<5`) or 'secondary' (`x`). funnel_class is computed from
the published rows only, so a verdict never reveals a hidden count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import numpy as np
import pandas as pd

from etl.disclosure.audit import SHOWN
from etl.disclosure.selection import select
from etl.disclosure.system import CELL_COLUMNS, build_system, identities_holding
from etl.marts.registry import indicator_specs
from etl.sql import write_frame
from stats.funnel import funnel_classes

HIDDEN_MEASURES = ("numerator", "value", "ci_lower", "ci_upper")
PUBLISHED_COLUMNS = (
    "indicator_key::varchar as indicator_key, region_level::varchar as region_level, "
    "region_code::varchar as region_code, region_name::varchar as region_name, "
    "rmc_code::varchar as rmc_code, provincie_code::varchar as provincie_code, "
    "school_year::varchar as school_year, school_year_start::integer as school_year_start, "
    "numerator::bigint as numerator, denominator::bigint as denominator, "
    "value::double as value, ci_lower::double as ci_lower, ci_upper::double as ci_upper, "
    "status::varchar as status, source_key::varchar as source_key, "
    "is_demo::boolean as is_demo, flag::varchar as flag, funnel_class::varchar as funnel_class"
)


def published_sums(keys: Sequence[str]) -> dict[str, list[str]]:
    """Identities from the registry (`sum_of`) among the indicators present in this build."""
    present = set(keys)
    return {
        key: list(spec["sum_of"])
        for key, spec in indicator_specs().items()
        if spec.get("sum_of") and key in present and set(spec["sum_of"]) <= present
    }


def truth_cells(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """marts.indicator_values in a fixed order (the true counts; never shown as such)."""
    return con.execute(
        "select * from marts.indicator_values "
        "order by indicator_key, school_year, region_level, region_code"
    ).df()


def hide(values: pd.DataFrame, flags: np.ndarray) -> pd.DataFrame:
    """`values` with flag set and the measures of hidden cells removed."""
    published = values.assign(flag=flags)
    hidden = published["flag"] != SHOWN
    for column in HIDDEN_MEASURES:
        published[column] = published[column].astype("Float64").mask(hidden)
    return published


def build_published_values(
    con: duckdb.DuckDBPyConnection, threshold: int, sum_of: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """Decide the suppression, write marts.published_values; returns the final audit."""
    truth = truth_cells(con)
    holding = identities_holding(truth, sum_of)
    system = build_system(truth[list(CELL_COLUMNS)], sum_of, holding)
    flags, audit = select(system, threshold)
    published = hide(truth, flags)
    models = {
        str(key): (str(model), float(multiplier))
        for key, model, multiplier in con.execute(
            "select indicator_key, model, multiplier from marts.indicators"
        ).fetchall()
    }
    published["funnel_class"] = funnel_classes(published, models).to_numpy()
    write_frame(con, "marts.published_values", published, PUBLISHED_COLUMNS)
    return audit
