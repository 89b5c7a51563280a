-- Purpose: the gemeenten of one RMC-regio for one indicator and school year (Regioprofiel
--   table and small map; the map shapes come from the shared geometry query).
-- Grain: one row per gemeente of the RMC-regio (gemeenten without a figure keep NULL measures).
-- Params: $rmc_code (text, MCxx), $indicator_key (text), $school_year (text, '2023-2024').
-- Returns: region_code, region_name, numerator, denominator, value, ci_lower, ci_upper, status,
--   is_suppressed, flag, funnel_class (verdict against Nederland among all gemeenten),
--   is_estimate, gemeenten_responding, gemeenten_total (a gemeente without opgave: flag
--   no_submission).
with

members as (
    select region_code, region_name
    from db.marts.regions
    where region_level = 'gemeente'
      and rmc_code = $rmc_code
),

figures as (
    select region_code, numerator, denominator, value, ci_lower, ci_upper, status, is_suppressed, flag,
        funnel_class, is_estimate, gemeenten_responding, gemeenten_total
    from safe.indicator_values
    where region_level = 'gemeente'
      and indicator_key = $indicator_key
      and school_year = $school_year
)

select
    -- ids
    m.region_code,
    m.region_name,
    -- measures
    f.numerator,
    f.denominator,
    f.value,
    f.ci_lower,
    f.ci_upper,
    f.status,
    coalesce(f.is_suppressed, false) as is_suppressed,
    coalesce(f.flag, '') as flag,
    coalesce(f.funnel_class, '') as funnel_class,
    coalesce(f.is_estimate, false) as is_estimate,
    f.gemeenten_responding,
    f.gemeenten_total
from members as m
left join figures as f using (region_code)
order by m.region_name
