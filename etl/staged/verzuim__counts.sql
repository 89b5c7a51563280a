-- Staged verzuim template -> one row per gemeente and school year with typed counts.
-- Grain: municipality_code x school_year_start (duplicates are a validation error).
-- gemeentecode accepts 'GM0014', '0014' and '14' (Excel drops leading zeros); anything else
-- becomes NULL and is reported by validation. Empty cells are NULL ("not reported"), not 0.
-- A count is digits only (a minus sign is kept for validation's "negatief aantal"): '1.000',
-- '3,5', '3.5' or '1e3' become NULL and validation reports them as not a whole number, where a
-- plain cast would silently read '1.000' (a Dutch thousand) as 1 and round '3.5' to 4.
-- A member's submission from the uitvraag (files under verzuim/opgaven/) replaces the bulk
-- template's row for the same gemeente and school year.
with

source as (
    select * from raw.verzuim__counts
),

renamed as (
    select
        -- ids
        case
            when regexp_full_match(upper(trim(gemeentecode)), 'GM\d{4}') then upper(trim(gemeentecode))
            when regexp_full_match(trim(gemeentecode), '\d{1,4}') then 'GM' || lpad(trim(gemeentecode), 4, '0')
        end as municipality_code,
        case
            when regexp_full_match(trim(schooljaar), '\d{4}-\d{4}')
                and try_cast(right(trim(schooljaar), 4) as integer)
                    = try_cast(left(trim(schooljaar), 4) as integer) + 1
                then try_cast(left(trim(schooljaar), 4) as integer)
        end as school_year_start,
        -- dimensions
        nullif(trim(gemeentenaam), '') as municipality_name,
        case when lower(trim(status)) in ('voorlopig', 'definitief') then lower(trim(status)) end
            as status,
        -- measures
        try_cast(nullif(regexp_extract(trim(leerplichtigen), '^-?\d+$'), '') as bigint) as leerplichtigen_count,
        try_cast(nullif(regexp_extract(trim(absoluut_verzuim), '^-?\d+$'), '') as bigint) as absoluut_verzuim_count,
        try_cast(nullif(regexp_extract(trim(relatief_verzuim), '^-?\d+$'), '') as bigint) as relatief_verzuim_count,
        try_cast(nullif(regexp_extract(trim(relatief_verzuim_16_uur), '^-?\d+$'), '') as bigint) as relatief_verzuim_16_uur_count,
        try_cast(nullif(regexp_extract(trim(relatief_verzuim_luxe), '^-?\d+$'), '') as bigint) as relatief_verzuim_luxe_count,
        try_cast(nullif(regexp_extract(trim(relatief_verzuim_signaal_overig), '^-?\d+$'), '') as bigint)
            as relatief_verzuim_signaal_overig_count,
        try_cast(nullif(regexp_extract(trim(langdurig_relatief_verzuim), '^-?\d+$'), '') as bigint) as langdurig_relatief_verzuim_count,
        try_cast(nullif(regexp_extract(trim(vrijstelling_5a), '^-?\d+$'), '') as bigint) as vrijstelling_5a_count,
        try_cast(nullif(regexp_extract(trim(vrijstelling_5b), '^-?\d+$'), '') as bigint) as vrijstelling_5b_count,
        try_cast(nullif(regexp_extract(trim(vrijstelling_5c), '^-?\d+$'), '') as bigint) as vrijstelling_5c_count,
        try_cast(nullif(regexp_extract(trim(vrijstelling_15), '^-?\d+$'), '') as bigint) as vrijstelling_15_count,
        try_cast(nullif(regexp_extract(trim(vervangende_leerplicht_3a), '^-?\d+$'), '') as bigint) as vervangende_leerplicht_3a_count,
        try_cast(nullif(regexp_extract(trim(vervangende_leerplicht_3b), '^-?\d+$'), '') as bigint) as vervangende_leerplicht_3b_count,
        _source_file,
        _row_number,
        starts_with(_source_file, 'verzuim/opgaven/') as is_submission
    from source
),

submitted as (
    select distinct municipality_code, school_year_start from renamed where is_submission
),

final as (
    select renamed.* exclude (is_submission)
    from renamed
    where is_submission
        or not exists (
            select 1 from submitted
            where submitted.municipality_code = renamed.municipality_code
                and submitted.school_year_start = renamed.school_year_start
        )
)

select * from final
order by _source_file, _row_number
