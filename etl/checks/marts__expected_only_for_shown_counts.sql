-- nl: Verwacht versus werkelijk staat alleen bij getoonde aantallen en geeft precies dat aantal terug.
-- Privacy and consistency of marts.expected_values: every row belongs to a cell shown in
-- marts.published_values (flag '') with the same count and denominator, the ratio times the
-- expected count gives the shown count back, the ratio lies inside its interval, and every
-- model's gemeenten add up (used plus hidden is at most the number of gemeenten).
with

expected as (
    select * from marts.expected_values
),

published as (
    select * from marts.published_values
)

select expected.indicator_key, expected.region_code, expected.school_year,
    'geen getoond aantal' as problem
from expected
left join published
    on expected.indicator_key = published.indicator_key
    and expected.region_level = published.region_level
    and expected.region_code = published.region_code
    and expected.school_year = published.school_year
where published.flag is distinct from ''
    or published.numerator is distinct from expected.observed
    or published.denominator is distinct from expected.denominator
union all
select indicator_key, region_code, school_year, 'verhouding klopt niet'
from expected
where abs(ratio * expected - observed) > 1e-6 * greatest(observed, 1)
    or ratio < ratio_ci_lower - 1e-9
    or ratio > ratio_ci_upper + 1e-9
    or expected <= 0
union all
select models.indicator_key, '', models.school_year, 'aantallen van het model kloppen niet'
from marts.expected_models as models
left join (
    select indicator_key, school_year, count(*) as n from expected group by all
) as counted using (indicator_key, school_year)
where models.gemeenten_used is distinct from counted.n
    or models.gemeenten_used + models.gemeenten_hidden
        > (select count(*) from marts.regions where region_level = 'gemeente')
