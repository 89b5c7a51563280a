-- nl: Het omzetten naar de nieuwste gemeentelijke indeling verandert de landelijke totalen niet.
-- Harmonisation moves counts between codes but never creates or loses them: per year, the
-- national totals before (staged gemeente rows) and after (harmonised, where split gemeenten
-- were divided in whole numbers by largest remainder) are exactly equal. Thuiszitters are
-- derived (absoluut + langdurig relatief), so their parts are compared instead. A verzuim count
-- is skipped in a year in which some gemeente left it empty: the harmonised sum over a merger
-- with an empty part is NULL by design ("not reported" is never read as zero).
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
    select 'population_12_22', year, sum(population_count)
    from staged.cbs_bevolking__population
    where region_code like 'GM%' and age between 12 and 22 group by all
    union all
    select 'absoluut_verzuim', school_year_start, sum(absoluut_verzuim_count)
    from staged.verzuim__counts
    group by all having count(*) = count(absoluut_verzuim_count)
    union all
    select 'relatief_verzuim', school_year_start, sum(relatief_verzuim_count)
    from staged.verzuim__counts
    group by all having count(*) = count(relatief_verzuim_count)
    union all
    select 'relatief_verzuim_16_uur', school_year_start, sum(relatief_verzuim_16_uur_count)
    from staged.verzuim__counts
    group by all having count(*) = count(relatief_verzuim_16_uur_count)
    union all
    select 'relatief_verzuim_luxe', school_year_start, sum(relatief_verzuim_luxe_count)
    from staged.verzuim__counts
    group by all having count(*) = count(relatief_verzuim_luxe_count)
    union all
    select 'langdurig_relatief_verzuim', school_year_start, sum(langdurig_relatief_verzuim_count)
    from staged.verzuim__counts
    group by all having count(*) = count(langdurig_relatief_verzuim_count)
    union all
    select 'vrijstelling_5a', school_year_start, sum(vrijstelling_5a_count)
    from staged.verzuim__counts
    group by all having count(*) = count(vrijstelling_5a_count)
),

after as (
    select 'vsv' as measure, school_year_start as year, sum(vsv_count) as total
    from harmonised.early_leavers group by all
    union all
    select 'pupils', school_year_start, sum(pupils_count) from harmonised.early_leavers group by all
    union all
    select 'population_5_17', year, sum(population_5_17) from harmonised.population group by all
    union all
    select 'population_12_22', year, sum(population_12_22) from harmonised.population group by all
    union all
    select 'absoluut_verzuim', school_year_start, sum(absoluut_verzuim_count)
    from harmonised.absence group by all
    union all
    select 'relatief_verzuim', school_year_start, sum(relatief_verzuim_count)
    from harmonised.absence group by all
    union all
    select 'relatief_verzuim_16_uur', school_year_start, sum(relatief_verzuim_16_uur_count)
    from harmonised.absence group by all
    union all
    select 'relatief_verzuim_luxe', school_year_start, sum(relatief_verzuim_luxe_count)
    from harmonised.absence group by all
    union all
    select 'langdurig_relatief_verzuim', school_year_start, sum(langdurig_relatief_verzuim_count)
    from harmonised.absence group by all
    union all
    select 'vrijstelling_5a', school_year_start, sum(vrijstelling_5a_count)
    from harmonised.absence group by all
)

select before.measure, before.year, before.total as before_total, after.total as after_total
from before
full join after using (measure, year)
where coalesce(before.total, 0) <> coalesce(after.total, 0)
