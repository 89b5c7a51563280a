-- Purpose: the sources behind a set of indicators, for the verantwoording of a download.
-- Grain: one row per source.
-- Params: $indicator_keys (text[]).
-- Returns: source_key, title, producer, licence, url_main, citation, retrieved_at, is_demo.
select
    s.source_key,
    s.title,
    s.producer,
    s.licence,
    s.url_main,
    s.citation,
    s.retrieved_at,
    s.is_demo
from db.marts.sources as s
where s.source_key in (
    select source_key
    from db.marts.indicators
    where list_contains($indicator_keys, indicator_key)
)
order by s.source_key
