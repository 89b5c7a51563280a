-- Purpose: verwacht versus werkelijk of one gemeente in one school year, every indicator with a
--   model (Regioprofiel, the regiorapport). Only shown counts have a row (the build wrote none
--   for hidden counts), so nothing here reveals a suppressed figure.
-- Grain: one row per indicator with an expected value for this gemeente and school year.
-- Params: $region_code (text, GMxxxx), $school_year (text, '2023-2024').
-- Returns: indicator_key, label, status, family (model family), gemeenten_used, observed,
--   expected, ratio, ratio_ci_lower, ratio_ci_upper.
select
    -- ids
    e.indicator_key,
    -- dimensions
    i.label,
    e.status,
    m.family,
    m.gemeenten_used,
    -- measures
    e.observed,
    e.expected,
    e.ratio,
    e.ratio_ci_lower,
    e.ratio_ci_upper
from db.marts.expected_values as e
inner join db.marts.indicators as i using (indicator_key)
inner join db.marts.expected_models as m using (indicator_key, school_year)
where e.region_code = $region_code
  and e.school_year = $school_year
order by i.sort_order
