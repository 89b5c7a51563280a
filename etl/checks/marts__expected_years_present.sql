-- nl: Elke indicator heeft een landelijke waarde voor elk schooljaar in de reeks.
-- Every indicator has a national value for every school year between its first and last year
-- at any level (a gap means too many gemeenten lack the figure to publish a national value).
with

spans as (
    select indicator_key, min(school_year_start) as first_year, max(school_year_start) as last_year
    from marts.indicator_values group by indicator_key
),

expected as (
    select indicator_key, unnest(range(first_year, last_year + 1)) as school_year_start from spans
),

national as (
    select indicator_key, school_year_start
    from marts.indicator_values where region_level = 'nederland'
)

select expected.indicator_key, 'NL01' as region_code, expected.school_year_start
from expected anti join national using (indicator_key, school_year_start)
