-- Purpose: the response table of the OCW table set: how many gemeenten delivered verzuim
--   figures, per school year and RMC-regio, provincie and Nederland.
-- Grain: one row per school year x region (levels rmc, provincie, nederland).
-- Params: none.
-- Returns: school_year, school_year_start, region_level, region_code, region_name,
--   gemeenten (in the indeling), reported (gemeenten with verzuim figures that year),
--   population (inhabitants 5-17 of all its gemeenten), population_reported (of those that
--   reported; the coverage of the auxiliary of the estimates, docs/nonresponse.md).
--   A gemeente counts as reported when it has any verzuim figure (shown or hidden alike:
--   whether a gemeente reported is not a small count), not when its row is flag
--   'no_submission' (geen opgave) for every verzuim indicator.
with years as (
    select distinct school_year, school_year_start
    from safe.indicator_values
    where source_key = 'verzuim'
),
gemeente_years as (
    select school_year, region_code, max(denominator) as population,
        bool_or(flag <> 'no_submission') as has_figure
    from safe.indicator_values
    where source_key = 'verzuim' and region_level = 'gemeente'
    group by all
),
reported as (
    select school_year, region_code, population from gemeente_years where has_figure
),
populations as (
    select school_year, region_code, population from gemeente_years
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
    count(r.region_code) as reported,
    sum(p.population) as population,
    coalesce(sum(r.population), 0) as population_reported
from years as y
cross join membership as m
left join reported as r on r.school_year = y.school_year and r.region_code = m.region_code
left join populations as p on p.school_year = y.school_year and p.region_code = m.region_code
group by y.school_year, y.school_year_start, m.region_level, m.parent_code, m.parent_name
order by
    y.school_year_start,
    case m.region_level when 'nederland' then 0 when 'provincie' then 1 else 2 end,
    m.parent_name
