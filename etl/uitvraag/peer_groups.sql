-- The vergelijkbare gemeenten of every gemeente, for the plausibility step of the uitvraag.
-- Grain: one row per gemeente that has peers.
-- Params: none.
-- Returns: region_code (GM code), peers (list of GM codes, most similar first)
select region_code, list(peer_code order by peer_rank) as peers
from marts.peer_groups
where region_level = 'gemeente'
group by region_code
order by region_code
