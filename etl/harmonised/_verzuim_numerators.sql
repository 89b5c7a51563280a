-- verzuim_numerators(t): the numerator of every verzuim indicator, one row per row of the
-- relation named `t` and indicator (indicator_key, numerator; t's other columns kept beside
-- them). `t` has the count columns of staged.verzuim__counts: harmonised.absence for the
-- warehouse (harmonised/indicator_counts.sql), a member's staged submission for the member page
-- (uitvraag/member_rates.sql), so both turn counts into indicators by this one definition.
-- thuiszitters follows the OCW definition: absoluut verzuim plus langdurig relatief verzuim.
-- NULL stays NULL ("not reported"). Created by etl/harmonised/macros.py as a temporary macro
-- (the name starts with '_', so it is not a table of the layer).
create or replace temp macro verzuim_numerators(t) as table
    with counts as (
        select
            *,
            absoluut_verzuim_count + langdurig_relatief_verzuim_count as thuiszitters_count
        from query_table(t)
    )

    from counts
    unpivot include nulls (
        numerator for indicator_key in (
            absoluut_verzuim_count as 'absoluut_verzuim_per_1000',
            relatief_verzuim_count as 'relatief_verzuim_per_1000',
            relatief_verzuim_16_uur_count as 'zestien_uur_verzuim_per_1000',
            relatief_verzuim_luxe_count as 'luxe_verzuim_per_1000',
            langdurig_relatief_verzuim_count as 'langdurig_relatief_verzuim_per_1000',
            thuiszitters_count as 'thuiszitters_per_1000',
            vrijstelling_5a_count as 'vrijstelling_5a_per_1000'
        )
    )
