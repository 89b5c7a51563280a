-- Purpose: the models behind verwacht versus werkelijk for one school year, for "Over de
--   cijfers": per indicator the family, fit and number of gemeenten, and per term the
--   coefficient (log scale, per standard deviation) with its 95% interval.
-- Grain: one row per indicator and term.
-- Params: $school_year (text, '2023-2024').
-- Returns: indicator_key, term, label, family, term_label, characteristics_year,
--   gemeenten_used, gemeenten_hidden, deviance, residual_df, pearson_dispersion, alpha,
--   coefficient, ci_lower, ci_upper, rate_ratio (exp of the coefficient).
select
    -- ids
    m.indicator_key,
    c.term,
    -- dimensions
    i.label,
    m.family,
    c.term_label,
    m.characteristics_year,
    -- measures
    m.gemeenten_used,
    m.gemeenten_hidden,
    m.deviance,
    m.residual_df,
    m.pearson_dispersion,
    m.alpha,
    c.coefficient,
    c.ci_lower,
    c.ci_upper,
    exp(c.coefficient) as rate_ratio
from db.marts.expected_models as m
inner join db.marts.expected_coefficients as c using (indicator_key, school_year)
inner join db.marts.indicators as i using (indicator_key)
where m.school_year = $school_year
order by i.sort_order, c.sort_order
