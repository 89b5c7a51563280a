-- Staged CBS 03759ned -> population on 1 January by region, year and single year of age.
-- Grain: region_code x year x age. Only totals over sex and marital status; ages decoded via
-- the Leeftijd dimension titles ('5 jaar'), never by code arithmetic (codes are irregular);
-- totals and open groups ('95 jaar of ouder') are dropped. Exact duplicates (the same table
-- read from OData and from the StatLine CSV) collapse; conflicting duplicates are a
-- validation error (etl/staged/_staged.yml).
with

source as (
    select * from raw.cbs_bevolking__population
),

ages as (
    select
        trim("Key") as age_key,
        try_cast(regexp_extract(trim("Title"), '^(\d+) jaar$', 1) as integer) as age
    from raw.cbs_bevolking__ages
),

renamed as (
    select
        -- ids
        trim("RegioS") as region_code,
        try_cast(left(trim("Perioden"), 4) as integer) as year,
        ages.age,
        -- measures
        try_cast(trim("BevolkingOp1Januari_1") as bigint) as population_count,
        source._source_file,
        source._row_number
    from source
    inner join ages on trim(source."Leeftijd") = ages.age_key
    where trim(source."Geslacht") = 'T001038'
      and trim(source."BurgerlijkeStaat") = 'T001019'
      and trim(source."Perioden") like '____JJ00'
      and ages.age is not null
      -- an empty figure: the gemeente did not exist on that date (CBS lists every code ever used)
      and coalesce(trim(source."BevolkingOp1Januari_1"), '') not in ('', '.')
),

final as (
    select *
    from renamed
    qualify row_number() over (
        partition by region_code, year, age, population_count
        order by _source_file, _row_number
    ) = 1
)

select * from final
order by _source_file, _row_number
