-- Suppression views: the ONLY way the dashboard reads counts from the warehouse.
-- Created in the in-memory catalog of every read-only handle (dashboard/db.py), so every query,
-- view and export goes through the same small-count rule. Query files read `safe.*`, never
-- `marts.indicator_values`.
-- Rule: a numerator below $threshold (or a denominator below it) is suppressed: numerator,
-- value and interval become NULL and is_suppressed is true; the denominator stays (it is a
-- population, not a small group).
-- Param: threshold (integer), inlined as a literal by db.py because views cannot hold parameters.
create schema if not exists safe;

create or replace view safe.indicator_values as
with

source as (
    select * from db.marts.indicator_values
),

flagged as (
    select
        *,
        coalesce(numerator < {threshold} or denominator < {threshold}, false) as _suppress
    from source
)

select
    -- ids
    indicator_key,
    region_level,
    region_code,
    region_name,
    rmc_code,
    provincie_code,
    school_year,
    school_year_start,
    -- measures (nulled when suppressed)
    case when _suppress then null else numerator end as numerator,
    denominator,
    case when _suppress then null else value end as value,
    case when _suppress then null else ci_lower end as ci_lower,
    case when _suppress then null else ci_upper end as ci_upper,
    -- flags
    status,
    _suppress as is_suppressed,
    {threshold} as suppression_threshold,
    source_key,
    is_demo
from flagged;
