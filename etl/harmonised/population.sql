-- Inhabitants aged 5-17 and 12-22 on 1 January, per boundary-year gemeente and year.
-- Grain: municipality_code x year. Counts are summed over merged gemeenten (split gemeenten
-- contribute their share, so values can be fractional until marts round them).
with

population as (
    select * from staged.cbs_bevolking__population where region_code like 'GM%'
),

map as (
    select * from harmonised.municipality_map
),

final as (
    select
        -- ids
        map.target_code as municipality_code,
        population.year,
        -- measures
        sum(population.population_count * map.share)
            filter (where population.age between 5 and 17) as population_5_17,
        sum(population.population_count * map.share)
            filter (where population.age between 12 and 22) as population_12_22
    from population
    inner join map on population.region_code = map.source_code
    group by all
)

select * from final
order by municipality_code, year
