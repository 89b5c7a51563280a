-- nl: Geen dubbele rijen in de tabellen voor het dashboard.
-- The grain of every mart is unique.
select 'indicator_values' as mart, indicator_key || ' ' || region_code || ' ' || school_year as key,
    count(*) as n
from marts.indicator_values group by indicator_key, region_level, region_code, school_year
having count(*) > 1
union all
select 'regions', region_level || ' ' || region_code, count(*)
from marts.regions group by region_level, region_code having count(*) > 1
union all
select 'indicators', indicator_key, count(*)
from marts.indicators group by indicator_key having count(*) > 1
union all
select 'peer_groups', region_level || ' ' || region_code || ' ' || peer_rank, count(*)
from marts.peer_groups group by region_level, region_code, peer_rank having count(*) > 1
union all
select 'region_characteristics', region_level || ' ' || region_code || ' ' || characteristic_key,
    count(*)
from marts.region_characteristics group by region_level, region_code, characteristic_key
having count(*) > 1
union all
select 'expected_values', indicator_key || ' ' || region_code || ' ' || school_year, count(*)
from marts.expected_values group by indicator_key, region_level, region_code, school_year
having count(*) > 1
union all
select 'expected_models', indicator_key || ' ' || school_year, count(*)
from marts.expected_models group by indicator_key, school_year having count(*) > 1
union all
select 'expected_coefficients', indicator_key || ' ' || school_year || ' ' || term, count(*)
from marts.expected_coefficients group by indicator_key, school_year, term having count(*) > 1
