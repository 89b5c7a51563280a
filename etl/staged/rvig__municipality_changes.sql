-- Staged RvIG Tabel 33 -> one row per gemeente code that ended with a successor.
-- Grain: old_code. Codes get the CBS 'GM' prefix; 'Datum einde' (first day the gemeente no
-- longer exists) becomes effective_date. Rows without end date or successor are not changes.
with

source as (
    select * from raw.rvig__municipality_codes
),

renamed as (
    select
        -- ids
        'GM' || trim("92.10 Gemeentecode") as old_code,
        'GM' || trim("92.12 Nieuwe code") as new_code,
        -- dimensions
        trim("92.11 Omschrijving") as old_name,
        try_strptime(trim("99.99 Datum einde"), '%Y%m%d')::date as effective_date,
        _source_file,
        _row_number
    from source
    where trim(coalesce("92.12 Nieuwe code", '')) <> ''
      and trim(coalesce("99.99 Datum einde", '')) <> ''
),

final as (
    select *, 1.0::double as share from renamed
)

select * from final
order by old_code
