-- Every indicator has a national value for every school year between its first and last year,
-- and vsv has a value for every gemeente in every year (CBS publishes all gemeenten).
with

national as (
    select indicator_key, school_year_start
    from marts.indicator_values where region_level = 'nederland'
),

spans as (
    select indicator_key, min(school_year_start) as first_year, max(school_year_start) as last_year
    from national group by indicator_key
),

expected as (
    select indicator_key, unnest(range(first_year, last_year + 1)) as school_year_start from spans
),

vsv_gemeenten as (
    select r.region_code, y.school_year_start
    from marts.regions as r
    cross join (select distinct school_year_start from national
                where indicator_key = 'vsv_pct') as y
    where r.region_level = 'gemeente'
)

select expected.indicator_key, 'NL01' as region_code, expected.school_year_start
from expected anti join national using (indicator_key, school_year_start)
union all
select 'vsv_pct', v.region_code, v.school_year_start
from vsv_gemeenten as v
anti join (select region_code, school_year_start from marts.indicator_values
           where indicator_key = 'vsv_pct') as m using (region_code, school_year_start)
