-- CBS's own published vsv totals for RMC-regio's, provincies and Nederland, kept only to check
-- that our sums of gemeenten agree within CBS rounding (etl/checks). Never shown.
-- Grain: region_code x school_year_start.
select
    region_code,
    region_level,
    school_year_start,
    pupils_count,
    vsv_count
from staged.cbs_vsv__early_leavers
where region_level in ('rmc', 'provincie', 'nederland')
order by region_code, school_year_start
