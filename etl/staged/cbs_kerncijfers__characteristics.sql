-- Staged CBS 70072ned -> the structural characteristics Kompas uses, per gemeente and year.
-- Grain: region_code x year. Only gemeenten (GM) and calendar years (JJ00); region keys are
-- space-padded in the source (trimmed here). Measure columns are named by stem in the raw table
-- (etl/sources/cbs_kerncijfers.py). A null figure is "not (yet) published": CBS lists every
-- gemeente code it ever used and fills the newest year later, so all-empty rows are dropped and
-- single empty figures stay null.
with

source as (
    select * from raw.cbs_kerncijfers__key_figures
),

renamed as (
    select
        -- ids
        trim("RegioS") as region_code,
        try_cast(left(trim("Perioden"), 4) as integer) as year,
        -- measures
        try_cast(trim("TotaleBevolking") as bigint) as population_count,
        try_cast(trim("k_15Tot20Jaar") as bigint) as population_15_19_count,
        try_cast(trim("k_20Tot25Jaar") as bigint) as population_20_24_count,
        try_cast(trim("Bevolkingsdichtheid") as double) as density_per_km2,
        try_cast(trim("BijstandTotDeAOWLeeftijd") as bigint) as bijstand_count,
        coalesce(trim("TotaleBevolking"), '') not in ('', '.') as has_population,
        _source_file,
        _row_number
    from source
    where trim("RegioS") like 'GM%'
      and trim("Perioden") like '____JJ00'
),

final as (
    select * exclude (has_population) from renamed
    where has_population
)

select * from final
order by _source_file, _row_number
