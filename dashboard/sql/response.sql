-- Purpose: the response table of the OCW table set: how many gemeenten delivered verzuim
--   figures, per school year and RMC-regio, provincie and Nederland.
-- Grain: one row per school year x region (levels rmc, provincie, nederland).
-- Params: none.
-- Returns: school_year, school_year_start, region_level, region_code, region_name,
--   gemeenten (in the indeling), reported (gemeenten with verzuim figures that year).
--   A gemeente counts as reported when it has a verzuim row with a denominator (shown or
--   hidden alike: whether a gemeente reported is not a small count).
with years as (
    select distinct school_year, school_year_start
    from safe.indicator_values
    where source_key = 'verzuim'
),
reported as (
    select distinct school_year, region_code
    from safe.indicator_values
    where source_key = 'verzuim' and region_level = 'gemeente' and denominator is not null
),
gemeenten as (
    select region_code, rmc_code, rmc_name, provincie_code, provincie_name
    from db.marts.regions
    where region_level = 'gemeente'
),
membership as (
    select region_code, 'rmc' as region_level, rmc_code as parent_code, rmc_name as parent_name
    from gemeenten
    union all
    select region_code, 'provincie', provincie_code, provincie_name from gemeenten
    union all
    select region_code, 'nederland', 'NL01', 'Nederland' from gemeenten
)
select
    -- ids
    y.school_year,
    y.school_year_start,
    m.region_level,
    m.parent_code as region_code,
    m.parent_name as region_name,
    -- measures
    count(*) as gemeenten,
    count(r.region_code) as reported
from years as y
cross join membership as m
left join reported as r on r.school_year = y.school_year and r.region_code = m.region_code
group by y.school_year, y.school_year_start, m.region_level, m.parent_code, m.parent_name
order by
    y.school_year_start,
    case m.region_level when 'nederland' then 0 when 'provincie' then 1 else 2 end,
    m.parent_name
