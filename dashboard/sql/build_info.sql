-- Purpose: the one row describing this build (demo banner, footer, Over de cijfers).
-- Grain: one row (meta.build holds a single build).
-- Params: none.
-- Returns: built_at, kompas_version, is_demo, boundary_year, raw_dir, first_school_year,
--   last_school_year, suppression_threshold
select
    built_at,
    kompas_version,
    is_demo,
    boundary_year,
    raw_dir,
    first_school_year,
    last_school_year,
    suppression_threshold
from db.meta.build
order by built_at desc
limit 1
