-- Purpose: the gemeenten of one RMC-regio or provincie with every indicator in its newest school
--   year (the Regiorapport's table of gemeenten).
-- Grain: one row per gemeente of the area x indicator (gemeenten without a figure keep NULL
--   measures and flag '').
-- Params: $parent_level (text: rmc | provincie), $parent_code (text, MCxx or PVxx).
-- Returns: region_code, region_name, indicator_key, school_year, numerator, denominator, value,
--   ci_lower, ci_upper, status, is_suppressed, flag, funnel_class. Suppressed counts and values
--   are NULL (safe view); the flag says which label to show.
with

members as (
    select region_code, region_name
    from db.marts.regions
    where region_level = 'gemeente'
      and (
          ($parent_level = 'rmc' and rmc_code = $parent_code)
          or ($parent_level = 'provincie' and provincie_code = $parent_code)
      )
),

newest as (
    select indicator_key, max_by(school_year, school_year_start) as school_year
    from safe.indicator_values
    where region_level = 'nederland'
    group by indicator_key
),

figures as (
    select v.*
    from safe.indicator_values as v
    inner join newest as n using (indicator_key, school_year)
    where v.region_level = 'gemeente'
)

select
    -- ids
    m.region_code,
    m.region_name,
    n.indicator_key,
    n.school_year,
    -- measures
    f.numerator,
    f.denominator,
    f.value,
    f.ci_lower,
    f.ci_upper,
    -- flags
    f.status,
    coalesce(f.is_suppressed, false) as is_suppressed,
    coalesce(f.flag, '') as flag,
    coalesce(f.funnel_class, '') as funnel_class
from members as m
cross join newest as n
left join figures as f
    on m.region_code = f.region_code
    and n.indicator_key = f.indicator_key
order by m.region_name, n.indicator_key
