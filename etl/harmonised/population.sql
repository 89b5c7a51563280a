-- Inhabitants aged 5-17 and 12-22 on 1 January, per boundary-year gemeente and year.
-- Grain: municipality_code x year. Each old gemeente's age-band totals are divided over its
-- successors in whole numbers (split_count: largest remainder, so national totals stay exact)
-- and summed over merged gemeenten.
with

population as (
    select * from staged.cbs_bevolking__population where region_code like 'GM%'
),

map as (
    select * from harmonised.municipality_map
),

bands as (
    select
        region_code,
        year,
        sum(population_count) filter (where age between 5 and 17) as population_5_17,
        sum(population_count) filter (where age between 12 and 22) as population_12_22
    from population
    group by all
),

final as (
    select
        -- ids
        map.target_code as municipality_code,
        bands.year,
        -- measures
        sum(split_count(bands.population_5_17, map.shares, map.part)) as population_5_17,
        sum(split_count(bands.population_12_22, map.shares, map.part)) as population_12_22
    from bands
    inner join map on bands.region_code = map.source_code
    group by all
)

select * from final
order by municipality_code, year
