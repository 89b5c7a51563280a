-- Purpose: the national series of every indicator (Overzicht: newest figure, change, trend).
-- Grain: one row per indicator_key x school_year.
-- Params: none.
-- Returns: indicator_key, school_year, school_year_start, numerator, denominator, value,
--   ci_lower, ci_upper, status, is_suppressed
select
    -- ids
    indicator_key,
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
    is_suppressed
from safe.indicator_values
where region_level = 'nederland'
order by indicator_key, school_year_start
