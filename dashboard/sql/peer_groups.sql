-- Purpose: the vergelijkbare regio's of one gemeente or RMC-regio (Vergelijken's comparison
--   set "Vergelijkbare gemeenten", Regioprofiel, the regiorapport), nearest first.
-- Grain: one row per peer (k rows; none when the build had no CBS 70072ned characteristics).
-- Params: $region_level (text, 'gemeente' or 'rmc'), $region_code (text, GMxxxx or MCxx).
-- Returns: peer_rank, peer_code, peer_name, reason (Dutch sentence why similar),
--   characteristics_year, distance.
select
    -- ids
    peer_rank,
    peer_code,
    -- dimensions
    peer_name,
    reason,
    characteristics_year,
    -- measures
    distance
from db.marts.peer_groups
where region_level = $region_level
  and region_code = $region_code
order by peer_rank
