"""Tests for etl/marts/region_characteristics.sql and peer_groups.sql: properties on random
characteristics, expectations computed independently with numpy (z-scores, Euclidean distance)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.paths import ETL_DIR
from etl.sql import write_frame

CHARACTERISTICS = ETL_DIR / "marts" / "region_characteristics.sql"
PEERS = ETL_DIR / "marts" / "peer_groups.sql"
VALID_CHECK = ETL_DIR / "checks" / "marts__peer_groups_valid.sql"


def _warehouse(frame: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with the two inputs, then both marts built from their SQL files."""
    con = duckdb.connect()
    regions = pd.DataFrame(
        {
            "region_level": "gemeente",
            "region_code": frame["code"],
            "region_name": "Gemeente " + frame["code"],
            "rmc_code": frame["rmc"],
            "is_demo": True,
        }
    )
    rmc = pd.DataFrame(
        {
            "region_level": "rmc",
            "region_code": sorted(frame["rmc"].unique()),
            "region_name": "RMC",
            "rmc_code": None,
            "is_demo": True,
        }
    )
    write_frame(con, "marts.regions", pd.concat([regions, rmc], ignore_index=True))
    characteristics = pd.DataFrame(
        {
            "municipality_code": frame["code"],
            "year": 2024,
            "population_count": frame["population"],
            "population_15_24_count": (frame["population"] * frame["young"]).round(),
            "bijstand_count": (frame["population"] * frame["bijstand"]).round(),
            "land_area_km2": frame["area"],
            "is_complete": True,
        }
    )
    write_frame(con, "harmonised.municipality_characteristics", characteristics)
    for path in (CHARACTERISTICS, PEERS):
        con.execute(f"create table marts.{path.stem} as {path.read_text(encoding='utf-8')}")
    return con


def _expected_distances(frame: pd.DataFrame) -> np.ndarray:
    """Pairwise Euclidean distances of the z-scores, computed here from the inputs."""
    scaled = np.column_stack(
        [
            np.log(frame["population"]),
            np.log(frame["population"] / frame["area"]),
            100 * (frame["population"] * frame["young"]).round() / frame["population"],
            1000 * (frame["population"] * frame["bijstand"]).round() / frame["population"],
        ]
    )
    sd = scaled.std(axis=0)
    z = np.where(sd > 0, (scaled - scaled.mean(axis=0)) / np.where(sd > 0, sd, 1), 0.0)
    return np.sqrt(((z[:, None, :] - z[None, :, :]) ** 2).sum(axis=2))


gemeenten = st.integers(min_value=2, max_value=24).flatmap(
    lambda n: st.fixed_dictionaries(
        {
            "population": st.lists(st.integers(900, 900_000), min_size=n, max_size=n),
            "young": st.lists(st.floats(0.05, 0.25), min_size=n, max_size=n),
            "bijstand": st.lists(st.floats(0.005, 0.08), min_size=n, max_size=n),
            "area": st.lists(st.floats(5.0, 500.0), min_size=n, max_size=n),
            "rmc": st.lists(st.sampled_from(["MC01", "MC02", "MC03"]), min_size=n, max_size=n),
        }
    )
)


@settings(max_examples=25, deadline=None)
@given(gemeenten)
def test_peer_groups_are_the_k_nearest_other_gemeenten(data: dict[str, list]) -> None:
    frame = pd.DataFrame(data)
    frame["code"] = [f"GM{i:04d}" for i in range(len(frame))]
    con = _warehouse(frame)
    peers = con.execute(
        "select * from marts.peer_groups where region_level = 'gemeente' "
        "order by region_code, peer_rank"
    ).df()
    n = len(frame)
    k = min(10, n - 1)
    distances = _expected_distances(frame)
    assert len(peers) == n * k
    for code, group in peers.groupby("region_code"):
        i = int(str(code)[2:])
        assert code not in set(group["peer_code"])  # never its own peer
        assert group["peer_rank"].tolist() == list(range(1, k + 1))
        assert (np.diff(group["distance"]) >= -1e-12).all()  # non-decreasing with rank
        own = np.delete(distances[i], i)
        nearest = np.sort(own)[:k]
        np.testing.assert_allclose(group["distance"].to_numpy(), nearest, atol=1e-9)
        assert group["reason"].str.startswith("Lijkt vooral in ").all()
    rmc_count = frame["rmc"].nunique()
    rmc_peers = con.execute("select count(*) from marts.peer_groups where region_level = 'rmc'")
    assert rmc_peers.fetchone() == (rmc_count * min(5, rmc_count - 1),)
    assert con.execute(VALID_CHECK.read_text(encoding="utf-8")).fetchall() == []


def test_the_sentence_names_the_closest_and_furthest_characteristic() -> None:
    frame = pd.DataFrame(
        {
            "code": ["GM0001", "GM0002", "GM0003"],
            "population": [10_000, 10_000, 200_000],
            "young": [0.10, 0.20, 0.15],
            "bijstand": [0.02, 0.02, 0.05],
            "area": [100.0, 100.0, 50.0],
            "rmc": ["MC01", "MC01", "MC02"],
        }
    )
    con = _warehouse(frame)
    row = con.execute(
        "select peer_code, most_similar_key, most_different_key, reason from marts.peer_groups "
        "where region_code = 'GM0001' and peer_rank = 1"
    ).fetchone()
    assert row is not None
    peer, similar, different, reason = row
    assert peer == "GM0002"
    assert similar in {"inwoners", "bevolkingsdichtheid", "bijstand_per_1000"}
    assert different == "aandeel_15_24"
    assert reason.endswith(
        "Grootste verschil: aandeel 15- tot 25-jarigen, 20,0% (Gemeente GM0001: 10,0%)."
    )


def test_fixture_warehouse_has_a_peer_group_for_every_gemeente(fixture_warehouse: Path) -> None:
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    try:
        missing = con.execute(
            "select count(*) from marts.regions r where region_level = 'gemeente' and not exists "
            "(select 1 from marts.peer_groups p where p.region_code = r.region_code)"
        ).fetchone()
        sizes = con.execute(
            "select distinct k from marts.peer_groups where region_level = 'gemeente'"
        ).fetchall()
    finally:
        con.close()
    assert missing == (0,)
    assert sizes == [(10,)]
