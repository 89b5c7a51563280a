-- Purpose: every indicator over all school years for one region (Overzicht: the user's region).
-- Grain: one row per indicator_key x school_year.
-- Params: $region_code (text, e.g. GM0014 or MC01).
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
where region_code = $region_code
order by indicator_key, school_year_start
