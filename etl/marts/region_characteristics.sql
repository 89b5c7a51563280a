-- Structural characteristics per gemeente and per RMC-regio, standardised for peer groups and
-- the expected-value model (CBS 70072ned, harmonised to the boundary year).
-- Grain: region_level x region_code x characteristic_key. One calendar year for all regions:
-- the newest year in which every boundary-year gemeente has every characteristic. An RMC-regio
-- sums the counts and land areas of its gemeenten and derives its values from the sums.
-- Characteristics (values as shown; `scaled` is what is standardised):
--   inwoners             inhabitants on 1 January              scaled = ln(value)
--   bevolkingsdichtheid  inhabitants per km² land              scaled = ln(value)
--   aandeel_15_24        % of inhabitants aged 15 to 24         scaled = value
--   bijstand_per_1000    bijstand below the AOW age per 1.000   scaled = value
-- z = (scaled - mean) / sd over the regions of the same level (population standard deviation).
-- Every double sum runs over a list in code order (`list(... order by ...)`), never as a parallel
-- aggregate, so two builds of the same raw dir give bit-identical values whatever the threads.
-- No rows when 70072ned is absent or no year is complete.
with

characteristics as (
    select * from harmonised.municipality_characteristics
),

regions as (
    select * from marts.regions
),

gemeenten as (
    select * from regions where region_level = 'gemeente'
),

complete_years as (
    select characteristics.year
    from characteristics
    inner join gemeenten on characteristics.municipality_code = gemeenten.region_code
    where characteristics.is_complete
    group by characteristics.year
    having count(*) = (select count(*) from gemeenten)
),

newest as (
    select characteristics.*, gemeenten.rmc_code
    from characteristics
    inner join gemeenten on characteristics.municipality_code = gemeenten.region_code
    where characteristics.year = (select max(year) from complete_years)
),

sums as (
    select 'gemeente' as region_level, municipality_code as region_code, year,
        population_count, population_15_24_count, bijstand_count, land_area_km2
    from newest
    union all
    select 'rmc', rmc_code, any_value(year),
        sum(population_count), sum(population_15_24_count), sum(bijstand_count),
        list_sum(list(land_area_km2 order by municipality_code))
    from newest
    group by rmc_code
),

-- one row per region and characteristic
values_long as (
    select region_level, region_code, year, characteristic.*
    from sums,
    lateral (
        select * from (values
            ('inwoners', 'inwoners', 'aantal inwoners', '', 1,
                population_count::double, ln(population_count)),
            ('bevolkingsdichtheid', 'inwoners per km²', 'bevolkingsdichtheid',
                ' inwoners per km²', 2,
                population_count / land_area_km2, ln(population_count / land_area_km2)),
            ('aandeel_15_24', '% inwoners van 15 tot 25 jaar', 'aandeel 15- tot 25-jarigen',
                '%', 3,
                100.0 * population_15_24_count / population_count,
                100.0 * population_15_24_count / population_count),
            ('bijstand_per_1000', 'bijstand per 1.000 inwoners (tot de AOW-leeftijd)', 'bijstand',
                ' per 1.000 inwoners', 4,
                1000.0 * bijstand_count / population_count,
                1000.0 * bijstand_count / population_count)
        ) as t(characteristic_key, characteristic_label, characteristic_name, unit_suffix,
            sort_order, value, scaled)
    ) as characteristic
),

level_stats as (
    select
        region_level,
        characteristic_key,
        list(scaled order by region_code) as scaled_values
    from values_long
    group by region_level, characteristic_key
),

standardised as (
    select
        values_long.*,
        list_aggregate(level_stats.scaled_values, 'avg') as scaled_mean,
        list_aggregate(level_stats.scaled_values, 'stddev_pop') as scaled_sd
    from values_long
    inner join level_stats
        on values_long.region_level = level_stats.region_level
        and values_long.characteristic_key = level_stats.characteristic_key
),

final as (
    select
        -- ids
        standardised.region_level,
        standardised.region_code,
        standardised.characteristic_key,
        -- dimensions
        regions.region_name,
        standardised.characteristic_label,
        standardised.characteristic_name,
        standardised.unit_suffix,
        standardised.sort_order,
        standardised.year as characteristics_year,
        -- measures
        standardised.value,
        standardised.scaled,
        standardised.scaled_mean,
        standardised.scaled_sd,
        (standardised.scaled - standardised.scaled_mean) / nullif(standardised.scaled_sd, 0) as z,
        regions.is_demo
    from standardised
    inner join regions
        on standardised.region_level = regions.region_level
        and standardised.region_code = regions.region_code
)

select * from final
order by region_level, region_code, sort_order
