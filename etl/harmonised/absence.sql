-- Verzuim template counts per boundary-year gemeente and school year.
-- Grain: municipality_code x school_year_start. A split gemeente's counts are divided over its
-- successors in whole numbers (split_count: largest remainder, so national totals stay exact),
-- then summed over merged gemeenten (a NULL in any contributing row makes the sum NULL: "not
-- reported" is never read as zero).
-- relatief_verzuim_count is the Leerplichttelling total as the gemeente supplies it (unique
-- pupils over 16 hours in 4 weeks, luxe verzuim over 16 hours included); it is never derived
-- from the 16-uur and luxe sub-counts, which overlap. Thuiszitters are derived from these counts
-- with the indicators (_verzuim_numerators.sql).
with

counts as (
    select * from staged.verzuim__counts
),

map as (
    select * from harmonised.municipality_map
),

parts as (
    select
        map.target_code,
        counts.school_year_start,
        counts.status,
        split_count(counts.absoluut_verzuim_count, map.shares, map.part)
            as absoluut_verzuim_count,
        split_count(counts.relatief_verzuim_count, map.shares, map.part)
            as relatief_verzuim_count,
        split_count(counts.relatief_verzuim_16_uur_count, map.shares, map.part)
            as relatief_verzuim_16_uur_count,
        split_count(counts.relatief_verzuim_luxe_count, map.shares, map.part)
            as relatief_verzuim_luxe_count,
        split_count(counts.langdurig_relatief_verzuim_count, map.shares, map.part)
            as langdurig_relatief_verzuim_count,
        split_count(counts.vrijstelling_5a_count, map.shares, map.part) as vrijstelling_5a_count
    from counts
    inner join map on counts.municipality_code = map.source_code
),

summed as (
    select
        target_code,
        school_year_start,
        bool_or(status = 'voorlopig') as is_voorlopig,
        case when count(*) = count(absoluut_verzuim_count)
            then sum(absoluut_verzuim_count) end as absoluut_verzuim_count,
        case when count(*) = count(relatief_verzuim_count)
            then sum(relatief_verzuim_count) end as relatief_verzuim_count,
        case when count(*) = count(relatief_verzuim_16_uur_count)
            then sum(relatief_verzuim_16_uur_count) end as relatief_verzuim_16_uur_count,
        case when count(*) = count(relatief_verzuim_luxe_count)
            then sum(relatief_verzuim_luxe_count) end as relatief_verzuim_luxe_count,
        case when count(*) = count(langdurig_relatief_verzuim_count)
            then sum(langdurig_relatief_verzuim_count) end as langdurig_relatief_verzuim_count,
        case when count(*) = count(vrijstelling_5a_count)
            then sum(vrijstelling_5a_count) end as vrijstelling_5a_count
    from parts
    group by all
),

final as (
    select
        -- ids
        target_code as municipality_code,
        school_year_start,
        -- dimensions
        is_voorlopig,
        -- measures
        absoluut_verzuim_count,
        relatief_verzuim_count,
        relatief_verzuim_16_uur_count,
        relatief_verzuim_luxe_count,
        langdurig_relatief_verzuim_count,
        vrijstelling_5a_count
    from summed
)

select * from final
order by municipality_code, school_year_start
