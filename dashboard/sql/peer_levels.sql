-- Purpose: the levels that have peer groups in this build (Vergelijken offers "Vergelijkbare
--   regio's" only there; a build without CBS 70072ned has none).
-- Grain: one row per region level.
-- Params: none.
-- Returns: region_level.
select distinct region_level
from db.marts.peer_groups
order by region_level
