-- Purpose: map geometries (GeoJSON text, clockwise exterior rings) of one region level.
-- Grain: one row per region_code of the level; regions without geometry are left out.
-- Params: $region_level (text: gemeente, rmc, provincie).
-- Returns: region_code, region_name, geometry_geojson
select
    -- ids
    region_code,
    -- dimensions
    region_name,
    geometry_geojson
from db.marts.regions
where region_level = $region_level
  and geometry_geojson is not null
order by region_code
