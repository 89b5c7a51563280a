"""Build step: marts.indicator_values -> marts.published_values (exactly what Kompas shows).

Runs after the marts layer, for the threshold in force (`KOMPAS_SUPPRESS_BELOW`, read by the
ETL only). Hidden cells keep their denominator (a population) but lose numerator, value and
interval, and carry flag 'primary' (`<5`) or 'secondary' (`x`). A row without a figure (a
verzuim gemeente that sent no opgave; a total none of whose gemeenten did) is no cell of the
system and carries flag 'no_submission' ("geen opgave"). An estimated total (some gemeenten
missing, docs/nonresponse.md) is a cell whose equation is its weighted sum. funnel_class is
computed from the published rows only, so a verdict never reveals a hidden count; estimates
get none (their uncertainty is not only chance).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import numpy as np
import pandas as pd

from etl.disclosure.audit import SHOWN
from etl.disclosure.selection import select
from etl.disclosure.system import CELL_COLUMNS, WEIGHT_COLUMNS, build_system, identities_holding
from etl.marts.registry import indicator_specs
from etl.sql import write_frame
from stats.funnel import funnel_classes
from stats.response import NO_SUBMISSION

HIDDEN_MEASURES = ("numerator", "value", "ci_lower", "ci_upper")
PUBLISHED_COLUMNS = (
    "indicator_key::varchar as indicator_key, region_level::varchar as region_level, "
    "region_code::varchar as region_code, region_name::varchar as region_name, "
    "rmc_code::varchar as rmc_code, provincie_code::varchar as provincie_code, "
    "school_year::varchar as school_year, school_year_start::integer as school_year_start, "
    "numerator::bigint as numerator, denominator::bigint as denominator, "
    "value::double as value, ci_lower::double as ci_lower, ci_upper::double as ci_upper, "
    "status::varchar as status, source_key::varchar as source_key, "
    "is_demo::boolean as is_demo, flag::varchar as flag, funnel_class::varchar as funnel_class, "
    "is_estimate::boolean as is_estimate, gemeenten_total::integer as gemeenten_total, "
    "gemeenten_responding::integer as gemeenten_responding, "
    "response_rate::double as response_rate, "
    "denominator_responding::bigint as denominator_responding, "
    "response_denominator_share::double as response_denominator_share"
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


def system_cells(truth: pd.DataFrame) -> pd.DataFrame:
    """The cells of the system: rows with a figure, an estimate holding its unrounded value."""
    cells = truth[truth["numerator"].notna()].copy()
    estimate = cells["is_estimate"].to_numpy(dtype=bool)
    cells["numerator"] = np.where(
        estimate, cells["estimated_count"].to_numpy(dtype=float), cells["numerator"]
    )
    return cells[[*CELL_COLUMNS, "is_estimate", "observed_numerator"]]


def estimate_weights(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """marts.estimate_weights (the estimates' equations)."""
    return con.execute(f"select {', '.join(WEIGHT_COLUMNS)} from marts.estimate_weights").df()


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
    cells = system_cells(truth)
    holding = identities_holding(cells, sum_of)
    system = build_system(cells, sum_of, holding, estimate_weights(con))
    flags, audit = select(system, threshold)
    all_flags = np.full(len(truth), NO_SUBMISSION, dtype=object)
    all_flags[truth.index.get_indexer(cells.index)] = flags
    audit.index = cells.index[audit.index.to_numpy()]
    published = hide(truth, all_flags)
    models = {
        str(key): (str(model), float(multiplier))
        for key, model, multiplier in con.execute(
            "select indicator_key, model, multiplier from marts.indicators"
        ).fetchall()
    }
    # estimates are not assessed, but the Nederland row (estimate or not) is the reference
    assessed = published.assign(
        numerator=published["numerator"].mask(
            published["is_estimate"].astype(bool) & (published["region_level"] != "nederland")
        )
    )
    published["funnel_class"] = funnel_classes(assessed, models).to_numpy()
    write_frame(con, "marts.published_values", published, PUBLISHED_COLUMNS)
    return audit
