-- New vsv'ers and pupils (CBS 84780NED) per boundary-year gemeente and school year.
-- Grain: municipality_code x school_year_start. A split gemeente's counts are divided over its
-- successors in whole numbers (split_count: largest remainder, so national totals stay exact),
-- then summed over merged gemeenten; if any contributing gemeente has no published figure the
-- sum is NULL (never a silent undercount). Status is 'voorlopig' when any contributing figure
-- is provisional.
with

leavers as (
    select * from staged.cbs_vsv__early_leavers where region_level = 'gemeente'
),

map as (
    select * from harmonised.municipality_map
),

parts as (
    select
        map.target_code,
        leavers.school_year_start,
        leavers.status,
        split_count(leavers.pupils_count, map.shares, map.part) as pupils_count,
        split_count(leavers.vsv_count, map.shares, map.part) as vsv_count
    from leavers
    inner join map on leavers.region_code = map.source_code
),

final as (
    select
        -- ids
        target_code as municipality_code,
        school_year_start,
        -- dimensions
        bool_or(status = 'voorlopig') as is_voorlopig,
        -- measures
        case when count(*) = count(pupils_count) then sum(pupils_count) end as pupils_count,
        case when count(*) = count(vsv_count) then sum(vsv_count) end as vsv_count
    from parts
    group by all
)

select * from final
order by municipality_code, school_year_start
