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
-- order on every build (bit-identical whatever the threads). The number texts are written once
-- per region and characteristic and kept in the same order, so the sentences of the kept pairs
-- look them up by position (no join between pairs and characteristics).
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

-- Dutch number text for the sentence: 52.300 inwoners, 12,4%
labelled as (
    select
        *,
        case
            when characteristic_key in ('inwoners', 'bevolkingsdichtheid') then
                replace(format('{:,}', round(value)::bigint), ',', '.')
            else replace(printf('%.1f', value), '.', ',')
        end as value_text
    from characteristics
),

-- one row per region: its characteristics in sort order (z without spread counts as 0)
profiles as (
    select
        region_level,
        region_code,
        region_name,
        characteristics_year,
        is_demo,
        list(characteristic_key order by sort_order, characteristic_key) as keys,
        list(characteristic_name order by sort_order, characteristic_key) as names,
        list(unit_suffix order by sort_order, characteristic_key) as suffixes,
        list(value_text order by sort_order, characteristic_key) as texts,
        list(coalesce(z, 0) order by sort_order, characteristic_key) as z_values
    from labelled
    group by region_level, region_code, region_name, characteristics_year, is_demo
),

distances as (
    select
        own.region_level,
        own.region_code,
        peer.region_code as peer_code,
        sqrt(list_sum(list_transform(
            range(1, len(own.z_values) + 1),
            lambda i: (peer.z_values[i] - own.z_values[i]) * (peer.z_values[i] - own.z_values[i])
        ))) as distance
    from profiles as own
    inner join profiles as peer
        on own.region_level = peer.region_level
        and own.region_code <> peer.region_code
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

-- the kept pairs with both profiles and the absolute difference in z per characteristic
kept as (
    select
        ranked.*,
        own.region_name,
        own.characteristics_year,
        own.is_demo,
        own.keys,
        own.names,
        own.suffixes,
        own.texts as own_texts,
        peer.region_name as peer_name,
        peer.texts as peer_texts,
        list_transform(
            range(1, len(own.z_values) + 1),
            lambda i: abs(peer.z_values[i] - own.z_values[i])
        ) as z_differences
    from ranked
    inner join profiles as own
        on ranked.region_level = own.region_level
        and ranked.region_code = own.region_code
    inner join profiles as peer
        on ranked.region_level = peer.region_level
        and ranked.peer_code = peer.region_code
),

positioned as (
    select
        *,
        list_position(z_differences, list_min(z_differences)) as closest,
        list_position(z_differences, list_max(z_differences)) as furthest
    from kept
),

final as (
    select
        -- ids
        region_level,
        region_code,
        peer_rank,
        -- dimensions
        region_name,
        peer_code,
        peer_name,
        keys[closest] as most_similar_key,
        keys[furthest] as most_different_key,
        'Lijkt vooral in ' || names[closest] || ': ' || peer_texts[closest] || suffixes[closest]
            || ' (' || region_name || ': ' || own_texts[closest] || suffixes[closest]
            || '). Grootste verschil: ' || names[furthest] || ', ' || peer_texts[furthest]
            || suffixes[furthest] || ' (' || region_name || ': ' || own_texts[furthest]
            || suffixes[furthest] || ').' as reason,
        -- measures
        distance,
        k,
        characteristics_year,
        is_demo
    from positioned
)

select * from final
order by region_level, region_code, peer_rank
