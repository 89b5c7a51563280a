-- Purpose: the build this warehouse came from (build date, version, demo flag) for the
--   verantwoording of a download and the demo notice.
-- Grain: one row.
-- Params: none.
-- Returns: built_at, kompas_version, is_demo, boundary_year, first_school_year,
--   last_school_year, suppression_threshold.
select
    built_at,
    kompas_version,
    is_demo,
    boundary_year,
    first_school_year,
    last_school_year,
    suppression_threshold
from db.meta.build
limit 1
