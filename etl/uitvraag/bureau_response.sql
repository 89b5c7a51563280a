-- Purpose: the bureau's response table of one round (the /bureau page): per organisation its
--   gemeenten, its accepted submission in force and its state.
-- Grain: one row per organisation of the round, ordered by organisation_id.
-- Params: :round_id (integer).
-- Returns: organisation_id, name, email, gemeenten (GM codes, sorted, separated by spaces),
--   submission_id and received_at of the accepted submission in force (NULL when none),
--   questions (plausibility flags on it), open_questions (those whose figure has no
--   flag_confirmations row yet), state:
--   'nog niet' no accepted submission; 'open vragen' questions not confirmed yet;
--   'gecontroleerd' compared with last year (a comparisons row with at least one gemeente that
--   had a figure last year) and no question open; 'ingediend' accepted but never compared.
with

in_force as (
    select submission_id, organisation_id, received_at
    from submissions
    where round_id = :round_id and is_accepted = 1 and superseded_by is null
),

questions as (
    select
        f.submission_id,
        count(*) as questions,
        count(*) filter (where c.submission_id is null) as open_questions
    from plausibility_flags as f
    inner join in_force as s on s.submission_id = f.submission_id
    left join flag_confirmations as c
        on c.submission_id = f.submission_id
        and c.gemeentecode = f.gemeentecode
        and c.figure = f.figure
    group by f.submission_id
),

gemeenten as (
    select organisation_id, group_concat(gemeentecode, ' ') as gemeenten
    from (
        select organisation_id, gemeentecode
        from organisation_gemeenten
        where round_id = :round_id
        order by organisation_id, gemeentecode
    )
    group by organisation_id
),

per_organisation as (
    select
        o.organisation_id,
        o.name,
        o.email,
        g.gemeenten,
        s.submission_id,
        s.received_at,
        coalesce(q.questions, 0) as questions,
        coalesce(q.open_questions, 0) as open_questions,
        coalesce(m.gemeenten_compared, 0) > 0 as is_compared
    from organisations as o
    left join gemeenten as g on g.organisation_id = o.organisation_id
    left join in_force as s on s.organisation_id = o.organisation_id
    left join questions as q on q.submission_id = s.submission_id
    left join comparisons as m on m.submission_id = s.submission_id
    where o.round_id = :round_id
)

select
    organisation_id,
    name,
    email,
    gemeenten,
    submission_id,
    received_at,
    questions,
    open_questions,
    case
        when submission_id is null then 'nog niet'
        when open_questions > 0 then 'open vragen'
        when is_compared then 'gecontroleerd'
        else 'ingediend'
    end as state
from per_organisation
order by organisation_id
