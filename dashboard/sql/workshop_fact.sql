-- Purpose: one region's figure of one indicator in one school year beside Nederland's, for the
--   feedback of a workshop step (the funnel verdict is the build's, stored per row).
-- Grain: one row; none when the region has no row for that indicator and year.
-- Params: $region_code (text, e.g. GM0014 or MC01), $indicator_key (text), $school_year (text).
-- Returns: region_code, region_name, region_level, value, ci_lower, ci_upper, flag,
--   funnel_class, status, national_value
select
    -- ids
    region.region_code,
    -- dimensions
    region.region_name,
    region.region_level,
    -- measures (NULL when hidden: the suppression view decides)
    region.value,
    region.ci_lower,
    region.ci_upper,
    -- flags
    region.flag,
    region.funnel_class,
    region.status,
    -- the country
    national.value as national_value
from safe.indicator_values as region
left join safe.indicator_values as national
    on national.indicator_key = region.indicator_key
    and national.school_year = region.school_year
    and national.region_level = 'nederland'
where region.region_code = $region_code
    and region.indicator_key = $indicator_key
    and region.school_year = $school_year
