-- The ONLY way the dashboard reads counts: a plain view over the build's decision.
-- Created in the in-memory catalog of every read-only handle (dashboard/db.py). Which counts are
-- hidden was decided once at build time (etl/disclosure, stored in marts.published_values);
-- the dashboard never decides or recomputes it. Query files read `safe.*`, never
-- `marts.indicator_values` or `marts.published_values`.
-- flag: '' shown, 'primary' (small count, label `<5`), 'secondary' (hidden so a small count
-- elsewhere cannot be derived, label `x`). is_suppressed = flag <> '' for existing callers.
-- Params: none.
create or replace view safe.indicator_values as
select
    published.*,
    published.flag <> '' as is_suppressed,
    build.suppression_threshold
from db.marts.published_values as published
cross join (select max(suppression_threshold) as suppression_threshold from db.meta.build) as build;
