-- Verzuim template counts per boundary-year gemeente and school year.
-- Grain: municipality_code x school_year_start. Counts summed over merged gemeenten (a NULL in
-- any contributing row makes the sum NULL: "not reported" is never read as zero).
with

counts as (
    select * from staged.verzuim__counts
),

map as (
    select * from harmonised.municipality_map
),

final as (
    select
        -- ids
        map.target_code as municipality_code,
        counts.school_year_start,
        -- dimensions
        bool_or(counts.status = 'voorlopig') as is_voorlopig,
        -- measures
        case when count(*) = count(counts.absoluut_verzuim_count)
            then sum(counts.absoluut_verzuim_count * map.share) end as absoluut_verzuim_count,
        -- relatief verzuim as the Leerplichttelling counts it: luxe verzuim plus the 16-hours-in-
        -- 4-weeks reports (the template's 16-uur column excludes luxe verzuim, so they add up);
        -- signaal/overig verzuim lies below the 16-hour threshold and is not part of it
        case when count(*) = count(counts.relatief_verzuim_luxe_count)
                and count(*) = count(counts.relatief_verzuim_16_uur_count)
            then sum((counts.relatief_verzuim_luxe_count
                + counts.relatief_verzuim_16_uur_count) * map.share) end as relatief_verzuim_count,
        case when count(*) = count(counts.langdurig_relatief_verzuim_count)
            then sum(counts.langdurig_relatief_verzuim_count * map.share) end
            as langdurig_relatief_verzuim_count,
        case when count(*) = count(counts.thuiszitters_count)
            then sum(counts.thuiszitters_count * map.share) end as thuiszitters_count,
        case when count(*) = count(counts.vrijstelling_5a_count)
            then sum(counts.vrijstelling_5a_count * map.share) end as vrijstelling_5a_count
    from counts
    inner join map on counts.municipality_code = map.source_code
    group by all
)

select * from final
order by municipality_code, school_year_start
