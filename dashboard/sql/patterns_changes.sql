-- Purpose: change of one indicator between two school years for every region of one level,
--   largest absolute changes first (Patronen slope chart).
-- Grain: one row per region with an unsuppressed value in both years.
-- Params: $region_level (text), $indicator_key (text), $year_from (text), $year_to (text),
--   $top_n (integer: how many regions to return).
-- Returns: region_code, region_name, value_from, ci_lower_from, ci_upper_from, status_from,
--   value_to, ci_lower_to, ci_upper_to, status_to, denominator_to, change, is_estimate_from,
--   gemeenten_responding_from, gemeenten_total_from, is_estimate_to, gemeenten_responding_to,
--   gemeenten_total_to (the response per year, docs/nonresponse.md).
with

start_year as (
    select region_code, region_name, value, ci_lower, ci_upper, status,
        is_estimate, gemeenten_responding, gemeenten_total
    from safe.indicator_values
    where region_level = $region_level
      and indicator_key = $indicator_key
      and school_year = $year_from
      and value is not null
),

end_year as (
    select region_code, value, ci_lower, ci_upper, status, denominator,
        is_estimate, gemeenten_responding, gemeenten_total
    from safe.indicator_values
    where region_level = $region_level
      and indicator_key = $indicator_key
      and school_year = $year_to
      and value is not null
)

select
    -- ids
    s.region_code,
    s.region_name,
    -- measures
    s.value as value_from,
    s.ci_lower as ci_lower_from,
    s.ci_upper as ci_upper_from,
    s.status as status_from,
    e.value as value_to,
    e.ci_lower as ci_lower_to,
    e.ci_upper as ci_upper_to,
    e.status as status_to,
    e.denominator as denominator_to,
    e.value - s.value as change,
    -- response
    s.is_estimate as is_estimate_from,
    s.gemeenten_responding as gemeenten_responding_from,
    s.gemeenten_total as gemeenten_total_from,
    e.is_estimate as is_estimate_to,
    e.gemeenten_responding as gemeenten_responding_to,
    e.gemeenten_total as gemeenten_total_to
from start_year as s
inner join end_year as e using (region_code)
order by abs(e.value - s.value) desc, s.region_name
limit $top_n
