-- nl: Elke vergelijkingsgroep heeft k andere regio's van hetzelfde niveau, op volgorde van afstand.
-- Peer groups: a region is never its own peer, every region with characteristics has exactly
-- k peers ranked 1..k without duplicates, distances never decrease with rank, and a peer is a
-- region of the same level.
with

groups as (
    select * from marts.peer_groups
),

characteristics as (
    select distinct region_level, region_code from marts.region_characteristics
),

ordered as (
    select *, lag(distance) over (
        partition by region_level, region_code order by peer_rank
    ) as previous_distance
    from groups
),

-- k = 10 for gemeenten and 5 for RMC-regio's, fewer when the level has fewer other regions
expected_k as (
    select region_level,
        least(case region_level when 'gemeente' then 10 else 5 end, count(*) - 1) as k
    from characteristics
    group by region_level
),

sizes as (
    select characteristics.region_level, characteristics.region_code,
        count(groups.peer_code) as peers, count(distinct groups.peer_code) as distinct_peers,
        coalesce(max(groups.peer_rank), 0) as max_rank, any_value(expected_k.k) as k
    from characteristics
    inner join expected_k using (region_level)
    left join groups using (region_level, region_code)
    group by all
)

select region_level, region_code, 'eigen regio als vergelijkbare' as problem
from groups where peer_code = region_code
union all
select region_level, region_code, 'afstand daalt bij hogere rang'
from ordered where distance < previous_distance - 1e-12
union all
select region_level, region_code, 'aantal of rangen kloppen niet'
from sizes where peers <> distinct_peers or max_rank <> peers or peers <> k
union all
select region_level, region_code, 'k klopt niet'
from groups
inner join expected_k using (region_level)
where groups.k <> expected_k.k
union all
select groups.region_level, groups.peer_code, 'vergelijkbare regio zonder kenmerken'
from groups
left join characteristics
    on groups.region_level = characteristics.region_level
    and groups.peer_code = characteristics.region_code
where characteristics.region_code is null
