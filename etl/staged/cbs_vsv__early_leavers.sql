-- Staged CBS 84780NED -> new vsv'ers and pupils by region and school year (both sexes).
-- Grain: region_code x school_year_start. Region keys are space-padded in the source (trimmed
-- here). Only gemeenten (GM), RMC-regio's (MC), provincies (PV) and Nederland (NL01) are kept;
-- landsdelen and size classes are dropped. Status comes from the Perioden dimension.
-- Rows without any figure are dropped: CBS lists every gemeente of its region dimension in every
-- period and leaves the figures empty where the gemeente did not exist (before or after a
-- merger), so an all-empty row carries no information.
with

source as (
    select * from raw.cbs_vsv__early_leavers
),

periods as (
    select
        trim("Key") as period_key,
        lower(trim("Status")) as status
    from raw.cbs_vsv__periods
),

renamed as (
    select
        -- ids
        trim(source."Regiokenmerken") as region_code,
        try_cast(left(trim(source."Perioden"), 4) as integer) as school_year_start,
        -- dimensions
        case
            when trim(source."Regiokenmerken") like 'GM%' then 'gemeente'
            when trim(source."Regiokenmerken") like 'MC%' then 'rmc'
            when trim(source."Regiokenmerken") like 'PV%' then 'provincie'
            when trim(source."Regiokenmerken") = 'NL01' then 'nederland'
        end as region_level,
        periods.status,
        -- measures (CBS rounds counts to tens; null = not published)
        try_cast(trim(source."Leerlingen_1") as bigint) as pupils_count,
        try_cast(trim(source."VoortijdigSchoolverlaters_2") as bigint) as vsv_count,
        coalesce(trim(source."Leerlingen_1"), '') not in ('', '.')
            or coalesce(trim(source."VoortijdigSchoolverlaters_2"), '') not in ('', '.')
            as has_figures,
        source._source_file,
        source._row_number
    from source
    left join periods on trim(source."Perioden") = periods.period_key
    where trim(source."Geslacht") = 'T001038'
      and trim(source."Perioden") like '____SJ00'
),

final as (
    select * exclude (has_figures) from renamed
    where region_level is not null and has_figures
)

select * from final
order by _source_file, _row_number
