-- nl: RMC-regio's, provincies en Nederland zijn precies de som van hun gemeenten, of bij ontbrekende gemeenten een schatting die hun inwoners 5-17 precies dekt.
-- RMC-regio, provincie and national counts equal the sums of their gemeenten; an estimate
-- (some gemeenten without a figure) equals the weighted sum of its responding gemeenten
-- (marts.estimate_weights), rounded, and its weights reproduce the inhabitants 5-17 of the
-- whole region from those of the responding gemeenten (what makes it a ratio estimate).
with

gemeenten as (
    select * from marts.indicator_values where region_level = 'gemeente'
),

aggregates as (
    select * from marts.indicator_values where region_level <> 'gemeente'
),

sums as (
    select indicator_key, 'rmc' as region_level, rmc_code as region_code, school_year,
        sum(numerator) as numerator, sum(denominator) as denominator
    from gemeenten where numerator is not null group by all
    union all
    select indicator_key, 'provincie', provincie_code, school_year, sum(numerator), sum(denominator)
    from gemeenten where numerator is not null group by all
    union all
    select indicator_key, 'nederland', 'NL01', school_year, sum(numerator), sum(denominator)
    from gemeenten where numerator is not null group by all
),

weighted as (
    select weights.indicator_key, weights.region_level, weights.region_code,
        weights.school_year, sum(weights.weight * gemeenten.numerator) as estimate,
        sum(weights.weight * gemeenten.denominator) as calibrated_denominator
    from marts.estimate_weights as weights
    inner join gemeenten
        on gemeenten.indicator_key = weights.indicator_key
        and gemeenten.region_code = weights.municipality_code
        and gemeenten.school_year = weights.school_year
    group by all
)

select aggregates.indicator_key, aggregates.region_code, aggregates.school_year,
    aggregates.numerator, sums.numerator as gemeente_sum
from aggregates
inner join sums using (indicator_key, region_level, region_code, school_year)
where not aggregates.is_estimate
    and (aggregates.numerator <> sums.numerator or aggregates.denominator <> sums.denominator)
union all
select aggregates.indicator_key, aggregates.region_code, aggregates.school_year,
    aggregates.numerator, weighted.estimate
from aggregates
left join weighted using (indicator_key, region_level, region_code, school_year)
where aggregates.is_estimate
    and (weighted.estimate is null
        or abs(aggregates.estimated_count - weighted.estimate) > 1e-6
        or aggregates.numerator <> round(weighted.estimate)
        or abs(weighted.calibrated_denominator - aggregates.denominator)
            > 1e-6 * aggregates.denominator)
