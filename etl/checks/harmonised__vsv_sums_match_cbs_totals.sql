-- nl: De opgetelde gemeenten komen overeen met de eigen totalen van het CBS (binnen de afronding op tientallen).
-- Our sums of gemeenten agree with CBS's own RMC, provincie and national vsv totals within
-- CBS rounding (each published count is rounded to tens: at most 5 per gemeente, plus 5 for the
-- total). Compared where the composition is the same: Nederland in every year; RMC-regio's and
-- provincies in years whose figures were already published in the boundary-year indeling
-- (no gemeente code of that year needed mapping).
with

published as (
    select * from harmonised.vsv_published_totals
),

gemeenten as (
    select * from harmonised.early_leavers
),

municipalities as (
    select * from harmonised.municipalities
),

unmapped_years as (
    select school_year_start
    from staged.cbs_vsv__early_leavers as s
    inner join harmonised.municipality_map as m on s.region_code = m.source_code
    where s.region_level = 'gemeente'
    group by school_year_start
    having bool_and(m.source_code = m.target_code)
),

sums as (
    select 'rmc' as region_level, m.rmc_code as region_code, g.school_year_start,
        sum(g.vsv_count) as vsv_sum, count(*) as n
    from gemeenten as g inner join municipalities as m using (municipality_code) group by all
    union all
    select 'provincie', m.provincie_code, g.school_year_start, sum(g.vsv_count), count(*)
    from gemeenten as g inner join municipalities as m using (municipality_code) group by all
    union all
    select 'nederland', 'NL01', school_year_start, sum(vsv_count), count(*)
    from gemeenten group by all
)

select published.region_code, published.school_year_start, published.vsv_count as cbs_total,
    sums.vsv_sum, sums.n
from published
inner join sums using (region_level, region_code, school_year_start)
where (published.region_level = 'nederland'
        or published.school_year_start in (select school_year_start from unmapped_years))
    and abs(published.vsv_count - sums.vsv_sum) > 5 * sums.n + 5
