-- Purpose: the result of every data check run at the end of the build.
-- Grain: one row per check_name.
-- Params: none.
-- Returns: check_name, description, failing_rows, passed, sample
select
    -- ids
    check_name,
    -- dimensions
    description,
    -- measures
    failing_rows,
    passed,
    sample
from db.meta.checks
order by passed, check_name
