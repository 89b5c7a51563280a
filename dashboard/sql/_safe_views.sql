-- Suppression views: the ONLY way the dashboard reads counts from the warehouse.
-- Created in the in-memory catalog of every read-only handle (dashboard/db.py), so every query,
-- view and export goes through the same small-count rule. Query files read `safe.*`, never
-- `marts.indicator_values`.
-- Rule: a numerator below $threshold (or a denominator below it) is suppressed: numerator,
-- value and interval become NULL and is_suppressed is true; the denominator stays (it is a
-- population, not a small group).
-- Secondary suppression: counts that would give a small count away by subtraction are hidden
-- too; dashboard/suppression.py decides which and db.py stores them in safe.suppressed_gemeenten
-- before this file runs.
-- Param: threshold (integer), inlined as a literal by db.py because views cannot hold parameters.
create or replace view safe.indicator_values as
with

source as (
    select * from db.marts.indicator_values
),

flagged as (
    select
        source.*,
        coalesce(source.numerator < {threshold} or source.denominator < {threshold}, false)
            or hidden.region_code is not null as _suppress
    from source
    left join safe.suppressed_gemeenten as hidden
        on source.region_level = 'gemeente'
        and source.indicator_key = hidden.indicator_key
        and source.region_code = hidden.region_code
        and source.school_year = hidden.school_year
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
