-- Structural characteristics (CBS 70072ned) per boundary-year gemeente and calendar year.
-- Grain: municipality_code x year. Counts (inhabitants, 15-24 year-olds, bijstand below the AOW
-- age) are divided over successors in whole numbers (split_count) and summed over merged
-- gemeenten. Density is not additive: each old gemeente's land area is derived as inhabitants /
-- density, split by the same shares and summed, and the density recomputed from the sums.
-- is_complete: every characteristic is known for this gemeente and year (the newest CBS year
-- is often not yet filled for all measures).
with

characteristics as (
    select * from staged.cbs_kerncijfers__characteristics
),

map as (
    select * from harmonised.municipality_map
),

summed as (
    select
        -- ids
        map.target_code as municipality_code,
        characteristics.year,
        -- measures
        sum(split_count(characteristics.population_count, map.shares, map.part))
            as population_count,
        sum(split_count(
            characteristics.population_15_19_count + characteristics.population_20_24_count,
            map.shares, map.part
        )) as population_15_24_count,
        sum(split_count(characteristics.bijstand_count, map.shares, map.part)) as bijstand_count,
        -- a double sum over a list in code order: the same bits on every build, whatever the threads
        list_sum(list(
            characteristics.population_count / nullif(characteristics.density_per_km2, 0)
                * map.share
            order by characteristics.region_code, map.part
        )) as land_area_km2,
        -- a sum is only complete when no contributing figure was missing
        bool_and(characteristics.population_15_19_count is not null
            and characteristics.population_20_24_count is not null
            and characteristics.bijstand_count is not null
            and characteristics.density_per_km2 > 0) as has_all_figures
    from characteristics
    inner join map on characteristics.region_code = map.source_code
    group by all
),

final as (
    select
        municipality_code,
        year,
        population_count,
        population_15_24_count,
        bijstand_count,
        land_area_km2,
        has_all_figures and population_count > 0 as is_complete
    from summed
)

select * from final
order by municipality_code, year
