-- nl: Elke gemeente, RMC-regio en provincie heeft een kaartvorm, en elke gemeente een RMC-regio en provincie.
-- Every gemeente, RMC-regio and provincie has a map shape, and every gemeente has parents.
select region_level, region_code, region_name
from marts.regions
where (region_level <> 'nederland' and geometry_geojson is null)
    or (region_level = 'gemeente' and (rmc_code is null or provincie_code is null))
