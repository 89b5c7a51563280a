"""Harmonisation: chains, splits, unknown codes, and the invariant that totals survive."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.errors import InputError
from etl.harmonised.municipality_map import read_curated_changes, resolve
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


def test_curated_2019_rows_agree_with_rvig_tabel_33() -> None:
    from etl.sources import rvig

    shared = require_shared_raw()
    files = sorted((shared / "herindelingen").glob("Tabel33*.csv"))
    from etl.raw.load import discover
    from etl.sources.readers import ReadContext

    found = [f for f in discover(shared) if f.path in files]
    raw = rvig.parse(found, ReadContext(max_bytes=10**8))["municipality_codes"]
    ended = raw[raw["99.99 Datum einde"].str.strip() == "20190101"]
    tabel33 = {
        "GM" + o.strip(): "GM" + n.strip()
        for o, n in zip(ended["92.10 Gemeentecode"], ended["92.12 Nieuwe code"], strict=True)
    }
    curated = read_curated_changes()
    rows_2019 = curated[curated["effective_date"] == dt.date(2019, 1, 1)]
    assert dict(zip(rows_2019["old_code"], rows_2019["new_code"], strict=True)) == tabel33


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
