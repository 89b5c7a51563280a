-- Staged DUO school addresses -> one row per distinct (gemeente, RMC-regio, provincie) seen.
-- Grain: municipality_code x rmc_code x provincie_code (a gemeente should appear once; the
-- check harmonised__municipality_in_one_rmc_and_provincie guards that).
-- Source quirks: codes without 'GM', upper-case names stripped of diacritics, blanks as ' ',
-- one blank GEMEENTENAAM (take the most frequent non-blank name per code).
-- Provincie names are mapped to CBS codes (PV20-PV31); a name that is not one of the twelve
-- (the fictional demo country) gets a code from PV90 up, in alphabetical order.
with

source as (
    select * from raw.duo__school_addresses
),

provincies as (
    -- DUO spelling -> CBS code and CBS name
    select * from (values
        ('Groningen', 'PV20', 'Groningen'),
        ('Friesland', 'PV21', 'Fryslân'),
        ('Fryslân', 'PV21', 'Fryslân'),
        ('Drenthe', 'PV22', 'Drenthe'),
        ('Overijssel', 'PV23', 'Overijssel'),
        ('Flevoland', 'PV24', 'Flevoland'),
        ('Gelderland', 'PV25', 'Gelderland'),
        ('Utrecht', 'PV26', 'Utrecht'),
        ('Noord-Holland', 'PV27', 'Noord-Holland'),
        ('Zuid-Holland', 'PV28', 'Zuid-Holland'),
        ('Zeeland', 'PV29', 'Zeeland'),
        ('Noord-Brabant', 'PV30', 'Noord-Brabant'),
        ('Limburg', 'PV31', 'Limburg')
    ) as t (duo_name, provincie_code, provincie_name)
),

renamed as (
    select
        -- ids
        'GM' || trim("GEMEENTENUMMER") as municipality_code,
        'MC' || trim("RMC-REGIO CODE") as rmc_code,
        -- dimensions
        nullif(trim("GEMEENTENAAM"), '') as municipality_name_duo,
        trim("RMC-REGIO NAAM") as rmc_name,
        trim("PROVINCIE") as provincie_duo_name,
        _source_file,
        _row_number
    from source
),

other_provincies as (
    select
        provincie_duo_name as duo_name,
        'PV' || (89 + dense_rank() over (order by provincie_duo_name)) as provincie_code,
        provincie_duo_name as provincie_name
    from (select distinct provincie_duo_name from renamed) as names
    where provincie_duo_name not in (select duo_name from provincies)
        and provincie_duo_name <> ''
),

all_provincies as (
    select * from provincies
    union all
    select * from other_provincies
),

with_provincie as (
    select
        renamed.*,
        all_provincies.provincie_code,
        all_provincies.provincie_name
    from renamed
    left join all_provincies on renamed.provincie_duo_name = all_provincies.duo_name
),

final as (
    select
        municipality_code,
        rmc_code,
        provincie_code,
        mode(municipality_name_duo) as municipality_name_duo,
        any_value(rmc_name) as rmc_name,
        any_value(provincie_name) as provincie_name,
        any_value(provincie_duo_name) as provincie_duo_name,
        min(_source_file) as _source_file,
        min(_row_number) as _row_number,
        count(*) as school_count
    from with_provincie
    group by municipality_code, rmc_code, provincie_code
)

select * from final
order by municipality_code
