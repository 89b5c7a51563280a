-- Last year's template figures of every gemeente, for the plausibility step of the uitvraag
-- (its own figure last year, and its peers' figures).
-- Grain: one row per municipality_code (the staged template rows of that school year).
-- Params: $school_year_start (integer, the year before the round's)
-- Returns: municipality_code and every *_count column of staged.verzuim__counts
select * exclude (_source_file, _row_number, school_year_start, municipality_name, status)
from staged.verzuim__counts
where school_year_start = $school_year_start
order by municipality_code
