"""The fictional country: clockwise rings, an island, codes and names that are not real."""

from __future__ import annotations

import json
import re
import unicodedata

import pandas as pd
import pytest
from shapely.geometry import LinearRing, shape
from shapely.ops import unary_union

from etl.demo.fictional import GEMEENTE_NAMES, PROVINCIES
from etl.demo.generator import DemoSummary
from etl.demo.real_structure import parse_structure
from etl.raw.load import RawLoad
from tests.conftest_helpers import require_shared_raw


def _features(summary: DemoSummary) -> list[dict]:
    path = summary.raw_dir / "grenzen" / f"gemeente_{summary.boundary_year}.geojson"
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def test_exterior_rings_are_clockwise_and_one_gemeente_has_an_island(
    fictional: DemoSummary,
) -> None:
    features = _features(fictional)
    assert 30 <= len(features) <= 60
    kinds = {f["geometry"]["type"] for f in features}
    assert kinds == {"Polygon", "MultiPolygon"}
    for feature in features:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        for polygon in polygons:
            ring = polygon[0]
            assert ring[0] == ring[-1]
            assert not LinearRing(ring).is_ccw, feature["properties"]["statcode"]
            for lon, lat in ring:
                assert 4.0 < lon < 6.5 and 51.0 < lat < 53.0


def test_fictional_structure_sizes(fictional: DemoSummary, fictional_load: RawLoad) -> None:
    assert fictional.fictional
    assert 30 <= fictional.gemeenten <= 60
    assert fictional.rmc_regions == 6
    assert 3 <= fictional.provincies <= 4
    duo = fictional_load.tables["raw.duo__school_addresses"]
    assert duo["GEMEENTENUMMER"].nunique() == fictional.gemeenten


def _real_codes_and_names() -> tuple[set[str], set[str]]:
    shared = require_shared_raw()
    tables, _ = parse_structure(shared)
    tabel33 = tables["raw.rvig__municipality_codes"]
    bounds = tables["raw.cbs_grenzen__boundaries"]
    duo = tables["raw.duo__school_addresses"]
    codes = set(tabel33["92.10 Gemeentecode"]) | set(bounds["statcode"].str[2:])
    names = set(tabel33["92.11 Omschrijving"]) | set(bounds["statnaam"])
    for column in ("PLAATSNAAM", "GEMEENTENAAM", "RMC-REGIO NAAM", "COROPGEBIED NAAM"):
        names |= set(duo[column])
    return codes, names


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z]+", " ", text).strip()


def test_codes_and_names_are_not_real(fictional: DemoSummary, fictional_load: RawLoad) -> None:
    real_codes, real_names = _real_codes_and_names()
    tabel33 = fictional_load.tables["raw.rvig__municipality_codes"]
    ours = set(tabel33["92.10 Gemeentecode"]) - {"0000", "1999"}
    assert ours and not ours & real_codes
    words = {w for name in real_names for w in _norm(name).split() if len(w) >= 4}
    fictional_names = tabel33.loc[tabel33["92.10 Gemeentecode"].isin(ours), "92.11 Omschrijving"]
    assert set(GEMEENTE_NAMES) <= set(fictional_names)
    invented = list(fictional_names) + [name for _, name, _, _ in PROVINCIES]
    for name in invented:
        assert _norm(name) not in words, name


def test_tabel33_lists_the_merger_with_successor_and_end_date(fictional_load: RawLoad) -> None:
    tabel33 = fictional_load.tables["raw.rvig__municipality_codes"]
    ended = tabel33[tabel33["99.99 Datum einde"] != ""]
    merged = ended[ended["99.99 Datum einde"] == "20210101"]
    assert len(merged) >= 2
    successor = merged["92.12 Nieuwe code"].unique()
    assert len(successor) == 1
    new_row = tabel33[tabel33["92.10 Gemeentecode"] == successor[0]]
    assert new_row["99.98 Datum ingang"].tolist() == ["20210101"]
    assert pd.Series(ended["92.12 Nieuwe code"]).str.fullmatch(r"\d{4}").all()


def test_provincie_codes_follow_the_pipeline_rule_for_unknown_names() -> None:
    # staged.duo__municipality_regions numbers unknown provincie names PV90, PV91, ... by name
    by_name = sorted((name, code) for code, name, _, _ in PROVINCIES)
    assert [code for _, code in by_name] == [f"PV{90 + i}" for i in range(len(by_name))]


def test_polygons_are_valid_and_tile_without_overlap(fictional: DemoSummary) -> None:
    shapes = [shape(f["geometry"]) for f in _features(fictional)]
    assert all(s.is_valid for s in shapes)
    union = unary_union(shapes)
    assert union.area == pytest.approx(sum(s.area for s in shapes), rel=1e-6)
