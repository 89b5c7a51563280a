-- Purpose: the school years an indicator has national figures for, newest last.
-- Grain: one row per school_year.
-- Params: $indicator_key (text).
-- Returns: school_year, school_year_start, is_voorlopig
select
    -- ids
    school_year,
    school_year_start,
    -- flags
    bool_or(status = 'voorlopig') as is_voorlopig
from safe.indicator_values
where indicator_key = $indicator_key
  and region_level = 'nederland'
group by school_year, school_year_start
order by school_year_start
