-- Purpose: the table of the Tabellen-en-export page and its CSV/XLSX downloads.
-- Grain: one row per indicator x region x school year.
-- Params: $indicator_keys (text[]), $region_level (text), $region_codes (text[]; empty list =
--   every region of the level), $school_years (text[]).
-- Returns: indicator_key, indicator_label, unit, decimals, region_level, region_code,
--   region_name, school_year, school_year_start, numerator, denominator, value, ci_lower,
--   ci_upper, status, is_suppressed, flag, funnel_class, suppression_threshold, source_key,
--   is_estimate, gemeenten_responding, gemeenten_total (response: docs/nonresponse.md).
--   Counts, value and interval are NULL when suppressed or without a figure (safe view).
select
    -- ids
    v.indicator_key,
    i.label as indicator_label,
    i.unit,
    i.decimals,
    v.region_level,
    v.region_code,
    v.region_name,
    v.school_year,
    v.school_year_start,
    -- measures
    v.numerator,
    v.denominator,
    v.value,
    v.ci_lower,
    v.ci_upper,
    -- flags
    v.status,
    v.is_suppressed,
    v.flag,
    v.funnel_class,
    v.suppression_threshold,
    v.source_key,
    -- response
    v.is_estimate,
    v.gemeenten_responding,
    v.gemeenten_total
from safe.indicator_values as v
inner join db.marts.indicators as i using (indicator_key)
where list_contains($indicator_keys, v.indicator_key)
  and v.region_level = $region_level
  and (len($region_codes) = 0 or list_contains($region_codes, v.region_code))
  and list_contains($school_years, v.school_year)
order by i.sort_order, v.region_name, v.school_year_start
