-- Purpose: the indicator registry (labels, units, definitions) for pickers, charts and the
--   verantwoording of a download.
-- Grain: one row per indicator, in display order.
-- Params: none.
-- Returns: indicator_key, label, short_label, unit, multiplier, decimals, definition,
--   numerator_definition, denominator_definition, source_key, higher_is_worse, model,
--   trend_breaks (text[]), sort_order.
select
    indicator_key,
    label,
    short_label,
    unit,
    multiplier,
    decimals,
    definition,
    numerator_definition,
    denominator_definition,
    source_key,
    higher_is_worse,
    model,
    trend_breaks,
    sort_order
from db.marts.indicators
order by sort_order, indicator_key
