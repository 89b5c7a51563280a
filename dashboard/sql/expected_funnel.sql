-- Purpose: observed/expected ratios of all gemeenten for one indicator and school year: the
--   points of a funnel plot of standardised ratios (x = expected count, y = ratio, limits
--   around 1 from the expected count). Shown counts only.
-- Grain: one row per gemeente with an expected value.
-- Params: $indicator_key (text), $school_year (text, '2023-2024').
-- Returns: region_code, region_name, status, observed, expected, ratio, ratio_ci_lower,
--   ratio_ci_upper.
select
    -- ids
    region_code,
    -- dimensions
    region_name,
    status,
    -- measures
    observed,
    expected,
    ratio,
    ratio_ci_lower,
    ratio_ci_upper
from db.marts.expected_values
where indicator_key = $indicator_key
  and school_year = $school_year
order by expected desc, region_code
