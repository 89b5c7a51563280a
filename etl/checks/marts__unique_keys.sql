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
