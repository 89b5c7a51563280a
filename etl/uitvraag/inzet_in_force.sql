-- Purpose: the submissions the inzet figures of one round are read from: per organisation of
--   the round its accepted submission in force (the last accepted upload), if any.
-- Grain: one row per organisation with an accepted submission in force, ordered by name and
--   organisation_id.
-- Params: :round_id (integer).
-- Returns: organisation_id, name (from the bureau's organisations file), submission_id, sha256
--   (of the stored bytes).
select o.organisation_id, o.name, s.submission_id, s.sha256
from organisations as o
inner join submissions as s
    on s.round_id = o.round_id and s.organisation_id = o.organisation_id
where o.round_id = :round_id and s.is_accepted = 1 and s.superseded_by is null
order by o.name, o.organisation_id
