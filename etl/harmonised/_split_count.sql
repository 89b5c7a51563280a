-- split_count(n, shares, part): the whole-number part `part` (1-based) of count `n` when it is
-- split over `shares` (one old gemeente's shares over its successors, summing to 1), by
-- largest-remainder rounding: every part is its exact share rounded down, and the parts with
-- the largest remainders (ties: the earlier part) get one more until the parts add up to `n`.
-- So a split never creates or loses a pupil, and every part is within 1 of n * share.
-- NULL stays NULL ("not reported"). Created by etl/harmonised/municipality_map.py as a temporary
-- macro before this layer runs (the name starts with '_', so it is not a table of the layer).
create or replace temp macro split_count(n, shares, part) as (
    case when n is not null then
        floor(n * shares[part])::bigint
        + (list_count(list_filter(
                list_transform(shares, lambda s, j: {'r': n * s - floor(n * s), 'j': j}),
                lambda x: x.r > n * shares[part] - floor(n * shares[part])
                    or (x.r = n * shares[part] - floor(n * shares[part]) and x.j < part)))
            < n - list_sum(list_transform(shares, lambda s: floor(n * s))))::bigint
    end
)
