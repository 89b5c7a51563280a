-- Purpose: two indicators side by side for every region of one level in one school year
--   (Patronen: scatter with fitted line).
-- Grain: one row per region that has a row for both indicators in that year.
-- Params: $region_level (text), $school_year (text), $indicator_x (text), $indicator_y (text).
-- Returns: region_code, region_name, provincie_code, provincie_name, x_value, x_denominator,
--   x_is_suppressed, x_status, y_value, y_numerator, y_denominator, y_is_suppressed, y_status,
--   x_flag, x_is_estimate, x_gemeenten_responding, x_gemeenten_total, y_flag, y_is_estimate,
--   y_gemeenten_responding, y_gemeenten_total (the response per axis, docs/nonresponse.md).
--   Values are NULL when suppressed (safe view); such regions are kept so the page can count them.
with

x as (
    select region_code, region_name, provincie_code, value, denominator, is_suppressed, status,
        flag, is_estimate, gemeenten_responding, gemeenten_total
    from safe.indicator_values
    where region_level = $region_level
      and school_year = $school_year
      and indicator_key = $indicator_x
),

y as (
    select region_code, numerator, value, denominator, is_suppressed, status,
        flag, is_estimate, gemeenten_responding, gemeenten_total
    from safe.indicator_values
    where region_level = $region_level
      and school_year = $school_year
      and indicator_key = $indicator_y
),

provincies as (
    select region_code as provincie_code, region_name as provincie_name
    from db.marts.regions
    where region_level = 'provincie'
)

select
    -- ids
    x.region_code,
    x.region_name,
    -- dimensions (a provincie is its own provincie)
    coalesce(x.provincie_code, case when $region_level = 'provincie' then x.region_code end)
        as provincie_code,
    coalesce(p.provincie_name, case when $region_level = 'provincie' then x.region_name end,
        'Nederland') as provincie_name,
    -- measures
    x.value as x_value,
    x.denominator as x_denominator,
    x.is_suppressed as x_is_suppressed,
    x.status as x_status,
    y.value as y_value,
    y.numerator as y_numerator,
    y.denominator as y_denominator,
    y.is_suppressed as y_is_suppressed,
    y.status as y_status,
    -- response
    x.flag as x_flag,
    x.is_estimate as x_is_estimate,
    x.gemeenten_responding as x_gemeenten_responding,
    x.gemeenten_total as x_gemeenten_total,
    y.flag as y_flag,
    y.is_estimate as y_is_estimate,
    y.gemeenten_responding as y_gemeenten_responding,
    y.gemeenten_total as y_gemeenten_total
from x
inner join y using (region_code)
left join provincies as p on x.provincie_code = p.provincie_code
order by x.region_name
