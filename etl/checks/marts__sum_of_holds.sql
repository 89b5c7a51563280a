-- nl: Een indicator die volgens haar definitie de som van andere is (sum_of), is dat ook in elke regio en elk jaar.
-- Every indicator declared `sum_of: [keys]` in indicators.yml has, in every region and school
-- year where all its parts have a value, a numerator equal to the sum of the parts' numerators
-- and the same denominator. A row is a region-year where the declaration does not hold.
-- Estimated totals (some gemeenten without a figure) are compared unrounded, where the total
-- and its parts rest on the same responding gemeenten (else the weights differ).
with

declared as (
    select indicator_key, unnest(sum_of) as part_key, len(sum_of) as n_parts
    from marts.indicators
    where len(sum_of) > 0
),

values as (
    select * from marts.indicator_values
),

parts as (
    select
        declared.indicator_key,
        part.region_level,
        part.region_code,
        part.school_year,
        any_value(declared.n_parts) as n_parts,
        count(*) as n_found,
        sum(part.numerator) as parts_numerator,
        sum(coalesce(part.estimated_count, part.numerator)) as parts_exact,
        min(part.gemeenten_responding) as min_responding,
        max(part.gemeenten_responding) as max_responding,
        min(part.denominator) as min_denominator,
        max(part.denominator) as max_denominator
    from declared
    inner join values as part on part.indicator_key = declared.part_key
    group by all
)

select
    whole.indicator_key, whole.region_level, whole.region_code, whole.school_year,
    whole.numerator, parts.parts_numerator, whole.denominator, parts.min_denominator
from values as whole
inner join parts using (indicator_key, region_level, region_code, school_year)
where parts.n_found = parts.n_parts
    and whole.gemeenten_responding = parts.min_responding
    and whole.gemeenten_responding = parts.max_responding
    and (abs(coalesce(whole.estimated_count, whole.numerator) - parts.parts_exact) > 1e-6
        or whole.denominator <> parts.min_denominator
        or whole.denominator <> parts.max_denominator)
