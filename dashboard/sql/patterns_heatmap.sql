-- Purpose: one indicator for every region of one level over all school years (Patronen heatmap).
-- Grain: one row per region x school_year.
-- Params: $region_level (text), $indicator_key (text), $parent_code (text: a provincie PVxx or
--   RMC-regio MCxx to keep only its regions; '' for all regions of the level).
-- Returns: region_code, region_name, school_year, school_year_start, numerator, denominator,
--   value, status, is_suppressed, flag, is_estimate, gemeenten_responding, gemeenten_total
--   (response: docs/nonresponse.md). Value NULL when suppressed or without opgave (safe view).
select
    -- ids
    region_code,
    region_name,
    school_year,
    school_year_start,
    -- measures
    numerator,
    denominator,
    value,
    status,
    is_suppressed,
    flag,
    -- response
    is_estimate,
    gemeenten_responding,
    gemeenten_total
from safe.indicator_values
where region_level = $region_level
  and indicator_key = $indicator_key
  and (
      $parent_code = ''
      or provincie_code = $parent_code
      or rmc_code = $parent_code
  )
order by region_name, school_year_start
