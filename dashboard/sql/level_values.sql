-- Purpose: one indicator for every region of one level in one school year (map, ranking,
--   funnel, comparison table). Suppressed counts arrive as NULL from safe.indicator_values.
-- Grain: one row per region_code.
-- Params: $indicator_key (text), $region_level (text), $school_year (text, '2023-2024').
-- Returns: region_code, region_name, rmc_code, provincie_code, school_year, numerator,
--   denominator, value, ci_lower, ci_upper, status, is_suppressed, flag, source_key,
--   is_estimate, gemeenten_responding, gemeenten_total (response: docs/nonresponse.md)
select
    -- ids
    region_code,
    -- dimensions
    region_name,
    rmc_code,
    provincie_code,
    school_year,
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
    source_key,
    -- response
    is_estimate,
    gemeenten_responding,
    gemeenten_total
from safe.indicator_values
where indicator_key = $indicator_key
  and region_level = $region_level
  and school_year = $school_year
order by region_name, region_code
