-- depends_on: region_characteristics
-- Vergelijkbare gemeenten (and RMC-regio's): for every region its k nearest regions of the same
-- level by structural characteristics, with a short Dutch sentence saying why.
-- Grain: region_level x region_code x peer_rank.
-- Distance: Euclidean distance between the standardised characteristics (z-scores of
-- marts.region_characteristics, all four weighted equally; a characteristic without spread
-- counts as 0). k = 10 for gemeenten and 5 for RMC-regio's (fewer when the level has fewer
-- other regions). Ties in distance are broken by the peer's code, so the groups are stable.
-- A region is never its own peer. The sentence names the characteristic where the two are
-- closest and the one where they differ most (largest absolute difference in z; equal
-- differences go to the characteristic first in sort order).
-- Each region's z-scores are one list in sort order, so every distance is summed in the same
-- order on every build (bit-identical whatever the threads); the number texts are written per
-- region and characteristic and joined to the kept pairs only, not formatted for every pair.
with

characteristics as (
    select * from marts.region_characteristics
),

k_per_level as (
    select region_level, least(case region_level when 'gemeente' then 10 else 5 end,
        count(distinct region_code) - 1) as k
    from characteristics
    group by region_level
),

-- one row per region: its characteristics and z-scores in sort order (no spread counts as 0)
profiles as (
    select
        region_level,
        region_code,
        list(characteristic_key order by sort_order, characteristic_key) as keys,
        list(coalesce(z, 0) order by sort_order, characteristic_key) as z_values
    from characteristics
    group by region_level, region_code
),

pairs as (
    select
        own.region_level,
        own.region_code,
        peer.region_code as peer_code,
        own.keys,
        list_transform(
            range(1, len(own.z_values) + 1),
            lambda i: abs(peer.z_values[i] - own.z_values[i])
        ) as z_differences
    from profiles as own
    inner join profiles as peer
        on own.region_level = peer.region_level
        and own.region_code <> peer.region_code
),

distances as (
    select
        region_level,
        region_code,
        peer_code,
        sqrt(list_sum(list_transform(z_differences, lambda d: d * d))) as distance,
        keys[list_position(z_differences, list_min(z_differences))] as most_similar_key,
        keys[list_position(z_differences, list_max(z_differences))] as most_different_key
    from pairs
),

ranked as (
    select
        distances.*,
        row_number() over (
            partition by distances.region_level, distances.region_code
            order by distances.distance, distances.peer_code
        ) as peer_rank,
        k_per_level.k
    from distances
    inner join k_per_level on distances.region_level = k_per_level.region_level
    qualify peer_rank <= k_per_level.k
),

-- Dutch number text for the sentence: 52.300 inwoners, 12,4%
labelled as (
    select
        region_level,
        region_code,
        characteristic_key,
        characteristic_name,
        unit_suffix,
        case
            when characteristic_key in ('inwoners', 'bevolkingsdichtheid') then
                replace(format('{:,}', round(value)::bigint), ',', '.')
            else replace(printf('%.1f', value), '.', ',')
        end as value_text
    from characteristics
),

final as (
    select
        -- ids
        ranked.region_level,
        ranked.region_code,
        ranked.peer_rank,
        -- dimensions
        own_region.region_name,
        ranked.peer_code,
        peer_region.region_name as peer_name,
        ranked.most_similar_key,
        ranked.most_different_key,
        'Lijkt vooral in ' || closest.characteristic_name || ': ' || closest_peer.value_text
            || closest.unit_suffix || ' (' || own_region.region_name || ': ' || closest.value_text
            || closest.unit_suffix || '). Grootste verschil: ' || furthest.characteristic_name
            || ', ' || furthest_peer.value_text || furthest.unit_suffix || ' ('
            || own_region.region_name || ': ' || furthest.value_text || furthest.unit_suffix
            || ').' as reason,
        -- measures
        ranked.distance,
        ranked.k,
        own_region.characteristics_year,
        own_region.is_demo
    from ranked
    inner join labelled as closest
        on ranked.region_level = closest.region_level
        and ranked.region_code = closest.region_code
        and ranked.most_similar_key = closest.characteristic_key
    inner join labelled as closest_peer
        on ranked.region_level = closest_peer.region_level
        and ranked.peer_code = closest_peer.region_code
        and ranked.most_similar_key = closest_peer.characteristic_key
    inner join labelled as furthest
        on ranked.region_level = furthest.region_level
        and ranked.region_code = furthest.region_code
        and ranked.most_different_key = furthest.characteristic_key
    inner join labelled as furthest_peer
        on ranked.region_level = furthest_peer.region_level
        and ranked.peer_code = furthest_peer.region_code
        and ranked.most_different_key = furthest_peer.characteristic_key
    inner join (
        select distinct region_level, region_code, region_name, characteristics_year, is_demo
        from characteristics
    ) as own_region
        on ranked.region_level = own_region.region_level
        and ranked.region_code = own_region.region_code
    inner join (select distinct region_level, region_code, region_name from characteristics)
        as peer_region
        on ranked.region_level = peer_region.region_level
        and ranked.peer_code = peer_region.region_code
)

select * from final
order by region_level, region_code, peer_rank
