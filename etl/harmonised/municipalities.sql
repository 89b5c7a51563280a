-- The boundary-year indeling: one row per gemeente with its RMC-regio and provincie.
-- Grain: municipality_code. Names come from the boundary file (CBS spelling with diacritics);
-- DUO's upper-case name is the fallback. A gemeente listed under two RMC-regio's keeps one here;
-- the check harmonised__municipality_in_one_rmc_and_provincie fails the build in that case.
with

regions as (
    select * from staged.duo__municipality_regions
),

boundaries as (
    select * from staged.cbs_grenzen__boundaries
),

final as (
    select
        -- ids
        regions.municipality_code,
        -- dimensions
        coalesce(any_value(boundaries.municipality_name), any_value(regions.municipality_name_duo))
            as municipality_name,
        min(regions.rmc_code) as rmc_code,
        min(regions.rmc_name) as rmc_name,
        min(regions.provincie_code) as provincie_code,
        min(regions.provincie_name) as provincie_name,
        any_value(boundaries.boundary_year) as boundary_year,
        any_value(boundaries.geometry_geojson) as geometry_geojson
    from regions
    left join boundaries on regions.municipality_code = boundaries.municipality_code
    group by regions.municipality_code
)

select * from final
order by municipality_code
