-- Purpose: which school years each indicator covers nationally, and which are voorlopig.
-- Grain: one row per indicator_key.
-- Params: none.
-- Returns: indicator_key, first_school_year, last_school_year, year_count, voorlopig_years
select
    -- ids
    indicator_key,
    -- measures
    min(school_year) as first_school_year,
    max(school_year) as last_school_year,
    count(distinct school_year) as year_count,
    coalesce(
        string_agg(distinct school_year, ', ' order by school_year)
            filter (where status = 'voorlopig'),
        ''
    ) as voorlopig_years
from safe.indicator_values
where region_level = 'nederland'
group by indicator_key
order by indicator_key
