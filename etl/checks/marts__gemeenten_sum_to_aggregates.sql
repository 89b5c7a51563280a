-- nl: RMC-regio's, provincies en Nederland zijn precies de som van hun gemeenten.
-- RMC-regio, provincie and national counts equal the sums of their gemeenten.
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
    from gemeenten group by all
    union all
    select indicator_key, 'provincie', provincie_code, school_year, sum(numerator), sum(denominator)
    from gemeenten group by all
    union all
    select indicator_key, 'nederland', 'NL01', school_year, sum(numerator), sum(denominator)
    from gemeenten group by all
)

select aggregates.indicator_key, aggregates.region_code, aggregates.school_year,
    aggregates.numerator, sums.numerator as gemeente_sum
from aggregates
inner join sums using (indicator_key, region_level, region_code, school_year)
where aggregates.numerator <> sums.numerator or aggregates.denominator <> sums.denominator
