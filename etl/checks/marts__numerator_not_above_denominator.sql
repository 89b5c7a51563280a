-- nl: Een teller is nooit groter dan de noemer.
-- A numerator never exceeds its denominator (vsv'ers <= leerlingen, verzuim <= inwoners 5-17).
select indicator_key, region_code, school_year, numerator, denominator
from marts.indicator_values
where numerator > denominator
