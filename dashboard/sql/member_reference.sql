-- Purpose: the published values the member page (/opgave) sets a member's own figures beside:
--   per verzuim indicator the RMC-regio's of the member's gemeenten and Nederland, in the latest
--   school year the warehouse has verzuim figures for.
-- Grain: one row per indicator_key x region (the RMC-regio's, by name, then Nederland); a region
--   without a value that year has no row.
-- Params: $region_codes (list of GM codes: the organisation's gemeenten).
-- Returns: indicator_key, region_level ('rmc' or 'nederland'), region_code, region_name,
--   school_year, value (NULL when hidden), status, flag ('' shown, 'primary', 'secondary').
with

latest as (
    select max(school_year_start) as school_year_start
    from safe.indicator_values
    where source_key = 'verzuim'
),

own_regions as (
    select distinct rmc_code
    from db.marts.regions
    where region_level = 'gemeente'
      and list_contains($region_codes, region_code)
)

select
    -- ids
    v.indicator_key,
    v.region_level,
    v.region_code,
    -- dimensions
    v.region_name,
    v.school_year,
    -- measures
    v.value,
    -- flags
    v.status,
    v.flag
from safe.indicator_values as v
inner join latest on v.school_year_start = latest.school_year_start
where v.source_key = 'verzuim'
  and (
      v.region_level = 'nederland'
      or (v.region_level = 'rmc' and v.region_code in (select rmc_code from own_regions))
  )
order by v.region_level = 'nederland', v.region_name, v.indicator_key
