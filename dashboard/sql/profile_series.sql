-- Purpose: every indicator of one region over all school years, next to the country (Regioprofiel).
-- Grain: one row per indicator_key x school_year (only years the region has a row for).
-- Params: $region_level (text: gemeente | rmc | provincie | nederland), $region_code (text).
-- Returns: indicator_key, school_year, school_year_start, numerator, denominator, value,
--   ci_lower, ci_upper, status, is_suppressed, flag, is_estimate, gemeenten_responding,
--   gemeenten_total, nl_value, nl_ci_lower, nl_ci_upper, nl_status, nl_flag, nl_is_estimate,
--   nl_gemeenten_responding, nl_gemeenten_total (the country's response: an estimate when
--   gemeenten are missing, docs/nonresponse.md).
--   Counts, value and interval are NULL when suppressed (safe view).
with

region as (
    select *
    from safe.indicator_values
    where region_level = $region_level
      and region_code = $region_code
),

country as (
    select indicator_key, school_year, value, ci_lower, ci_upper, status, flag, is_estimate,
        gemeenten_responding, gemeenten_total
    from safe.indicator_values
    where region_level = 'nederland'
)

select
    -- ids
    r.indicator_key,
    r.school_year,
    r.school_year_start,
    -- measures of the region
    r.numerator,
    r.denominator,
    r.value,
    r.ci_lower,
    r.ci_upper,
    r.status,
    r.is_suppressed,
    r.flag,
    r.is_estimate,
    r.gemeenten_responding,
    r.gemeenten_total,
    -- measures of the country
    c.value as nl_value,
    c.ci_lower as nl_ci_lower,
    c.ci_upper as nl_ci_upper,
    c.status as nl_status,
    c.flag as nl_flag,
    c.is_estimate as nl_is_estimate,
    c.gemeenten_responding as nl_gemeenten_responding,
    c.gemeenten_total as nl_gemeenten_total
from region as r
left join country as c
    on r.indicator_key = c.indicator_key
    and r.school_year = c.school_year
order by r.indicator_key, r.school_year_start
