-- Purpose: the school years in the warehouse with their status, oldest first.
-- Grain: one row per school year.
-- Params: none.
-- Returns: school_year, school_year_start, status ('voorlopig' if any national figure of that
--   year is provisional, else 'definitief').
select
    school_year,
    school_year_start,
    case when bool_or(status = 'voorlopig') then 'voorlopig' else 'definitief' end as status
from safe.indicator_values
where region_level = 'nederland'
group by school_year, school_year_start
order by school_year_start
