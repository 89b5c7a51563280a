"""Harmonisation: chains, splits, unknown codes, and the invariant that totals survive."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.errors import InputError
from etl.harmonised.municipality_map import create_split_count, read_curated_changes, resolve
from tests.conftest_helpers import require_shared_raw

DAY = dt.date(2020, 1, 1)


def test_chain_resolves_to_the_last_successor() -> None:
    edges = {"GM0084": [("GM0058", 1.0, DAY)], "GM0058": [("GM1970", 1.0, DAY)]}
    assert resolve("GM0084", {"GM1970"}, edges) == {"GM1970": 1.0}


def test_split_distributes_by_share_and_target_maps_to_itself() -> None:
    edges = {"GM0788": [("GM0824", 0.6, DAY), ("GM0865", 0.4, DAY)]}
    assert resolve("GM0788", {"GM0824", "GM0865"}, edges) == {"GM0824": 0.6, "GM0865": 0.4}
    assert resolve("GM0824", {"GM0824"}, edges) == {"GM0824": 1.0}


def test_unknown_code_and_cycles_lead_nowhere() -> None:
    assert resolve("GM0001", {"GM0002"}, {}) == {}
    cyclic = {"GM0001": [("GM0003", 1.0, DAY)], "GM0003": [("GM0001", 1.0, DAY)]}
    assert resolve("GM0001", {"GM0002"}, cyclic) == {}


def test_curated_shares_sum_to_one_per_old_code() -> None:
    curated = read_curated_changes()
    sums = curated.groupby("old_code")["share"].sum()
    assert ((sums - 1.0).abs() < 1e-9).all(), sums[(sums - 1.0).abs() >= 1e-9]
    assert curated["old_code"].str.fullmatch(r"GM\d{4}").all()
    assert curated["new_code"].str.fullmatch(r"GM\d{4}").all()


def test_curated_rows_agree_with_rvig_tabel_33() -> None:
    """Every curated old code that Tabel 33 knows ends on the same day, and its largest share
    goes to Tabel 33's single successor; the 2019 rows cover every code Tabel 33 ends then."""
    from etl.raw.load import discover
    from etl.sources import rvig
    from etl.sources.readers import ReadContext

    shared = require_shared_raw()
    files = sorted((shared / "herindelingen").glob("Tabel33*.csv"))
    found = [f for f in discover(shared) if f.path in files]
    raw = rvig.parse(found, ReadContext(max_bytes=10**8))["municipality_codes"]
    ended = raw[raw["99.99 Datum einde"].str.strip() != ""]
    tabel33 = {
        "GM" + o.strip(): ("GM" + n.strip(), dt.datetime.strptime(d.strip(), "%Y%m%d").date())
        for o, n, d in zip(
            ended["92.10 Gemeentecode"],
            ended["92.12 Nieuwe code"],
            ended["99.99 Datum einde"],
            strict=True,
        )
    }
    curated = read_curated_changes()
    known = curated[curated["old_code"].isin(tabel33)]
    largest = known.sort_values("share").groupby("old_code").last()
    assert {old: (row.new_code, row.effective_date) for old, row in largest.iterrows()} == {
        old: tabel33[old] for old in largest.index
    }
    ended_2019 = {old for old, (_, day) in tabel33.items() if day == dt.date(2019, 1, 1)}
    assert set(curated.loc[curated["effective_date"] == dt.date(2019, 1, 1), "old_code"]) == (
        ended_2019
    )


def test_littenseradiel_shares_are_the_cbs_inhabitant_counts() -> None:
    """CBS: 3394 inhabitants to Leeuwarden, 5411 to Súdwest-Fryslân, 1878 to Waadhoeke."""
    curated = read_curated_changes()
    rows = curated[curated["old_code"] == "GM0140"].set_index("new_code")["share"]
    counts = {"GM0080": 3394, "GM1900": 5411, "GM1949": 1878}
    assert rows.to_dict() == pytest.approx({k: v / 10683 for k, v in counts.items()}, abs=1e-6)


def test_every_split_names_its_source_and_says_whether_it_is_exact() -> None:
    curated = read_curated_changes()
    assert curated["source"].str.strip().str.len().gt(0).all()
    splits = curated[curated["share"] < 1.0]
    assert set(splits["old_code"]) == {"GM0140", "GM0053", "GM0788"}
    assert splits["note"].str.contains("exact|approximate").all()


def test_curated_targets_exist_in_the_2025_boundaries() -> None:
    import json

    shared = require_shared_raw()
    features = json.loads((shared / "grenzen" / "gemeente_2025.geojson").read_text())["features"]
    codes = {f["properties"]["statcode"] for f in features}
    curated = read_curated_changes()
    assert set(curated["new_code"]) <= codes
    assert not set(curated["old_code"]) & codes


codes = st.sampled_from([f"GM{n:04d}" for n in range(1, 13)])


@settings(max_examples=60, deadline=None)
@given(
    mergers=st.dictionaries(
        codes, st.lists(st.floats(0.05, 1.0), min_size=1, max_size=3), max_size=6
    ),
    counts=st.dictionaries(codes, st.integers(0, 10_000), min_size=1),
)
def test_harmonisation_preserves_totals_and_shares_sum_to_one(
    mergers: dict[str, list[float]], counts: dict[str, int]
) -> None:
    """Any set of merges/splits onto surviving codes moves counts without creating or losing."""
    targets = {f"GM{n:04d}" for n in range(1, 13)} - set(mergers)
    if not targets:
        return
    target_list = sorted(targets)
    edges = {}
    for old, weights in mergers.items():
        total = sum(weights)
        edges[old] = [
            (target_list[i % len(target_list)], w / total, DAY) for i, w in enumerate(weights)
        ]
    con = duckdb.connect()
    rows = []
    for code in counts:
        distribution = resolve(code, targets, edges)
        assert abs(sum(distribution.values()) - 1.0) < 1e-9
        rows += [(code, t, s) for t, s in distribution.items()]
    mapping = pd.DataFrame(rows, columns=["source_code", "target_code", "share"])
    data = pd.DataFrame(list(counts.items()), columns=["code", "n"])
    con.register("mapping", mapping)
    con.register("data", data)
    after = con.execute(
        "select sum(n * share) from data join mapping on data.code = mapping.source_code"
    ).fetchone()[0]
    assert after == pytest.approx(sum(counts.values()))


def test_unknown_code_in_data_fails_the_build_with_its_location(raw_copy) -> None:  # noqa: ANN001
    from etl.pipeline import build

    csv = sorted((raw_copy / "verzuim").glob("*.csv"))[0]
    text = csv.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(";")
    row = text[1].split(";")
    row[header.index("gemeentecode")] = "GM0001"
    text[1] = ";".join(row)
    csv.write_text("\n".join(text) + "\n", encoding="utf-8")
    for sidecar in csv.parent.glob(csv.name + ".origin.json"):
        sidecar.unlink()
    with pytest.raises(InputError) as caught:
        build(raw_copy, raw_copy.parent / "x.duckdb")
    problem = caught.value.problems[0]
    assert (problem.row, problem.value, problem.column) == (2, "GM0001", "gemeentecode")


def _split(n: int | None, shares: list[float]) -> list[int | None]:
    con = duckdb.connect()
    create_split_count(con)
    rows = con.execute(
        "select split_count(?::bigint, ?::double[], p) from range(1, ? + 1) t(p) order by p",
        [n, shares, len(shares)],
    ).fetchall()
    con.close()
    return [r[0] for r in rows]


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(0, 2_000_000),
    weights=st.lists(st.floats(0.001, 1.0), min_size=1, max_size=6),
)
def test_split_count_parts_sum_to_the_count_and_stay_within_one(
    n: int, weights: list[float]
) -> None:
    """Largest remainder: the whole parts add up to n and each is within 1 of n * share."""
    total = sum(weights)
    shares = [w / total for w in weights]
    parts = _split(n, shares)
    assert sum(p for p in parts if p is not None) == n
    for part, share in zip(parts, shares, strict=True):
        assert part is not None
        assert abs(part - n * share) < 1


def test_split_count_by_hand() -> None:
    # 10 over Littenseradiel's shares: exact 3.18 / 5.07 / 1.76 -> 3 / 5 / 2 (largest remainder)
    assert _split(10, [0.317701, 0.506506, 0.175793]) == [3, 5, 2]
    # 7 over 0.41/0.33/0.19/0.07: 2.87 / 2.31 / 1.33 / 0.49 -> floors 2/2/1/0, two left over
    assert _split(7, [0.41, 0.33, 0.19, 0.07]) == [3, 2, 1, 1]
    # ties go to the earlier part
    assert _split(3, [0.25, 0.25, 0.25, 0.25]) == [1, 1, 1, 0]
    assert _split(None, [0.5, 0.5]) == [None, None]
