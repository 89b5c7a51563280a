-- One value per indicator, region and school year at the boundary year's indeling.
-- Grain: indicator_key x region_level x region_code x school_year.
-- Counts were harmonised per gemeente in whole numbers; here they are summed to
-- RMC-regio, provincie and Nederland (see `levels` for gemeenten without a figure), and only
-- then turned into values and 95% intervals (Wilson for shares, exact Poisson for rates).
-- Verzuim denominators: inhabitants 5-17 on 1 January inside the school year (start + 1); when
-- that year is not published yet, the latest earlier year (ASOF join).
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

indicators as (
    select * from marts.indicators
),

absence_with_population as (
    select
        absence.*,
        population.population_5_17
    from absence
    asof left join population
        on absence.municipality_code = population.municipality_code
        and absence.school_year_start + 1 >= population.year
),

gemeente_counts as (
    select 'vsv_pct' as indicator_key, municipality_code, school_year_start, is_voorlopig,
        vsv_count as numerator, pupils_count as denominator
    from leavers
    union all
    select 'absoluut_verzuim_per_1000', municipality_code, school_year_start, is_voorlopig,
        absoluut_verzuim_count, population_5_17
    from absence_with_population
    union all
    select 'relatief_verzuim_per_1000', municipality_code, school_year_start, is_voorlopig,
        relatief_verzuim_count, population_5_17
    from absence_with_population
    union all
    select 'zestien_uur_verzuim_per_1000', municipality_code, school_year_start, is_voorlopig,
        relatief_verzuim_16_uur_count, population_5_17
    from absence_with_population
    union all
    select 'luxe_verzuim_per_1000', municipality_code, school_year_start, is_voorlopig,
        relatief_verzuim_luxe_count, population_5_17
    from absence_with_population
    union all
    select 'langdurig_relatief_verzuim_per_1000', municipality_code, school_year_start,
        is_voorlopig, langdurig_relatief_verzuim_count, population_5_17
    from absence_with_population
    union all
    select 'thuiszitters_per_1000', municipality_code, school_year_start, is_voorlopig,
        thuiszitters_count, population_5_17
    from absence_with_population
    union all
    select 'vrijstelling_5a_per_1000', municipality_code, school_year_start, is_voorlopig,
        vrijstelling_5a_count, population_5_17
    from absence_with_population
),

-- every gemeente x indicator x year, so a gemeente without figures is visible to the aggregates
gemeente_grid as (
    select
        grid.indicator_key,
        municipalities.municipality_code,
        municipalities.rmc_code,
        municipalities.provincie_code,
        grid.school_year_start,
        counts.is_voorlopig,
        counts.numerator::bigint as numerator,
        counts.denominator::bigint as denominator
    from (select distinct indicator_key, school_year_start from gemeente_counts) as grid
    cross join municipalities
    left join gemeente_counts as counts
        on counts.indicator_key = grid.indicator_key
        and counts.municipality_code = municipalities.municipality_code
        and counts.school_year_start = grid.school_year_start
),

-- Aggregates sum the gemeenten whose numerator is known (numerator and denominator over the
-- same gemeenten, so the rate stays consistent). A gemeente without a figure (CBS leaves tiny
-- gemeenten empty; a gemeente may not report verzuim) is tolerated only while the gemeenten
-- with figures hold at least 99% of the aggregate's denominator; otherwise no aggregate value.
levels as (
    select indicator_key, 'gemeente' as region_level, municipality_code as region_code,
        school_year_start, coalesce(is_voorlopig, false) as is_voorlopig, numerator, denominator,
        denominator as all_denominator, 0 as unknown_denominators
    from gemeente_grid
    where numerator is not null and denominator is not null
    union all
    select indicator_key, 'rmc', rmc_code, school_year_start, bool_or(is_voorlopig),
        sum(numerator) filter (where numerator is not null),
        sum(denominator) filter (where numerator is not null),
        sum(denominator), count(*) filter (where denominator is null)
    from gemeente_grid group by indicator_key, rmc_code, school_year_start
    union all
    select indicator_key, 'provincie', provincie_code, school_year_start, bool_or(is_voorlopig),
        sum(numerator) filter (where numerator is not null),
        sum(denominator) filter (where numerator is not null),
        sum(denominator), count(*) filter (where denominator is null)
    from gemeente_grid group by indicator_key, provincie_code, school_year_start
    union all
    select indicator_key, 'nederland', 'NL01', school_year_start, bool_or(is_voorlopig),
        sum(numerator) filter (where numerator is not null),
        sum(denominator) filter (where numerator is not null),
        sum(denominator), count(*) filter (where denominator is null)
    from gemeente_grid group by indicator_key, school_year_start
),

complete as (
    select * from levels
    where unknown_denominators = 0 and denominator >= 0.99 * all_denominator
),

final as (
    select
        -- ids
        complete.indicator_key,
        complete.region_level,
        complete.region_code,
        regions.region_name,
        regions.rmc_code,
        regions.provincie_code,
        complete.school_year_start || '-' || (complete.school_year_start + 1) as school_year,
        complete.school_year_start,
        -- measures
        complete.numerator::bigint as numerator,
        complete.denominator::bigint as denominator,
        complete.numerator / complete.denominator * indicators.multiplier as value,
        ci_lower(indicators.model, complete.numerator, complete.denominator,
            indicators.multiplier) as ci_lower,
        ci_upper(indicators.model, complete.numerator, complete.denominator,
            indicators.multiplier) as ci_upper,
        -- flags
        case when complete.is_voorlopig then 'voorlopig' else 'definitief' end as status,
        complete.numerator < getvariable('suppression_threshold') as is_suppressed,
        indicators.source_key,
        regions.is_demo
    from complete
    inner join indicators on complete.indicator_key = indicators.indicator_key
    inner join marts.regions as regions
        on complete.region_level = regions.region_level
        and complete.region_code = regions.region_code
    where complete.denominator > 0
)

select * from final
order by indicator_key, region_level, region_code, school_year_start
