-- Purpose: every raw file the build read, with checksum and origin (provenance).
-- Grain: one row per file.
-- Params: none.
-- Returns: file, source_key, sha256, bytes, retrieved_at, url, licence, is_demo
select
    -- ids
    file,
    source_key,
    -- dimensions
    sha256,
    bytes,
    retrieved_at,
    url,
    licence,
    is_demo
from db.meta.files
order by source_key, file
