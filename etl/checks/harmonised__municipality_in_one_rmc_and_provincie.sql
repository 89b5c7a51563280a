-- nl: Elke gemeente ligt in precies één RMC-regio en één provincie.
-- Each gemeente of the indeling lies in exactly one RMC-regio and one provincie.
select municipality_code, count(*) as assignments, string_agg(rmc_code || '/' || provincie_code, ', ')
    as found
from staged.duo__municipality_regions
group by municipality_code
having count(*) <> 1 or count(rmc_code) <> 1 or count(provincie_code) <> 1
