-- nl: Geen enkel aantal is negatief.
-- Counts in the marts are never negative.
select indicator_key, region_code, school_year, numerator, denominator
from marts.indicator_values
where numerator < 0 or denominator < 0
