-- depends_on: estimate_weights
-- One value per indicator, region and school year at the boundary year's indeling.
-- Grain: indicator_key x region_level x region_code x school_year.
-- Counts were harmonised per gemeente in whole numbers; here they are summed to
-- RMC-regio, provincie and Nederland, and only then turned into values and 95% intervals
-- (Wilson for shares, exact Poisson for rates).
-- Verzuim: a gemeente without a figure keeps a row without a count (geen opgave); a total with
-- some gemeenten missing is a ratio estimate (marts.estimate_weights, docs/nonresponse.md):
-- numerator is the estimate rounded to a whole number, value = numerator / denominator (all
-- inhabitants 5-17 of the region); an estimate has no interval. A total without any responding
-- gemeente has no count. Other sources (CBS vsv) are summed over the gemeenten with a figure,
-- and only while those hold at least 99% of the denominator (CBS leaves tiny gemeenten empty).
with

counts as (
    select * from harmonised.indicator_counts
),

weights as (
    select * from marts.estimate_weights
),

indicators as (
    select * from marts.indicators
),

membership as (
    select *, 'rmc' as region_level, rmc_code as region_code from counts
    union all
    select *, 'provincie', provincie_code from counts
    union all
    select *, 'nederland', 'NL01' from counts
),

estimates as (
    select weights.indicator_key, weights.school_year_start, weights.region_level,
        weights.region_code, sum(weights.weight * counts.numerator) as estimated_count
    from weights
    inner join counts
        on counts.indicator_key = weights.indicator_key
        and counts.school_year_start = weights.school_year_start
        and counts.municipality_code = weights.municipality_code
    group by all
),

aggregates as (
    select indicator_key, region_level, region_code, school_year_start,
        any_value(is_estimated) as is_estimated,
        coalesce(bool_or(is_voorlopig), false) as is_voorlopig,
        sum(numerator) as observed_numerator,
        sum(denominator) filter (where numerator is not null) as denominator_responding,
        sum(denominator) as all_denominator,
        count(*) filter (where denominator is null) as unknown_denominators,
        count(*) as gemeenten_total,
        count(numerator) as gemeenten_responding
    from membership
    group by all
),

levels as (
    select indicator_key, 'gemeente' as region_level, municipality_code as region_code,
        school_year_start, coalesce(is_voorlopig, false) as is_voorlopig, numerator,
        denominator, null::double as estimated_count, numerator as observed_numerator,
        case when numerator is not null then denominator end as denominator_responding,
        1 as gemeenten_total, (numerator is not null)::integer as gemeenten_responding
    from counts
    where denominator is not null and (numerator is not null or is_estimated)
    union all
    -- CBS vsv: the gemeenten with a figure, when they hold at least 99% of the denominator
    select indicator_key, region_level, region_code, school_year_start, is_voorlopig,
        observed_numerator, denominator_responding, null, observed_numerator,
        denominator_responding, gemeenten_total, gemeenten_responding
    from aggregates
    where not is_estimated and unknown_denominators = 0
        and denominator_responding >= 0.99 * all_denominator
    union all
    -- verzuim: full response is the plain sum, partial response the rounded estimate, no
    -- response no count; no row where an estimate is undefined
    select aggregates.indicator_key, aggregates.region_level, aggregates.region_code,
        aggregates.school_year_start, aggregates.is_voorlopig,
        case
            when gemeenten_responding = gemeenten_total then observed_numerator
            else round(estimates.estimated_count)
        end,
        all_denominator, estimates.estimated_count, observed_numerator, denominator_responding,
        gemeenten_total, gemeenten_responding
    from aggregates
    left join estimates using (indicator_key, region_level, region_code, school_year_start)
    where is_estimated and unknown_denominators = 0
        and (gemeenten_responding in (0, gemeenten_total) or estimates.estimated_count is not null)
),

final as (
    select
        -- ids
        levels.indicator_key,
        levels.region_level,
        levels.region_code,
        regions.region_name,
        regions.rmc_code,
        regions.provincie_code,
        levels.school_year_start || '-' || (levels.school_year_start + 1) as school_year,
        levels.school_year_start,
        -- measures
        levels.numerator::bigint as numerator,
        levels.denominator::bigint as denominator,
        levels.numerator / levels.denominator * indicators.multiplier as value,
        case when levels.estimated_count is null then ci_lower(indicators.model,
            levels.numerator, levels.denominator, indicators.multiplier) end as ci_lower,
        case when levels.estimated_count is null then ci_upper(indicators.model,
            levels.numerator, levels.denominator, indicators.multiplier) end as ci_upper,
        -- response (non-response: docs/nonresponse.md)
        levels.estimated_count,
        levels.observed_numerator::bigint as observed_numerator,
        levels.denominator_responding::bigint as denominator_responding,
        levels.gemeenten_total::integer as gemeenten_total,
        levels.gemeenten_responding::integer as gemeenten_responding,
        levels.gemeenten_responding / levels.gemeenten_total as response_rate,
        coalesce(levels.denominator_responding, 0) / levels.denominator
            as response_denominator_share,
        -- flags
        levels.estimated_count is not null as is_estimate,
        case when levels.is_voorlopig then 'voorlopig' else 'definitief' end as status,
        coalesce(levels.numerator < getvariable('suppression_threshold'), false)
            as is_suppressed,
        indicators.source_key,
        regions.is_demo
    from levels
    inner join indicators on levels.indicator_key = indicators.indicator_key
    inner join marts.regions as regions
        on levels.region_level = regions.region_level
        and levels.region_code = regions.region_code
    where levels.denominator > 0
)

select * from final
order by indicator_key, region_level, region_code, school_year_start
