-- nl: Het omzetten naar de nieuwste gemeentelijke indeling verandert de landelijke totalen niet.
-- Harmonisation moves counts between codes but never creates or loses them: per year, the
-- national totals before (staged gemeente rows) and after (harmonised) are equal.
with

before as (
    select 'vsv' as measure, school_year_start as year, sum(vsv_count) as total
    from staged.cbs_vsv__early_leavers where region_level = 'gemeente' group by all
    union all
    select 'pupils', school_year_start, sum(pupils_count)
    from staged.cbs_vsv__early_leavers where region_level = 'gemeente' group by all
    union all
    select 'population_5_17', year, sum(population_count)
    from staged.cbs_bevolking__population
    where region_code like 'GM%' and age between 5 and 17 group by all
    union all
    select 'absoluut_verzuim', school_year_start, sum(absoluut_verzuim_count)
    from staged.verzuim__counts group by all
),

after as (
    select 'vsv' as measure, school_year_start as year, sum(vsv_count) as total
    from harmonised.early_leavers group by all
    union all
    select 'pupils', school_year_start, sum(pupils_count) from harmonised.early_leavers group by all
    union all
    select 'population_5_17', year, sum(population_5_17) from harmonised.population group by all
    union all
    select 'absoluut_verzuim', school_year_start, sum(absoluut_verzuim_count)
    from harmonised.absence group by all
)

select before.measure, before.year, before.total as before_total, after.total as after_total
from before
full join after using (measure, year)
where abs(coalesce(before.total, 0) - coalesce(after.total, 0)) > 1e-6
