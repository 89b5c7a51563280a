-- Purpose: the indicator registry in display order (pickers, labels, units, models).
-- Grain: one row per indicator_key.
-- Params: none.
-- Returns: indicator_key, label, short_label, unit, multiplier, decimals, definition,
--   numerator_definition, denominator_definition, definition_source, source_key, higher_is_worse, model,
--   trend_breaks, sort_order
select
    -- ids
    indicator_key,
    -- dimensions
    label,
    short_label,
    unit,
    multiplier,
    decimals,
    definition,
    numerator_definition,
    denominator_definition,
    definition_source,
    source_key,
    higher_is_worse,
    model,
    trend_breaks,
    sort_order
from db.marts.indicators
order by sort_order, indicator_key
