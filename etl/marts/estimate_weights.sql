-- Ratio estimation for verzuim totals with missing gemeenten (docs/nonresponse.md): the weight
-- of every responding gemeente in the estimate of each RMC-regio, provincie and Nederland that
-- lacks figures of some (not all) of its gemeenten. estimate = sum(weight x gemeente count).
-- Grain: indicator_key x school_year x region_level x region_code x municipality_code.
-- Strata are the RMC-regio x provincie parts (an RMC-regio crossing a provincie border is two
-- strata), so the RMC-regio, provincie and Nederland estimates are sums of the same stratum
-- estimates. Stratum estimate = observed count x inhabitants 5-17 of all its gemeenten / those
-- of its responding gemeenten. A stratum without any responding gemeente borrows the ratio of
-- the responding gemeenten of its provincie, else of Nederland. A region without any responding
-- gemeente gets no estimate (geen opgave); nor does a region with a gemeente whose inhabitants
-- are unknown.
with

counts as (
    select * from harmonised.indicator_counts where is_estimated
),

strata as (
    select indicator_key, school_year_start, rmc_code, provincie_code,
        sum(denominator) as aux_total,
        coalesce(sum(denominator) filter (where numerator is not null), 0) as aux_responding,
        count(*) filter (where denominator is null) as unknown_aux
    from counts
    group by all
),

pools as (
    select
        *,
        sum(aux_responding) over (partition by indicator_key, school_year_start, provincie_code)
            as provincie_aux,
        sum(aux_responding) over (partition by indicator_key, school_year_start) as nederland_aux
    from strata
),

factors as (
    select indicator_key, school_year_start, rmc_code, provincie_code, unknown_aux,
        case
            when aux_responding > 0 then 'stratum'
            when provincie_aux > 0 then 'provincie'
            else 'nederland'
        end as pool,
        aux_total / case
            when aux_responding > 0 then aux_responding
            when provincie_aux > 0 then provincie_aux
            else nullif(nederland_aux, 0)
        end as factor
    from pools
),

-- the weight of each responding gemeente in each stratum estimate
stratum_weights as (
    select factors.indicator_key, factors.school_year_start, factors.rmc_code,
        factors.provincie_code, counts.municipality_code, factors.factor as weight
    from factors
    inner join counts
        on counts.indicator_key = factors.indicator_key
        and counts.school_year_start = factors.school_year_start
        and counts.numerator is not null
        and (
            (factors.pool = 'stratum' and counts.rmc_code = factors.rmc_code
                and counts.provincie_code = factors.provincie_code)
            or (factors.pool = 'provincie' and counts.provincie_code = factors.provincie_code)
            or factors.pool = 'nederland'
        )
),

region_strata as (
    select indicator_key, school_year_start, 'rmc' as region_level, rmc_code as region_code,
        rmc_code, provincie_code, unknown_aux, factor
    from factors
    union all
    select indicator_key, school_year_start, 'provincie', provincie_code, rmc_code,
        provincie_code, unknown_aux, factor
    from factors
    union all
    select indicator_key, school_year_start, 'nederland', 'NL01', rmc_code, provincie_code,
        unknown_aux, factor
    from factors
),

-- regions with some but not all gemeenten responding, and an estimate defined
responses as (
    select indicator_key, school_year_start, 'rmc' as region_level, rmc_code as region_code,
        numerator
    from counts
    union all
    select indicator_key, school_year_start, 'provincie', provincie_code, numerator from counts
    union all
    select indicator_key, school_year_start, 'nederland', 'NL01', numerator from counts
),

estimated as (
    select indicator_key, school_year_start, region_level, region_code
    from responses
    group by all
    having 0 < count(numerator) and count(numerator) < count(*)
    except
    select indicator_key, school_year_start, region_level, region_code
    from region_strata
    where unknown_aux > 0 or factor is null
),

final as (
    select
        -- ids
        region.indicator_key,
        region.school_year_start || '-' || (region.school_year_start + 1) as school_year,
        region.school_year_start,
        region.region_level,
        region.region_code,
        weights.municipality_code,
        -- measures
        sum(weights.weight) as weight
    from region_strata as region
    inner join estimated using (indicator_key, school_year_start, region_level, region_code)
    inner join stratum_weights as weights
        on weights.indicator_key = region.indicator_key
        and weights.school_year_start = region.school_year_start
        and weights.rmc_code = region.rmc_code
        and weights.provincie_code = region.provincie_code
    group by all
)

select * from final
order by indicator_key, school_year_start, region_level, region_code, municipality_code
