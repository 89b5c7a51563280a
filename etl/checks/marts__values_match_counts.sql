-- nl: Elke waarde is teller gedeeld door noemer en ligt binnen haar 95%-interval.
-- Each value is its numerator over its denominator times the multiplier, inside its interval.
select v.indicator_key, v.region_code, v.school_year, v.value, v.ci_lower, v.ci_upper
from marts.indicator_values as v
inner join marts.indicators as i using (indicator_key)
where abs(v.value - v.numerator / v.denominator * i.multiplier) > 1e-9
    or v.value < v.ci_lower - 1e-9
    or v.value > v.ci_upper + 1e-9
