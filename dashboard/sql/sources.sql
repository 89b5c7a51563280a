-- Purpose: every source the warehouse was built from, with origin and licence.
-- Grain: one row per source_key.
-- Params: none.
-- Returns: source_key, title, producer, licence, url_main, citation, retrieved_at, is_demo
select
    -- ids
    source_key,
    -- dimensions
    title,
    producer,
    licence,
    url_main,
    citation,
    retrieved_at,
    is_demo
from db.marts.sources
order by source_key
