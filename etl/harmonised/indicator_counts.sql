-- depends_on: municipalities, early_leavers, absence, population
-- Numerator and denominator of every indicator for every gemeente of the indeling and every
-- school year the indicator has figures for, whether or not the gemeente has a figure.
-- Grain: indicator_key x municipality_code x school_year_start.
-- numerator NULL = no figure (a verzuim gemeente that sent no opgave or left the cell empty;
-- CBS leaves tiny gemeenten empty). Verzuim denominators are inhabitants 5-17 on 1 January
-- inside the school year (start + 1; when that year is not published yet, the latest earlier
-- year: ASOF join), known for every gemeente: the auxiliary of the ratio estimate
-- (marts.estimate_weights). is_estimated: the source whose missing gemeenten are estimated.
with

municipalities as (
    select * from harmonised.municipalities
),

leavers as (
    select * from harmonised.early_leavers
),

absence as (
    select * from harmonised.absence
),

population as (
    select * from harmonised.population
),

counts as (
    select 'vsv_pct' as indicator_key, municipality_code, school_year_start, is_voorlopig,
        vsv_count as numerator, pupils_count as denominator
    from leavers
    union all
    -- the verzuim indicators all count in the same template row (_verzuim_numerators.sql)
    select indicator_key, municipality_code, school_year_start, is_voorlopig, numerator, null
    from verzuim_numerators('absence')
),

grid as (
    select distinct indicator_key, school_year_start, indicator_key <> 'vsv_pct' as is_estimated
    from counts
),

final as (
    select
        -- ids
        grid.indicator_key,
        municipalities.municipality_code,
        grid.school_year_start,
        -- dimensions
        municipalities.rmc_code,
        municipalities.provincie_code,
        grid.is_estimated,
        counts.is_voorlopig,
        -- measures
        counts.numerator::bigint as numerator,
        case when grid.is_estimated then population.population_5_17 else counts.denominator end
            ::bigint as denominator
    from grid
    cross join municipalities
    asof left join population
        on municipalities.municipality_code = population.municipality_code
        and grid.school_year_start + 1 >= population.year
    left join counts
        on counts.indicator_key = grid.indicator_key
        and counts.municipality_code = municipalities.municipality_code
        and counts.school_year_start = grid.school_year_start
)

select * from final
order by indicator_key, municipality_code, school_year_start
