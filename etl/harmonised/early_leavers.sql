-- New vsv'ers and pupils (CBS 84780NED) per boundary-year gemeente and school year.
-- Grain: municipality_code x school_year_start. Counts summed over merged gemeenten; if any
-- contributing gemeente has no published figure the sum is NULL (never a silent undercount).
-- Status is 'voorlopig' when any contributing figure is provisional.
with

leavers as (
    select * from staged.cbs_vsv__early_leavers where region_level = 'gemeente'
),

map as (
    select * from harmonised.municipality_map
),

final as (
    select
        -- ids
        map.target_code as municipality_code,
        leavers.school_year_start,
        -- dimensions
        bool_or(leavers.status = 'voorlopig') as is_voorlopig,
        -- measures
        case when count(*) = count(leavers.pupils_count)
            then sum(leavers.pupils_count * map.share) end as pupils_count,
        case when count(*) = count(leavers.vsv_count)
            then sum(leavers.vsv_count * map.share) end as vsv_count
    from leavers
    inner join map on leavers.region_code = map.source_code
    group by all
)

select * from final
order by municipality_code, school_year_start
