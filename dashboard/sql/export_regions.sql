-- Purpose: every region with its parents, without geometry, for pickers and labels.
-- Grain: one row per region_level x region_code.
-- Params: none.
-- Returns: region_level, region_code, region_name, rmc_code, rmc_name, provincie_code,
--   provincie_name.
select
    region_level,
    region_code,
    region_name,
    rmc_code,
    rmc_name,
    provincie_code,
    provincie_name
from db.marts.regions
order by region_level, region_name
