-- Purpose: the plausibility questions of one round still open (the /bureau page): flags on an
--   accepted submission in force whose figure the member has not confirmed with an explanation
--   (no flag_confirmations row for that submission, gemeente and figure).
-- Grain: one row per flag (submission, gemeente, figure), ordered by organisation, gemeente and
--   figure.
-- Params: :round_id (integer).
-- Returns: organisation_id, name, email, received_at (of the submission), gemeentecode, figure
--   (template column), kind (the comparison that asked: 'vorig_jaar' or
--   'vergelijkbare_gemeenten'), previous_value (what the figure was compared with: the
--   gemeente's own figure last school year, or the count at its peers' median rate last year),
--   value (submitted), message (the question as the member read it).
select
    o.organisation_id,
    o.name,
    o.email,
    s.received_at,
    f.gemeentecode,
    f.figure,
    f.kind,
    f.previous_value,
    f.value,
    f.message
from submissions as s
inner join organisations as o
    on o.round_id = s.round_id and o.organisation_id = s.organisation_id
inner join plausibility_flags as f on f.submission_id = s.submission_id
left join flag_confirmations as c
    on c.submission_id = f.submission_id
    and c.gemeentecode = f.gemeentecode
    and c.figure = f.figure
where s.round_id = :round_id
  and s.is_accepted = 1
  and s.superseded_by is null
  and c.submission_id is null
order by o.organisation_id, f.gemeentecode, f.figure
