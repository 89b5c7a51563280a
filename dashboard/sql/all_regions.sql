-- Purpose: every region of every level without geometry (pickers, parents for comparison sets).
-- Grain: one row per region_level x region_code.
-- Params: none.
-- Returns: region_level, region_code, region_name, rmc_code, rmc_name, provincie_code,
--   provincie_name, level_order
select
    -- ids
    region_level,
    region_code,
    -- dimensions
    region_name,
    rmc_code,
    rmc_name,
    provincie_code,
    provincie_name,
    case region_level
        when 'nederland' then 0
        when 'provincie' then 1
        when 'rmc' then 2
        else 3
    end as level_order
from db.marts.regions
order by level_order, region_name, region_code
