-- Purpose: a member's submitted counts as Kompas's verzuim indicators, for the reflection on the
--   member page (/opgave). Numerators by the warehouse's own macro verzuim_numerators
--   (etl/harmonised/_verzuim_numerators.sql) and the warehouse's denominator: inwoners
--   5-17 on 1 January inside the school year (start + 1; when that year is not published yet,
--   the latest earlier year, ASOF), from the warehouse's harmonised.population. Summed over the
--   submission's gemeenten that reported the count and have a population (numerator and
--   denominator over the same gemeenten, as the marts aggregate).
-- Grain: one row per verzuim indicator of marts.indicators (source_key 'verzuim'), in display
--   order.
-- Params: relation `submission` (the submission's staged rows: municipality_code,
--   school_year_start and the *_count columns of staged.verzuim__counts).
-- Returns: indicator_key, gemeenten (how many were summed), numerator, denominator, value
--   (numerator / denominator * multiplier; NULL when no gemeente reported the count).
with

rows as (
    select * from submission
),

population as (
    select municipality_code, year, population_5_17 from harmonised.population
),

with_population as (
    select
        rows.*,
        population.population_5_17
    from rows
    asof left join population
        on rows.municipality_code = population.municipality_code
        and rows.school_year_start + 1 >= population.year
),

counts as (
    -- the warehouse's own definition of each indicator's numerator (_verzuim_numerators.sql)
    select indicator_key, numerator, population_5_17 as denominator
    from verzuim_numerators('with_population')
),

summed as (
    select
        indicator_key,
        count(*) as gemeenten,
        sum(numerator)::bigint as numerator,
        sum(denominator)::bigint as denominator
    from counts
    where numerator is not null and denominator > 0
    group by indicator_key
)

select
    indicators.indicator_key,
    coalesce(summed.gemeenten, 0) as gemeenten,
    summed.numerator,
    summed.denominator,
    summed.numerator / summed.denominator * indicators.multiplier as value
from marts.indicators as indicators
left join summed on summed.indicator_key = indicators.indicator_key
where indicators.source_key = 'verzuim'
order by indicators.sort_order
