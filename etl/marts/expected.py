"""Build step: marts.published_values + marts.region_characteristics -> verwacht versus werkelijk
(`marts.expected_values`, `marts.expected_models`, `marts.expected_coefficients`).

For every indicator and school year a count model (`stats.expected.fit_expected`: Poisson, or
negative binomial when over-dispersed) is fitted over the gemeenten with the denominator as
offset and the four standardised characteristics as terms. The characteristics are those of one
calendar year for all school years (`characteristics_year`, the newest complete year): they
change slowly and using one year keeps every school year comparable.

Privacy: the model is fitted on the **shown** counts only (flag '' in marts.published_values).
Its coefficients, and so every expected count, are then functions of published numbers and
public characteristics alone and add no equation about a hidden count; a ratio is written only
for shown cells, where ratio x expected gives back a count that is already shown. Hidden cells
get no row at all. Leaving out the hidden (small) counts biases the model a little towards
higher levels in small gemeenten; `gemeenten_hidden` in marts.expected_models says how many
were left out.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from etl.sql import write_frame
from stats.expected import ExpectedFit, fit_expected, ratio_interval

#: fewer fitted gemeenten than this: no model for that indicator and school year
MIN_GEMEENTEN = 15

VALUE_COLUMNS = (
    "indicator_key::varchar as indicator_key, region_level::varchar as region_level, "
    "region_code::varchar as region_code, region_name::varchar as region_name, "
    "school_year::varchar as school_year, school_year_start::integer as school_year_start, "
    "observed::bigint as observed, denominator::bigint as denominator, "
    "expected::double as expected, ratio::double as ratio, "
    "ratio_ci_lower::double as ratio_ci_lower, ratio_ci_upper::double as ratio_ci_upper, "
    "status::varchar as status, is_demo::boolean as is_demo"
)
MODEL_COLUMNS = (
    "indicator_key::varchar as indicator_key, school_year::varchar as school_year, "
    "school_year_start::integer as school_year_start, family::varchar as family, "
    "gemeenten_used::integer as gemeenten_used, gemeenten_hidden::integer as gemeenten_hidden, "
    "deviance::double as deviance, residual_df::integer as residual_df, "
    "pearson_dispersion::double as pearson_dispersion, alpha::double as alpha, "
    "characteristics_year::integer as characteristics_year, is_demo::boolean as is_demo"
)
COEFFICIENT_COLUMNS = (
    "indicator_key::varchar as indicator_key, school_year::varchar as school_year, "
    "term::varchar as term, term_label::varchar as term_label, sort_order::integer as sort_order, "
    "coefficient::double as coefficient, std_error::double as std_error, "
    "ci_lower::double as ci_lower, ci_upper::double as ci_upper, "
    "scaled_sd::double as scaled_sd, is_demo::boolean as is_demo"
)


def _characteristics(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """z-scores per gemeente (one column per characteristic) and the characteristics' labels."""
    long = con.execute(
        "select region_code, characteristic_key, characteristic_label, sort_order, z, "
        "scaled_sd, characteristics_year from marts.region_characteristics "
        "where region_level = 'gemeente' order by sort_order, region_code"
    ).df()
    wide = long.pivot(index="region_code", columns="characteristic_key", values="z")
    terms = long.drop_duplicates("characteristic_key")[
        ["characteristic_key", "characteristic_label", "sort_order", "scaled_sd"]
    ]
    wide = wide[list(terms["characteristic_key"])].fillna(0.0)
    wide.attrs["year"] = int(long["characteristics_year"].iloc[0]) if len(long) else None
    return wide, terms


def _cells(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "select indicator_key, region_level, region_code, region_name, school_year, "
        "school_year_start, numerator, denominator, status, is_demo, flag "
        "from marts.published_values where region_level = 'gemeente' "
        "order by indicator_key, school_year_start, region_code"
    ).df()


def _values(group: pd.DataFrame, fit: ExpectedFit) -> pd.DataFrame:
    lower, upper = ratio_interval(group["numerator"], fit.expected)
    return group.assign(
        observed=group["numerator"],
        expected=fit.expected,
        ratio=group["numerator"].to_numpy(dtype=float) / fit.expected,
        ratio_ci_lower=lower,
        ratio_ci_upper=upper,
    )


def _coefficients(fit: ExpectedFit, terms: pd.DataFrame) -> pd.DataFrame:
    """The fit's coefficients with each term's Dutch label, order and standard deviation."""
    keys = ["intercept", *terms["characteristic_key"]]
    labels = dict(zip(keys, ["constante", *terms["characteristic_label"]], strict=True))
    orders = dict(zip(keys, [0, *terms["sort_order"]], strict=True))
    sds = dict(zip(keys, [np.nan, *terms["scaled_sd"]], strict=True))
    table = fit.coefficients
    return table.assign(
        term_label=table["term"].map(labels),
        sort_order=table["term"].map(orders),
        scaled_sd=table["term"].map(sds),
    )


def build_expected(con: duckdb.DuckDBPyConnection) -> None:
    """Fit every indicator in its newest school year and write the three expected-value marts.

    Only the newest year: that is the year the pages and the report compare a gemeente with
    (older years would cost a model fit each on every build and are shown nowhere).
    """
    z, terms = _characteristics(con)
    cells = _cells(con)
    values, models, coefficients = [], [], []
    if len(z):
        cells = cells[cells["region_code"].isin(z.index)]
        newest = cells.groupby("indicator_key")["school_year_start"].transform("max")
        cells = cells[cells["school_year_start"] == newest]
        for (key, start), group in cells.groupby(["indicator_key", "school_year_start"]):
            shown = group[(group["flag"] == "") & group["numerator"].notna()]
            shown = shown[shown["denominator"] > 0]
            if len(shown) < MIN_GEMEENTEN:
                continue
            fit = fit_expected(
                shown["numerator"].to_numpy(dtype=float),
                shown["denominator"].to_numpy(dtype=float),
                z.loc[shown["region_code"]],
            )
            first = shown.iloc[0]
            values.append(_values(shown, fit))
            models.append(
                {
                    "indicator_key": key,
                    "school_year": first["school_year"],
                    "school_year_start": start,
                    "family": fit.family,
                    "gemeenten_used": fit.units,
                    "gemeenten_hidden": int((group["flag"] != "").sum()),
                    "deviance": fit.deviance,
                    "residual_df": fit.units - len(fit.coefficients),
                    "pearson_dispersion": fit.pearson_dispersion,
                    "alpha": fit.alpha,
                    "characteristics_year": z.attrs["year"],
                    "is_demo": bool(first["is_demo"]),
                }
            )
            coefficients.append(
                _coefficients(fit, terms).assign(
                    indicator_key=key,
                    school_year=first["school_year"],
                    is_demo=bool(first["is_demo"]),
                )
            )
    _write(con, "marts.expected_values", values, VALUE_COLUMNS)
    _write(con, "marts.expected_models", [pd.DataFrame(models)] if models else [], MODEL_COLUMNS)
    _write(con, "marts.expected_coefficients", coefficients, COEFFICIENT_COLUMNS)


def _write(
    con: duckdb.DuckDBPyConnection, table: str, frames: list[pd.DataFrame], columns: str
) -> None:
    """Write `frames` stacked; with none, an empty table with the same typed columns."""
    if frames:
        write_frame(con, table, pd.concat(frames, ignore_index=True), columns)
        return
    names = [part.rsplit(" as ", 1)[1].strip() for part in columns.split(", ")]
    write_frame(
        con, table, pd.DataFrame({name: pd.Series([], dtype=object) for name in names}), columns
    )
