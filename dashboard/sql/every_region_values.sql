-- Purpose: every indicator over all school years for every region, read once per warehouse so that
--   choosing a region (Overzicht's cards, a Regiorapport) only takes its rows (dashboard/queries.py).
-- Grain: one row per region_code x indicator_key x school_year.
-- Params: none.
-- Returns: indicator_key, region_code, region_name, school_year, school_year_start, numerator,
--   denominator, value, ci_lower, ci_upper, status, is_suppressed, flag, funnel_class,
--   is_estimate, gemeenten_responding, gemeenten_total (response: docs/nonresponse.md)
select
    -- ids
    indicator_key,
    region_code,
    -- dimensions
    region_name,
    school_year,
    school_year_start,
    -- measures
    numerator,
    denominator,
    value,
    ci_lower,
    ci_upper,
    -- flags
    status,
    is_suppressed,
    flag,
    funnel_class,
    -- response
    is_estimate,
    gemeenten_responding,
    gemeenten_total
from safe.indicator_values
order by region_code, indicator_key, school_year_start
