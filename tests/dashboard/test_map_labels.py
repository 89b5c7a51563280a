"""Names on a map: placed greedily by priority, never overlapping, inside the map and their
region; the pixel positions follow plotly's fitbounds (dashboard/map_labels.py)."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from dashboard import charts, map_labels, queries

SIZE = {"width": 400.0, "height": 300.0}


def _labels(*rows: tuple[str, float, float, float, bool]) -> pd.DataFrame:
    """Candidate spots (code, x, y, area, is_focus); every name is 'Naam <code>'."""
    frame = pd.DataFrame(rows, columns=["code", "x", "y", "area", "is_focus"])
    return frame.assign(name="Naam " + frame["code"])


def _placed(labels: pd.DataFrame) -> list[str]:
    return list(map_labels.place_labels(labels, **SIZE)["code"])


def test_of_two_names_on_one_spot_the_larger_region_keeps_its_name() -> None:
    labels = _labels(("A", 200, 150, 1.0, False), ("B", 200, 150, 5.0, False))
    assert _placed(labels) == ["B"]


def test_names_far_apart_are_both_written() -> None:
    labels = _labels(("A", 100, 50, 1.0, False), ("B", 300, 250, 5.0, False))
    assert sorted(_placed(labels)) == ["A", "B"]


def test_the_focus_keeps_its_name_over_a_larger_region() -> None:
    labels = _labels(("A", 200, 150, 1.0, True), ("B", 200, 150, 5.0, False))
    assert _placed(labels) == ["A"]


def test_a_name_reaching_past_the_edge_of_the_map_is_left_off() -> None:
    labels = _labels(("A", 1, 150, 1.0, False), ("B", 200, 299, 1.0, False))
    assert _placed(labels) == []


def test_a_name_blocked_at_its_first_spot_takes_its_next_free_one() -> None:
    labels = _labels(
        ("A", 200, 150, 5.0, False),
        ("B", 200, 150, 1.0, False),  # on A's name
        ("B", 200, 250, 1.0, False),  # 100 px below it: free
    )
    chosen = map_labels.place_labels(labels, **SIZE)
    assert list(chosen["code"]) == ["A", "B"]
    assert list(chosen["y"]) == [150, 250]


def test_pixels_follow_plotly_fitbounds_on_mercator() -> None:
    """plotly fits the shapes' longer projected side into 90% of the plot area's shorter side,
    centred; Mercator stretches north-south, so a box of 2 x 2 degrees on the equator is a
    little taller than wide and its top and bottom land 10% from the edges."""
    bounds = (-1.0, -1.0, 1.0, 1.0)
    x, y = map_labels.to_pixels([0, 0, 0], [0, 1, -1], bounds, 200, 200)
    assert list(x) == pytest.approx([100, 100, 100])
    assert list(y) == pytest.approx([100, 10, 190])
    # in a wider area the shorter side (the height) sets the scale and the centre moves along
    wide_x, wide_y = map_labels.to_pixels([0, 0], [0, 1], bounds, 400, 200)
    assert list(wide_x) == pytest.approx([200, 200]) and list(wide_y) == pytest.approx([100, 10])
    lon, lat = map_labels.from_pixels(wide_x, wide_y, bounds, 400, 200)
    assert list(lon) == pytest.approx([0, 0]) and list(lat) == pytest.approx([0, 1])


def test_pixels_match_the_scale_plotly_drew_in_chromium() -> None:
    """Scales (px per radian) read from plotly's projection in Chromium, for one region of
    4 x 1 degrees on a 348 x 500 px plot area and of 1 x 4 degrees on 1103 x 500 px."""
    x, _ = map_labels.to_pixels([0, 4], [0, 0], (0, 0, 4, 1), 348, 500)
    assert x[1] - x[0] == pytest.approx(4488.3 * math.radians(4), rel=1e-3)
    _, y = map_labels.to_pixels([0, 0], [0, 4], (0, 0, 1, 4), 1103, 500)
    mercator_4 = math.log(math.tan(math.pi / 4 + math.radians(4) / 2))
    assert y[0] - y[1] == pytest.approx(6443.1 * mercator_4, rel=1e-3)


def _names(level: str, focus: tuple[str, ...] = ()) -> tuple[pd.DataFrame, list[str], dict]:
    """The Vergelijken map of all regions of `level` (newest vsv year): its written names
    (name, lon, lat), the names on hover, and the shapes."""
    key = "vsv_pct"
    year = str(queries.school_years(key)["school_year"].iloc[-1])
    values = queries.comparison(key, level, year, queries.COMPARE_ALL, focus, ()).values
    geojson = queries.region_geojson(level)
    fig = charts.choropleth(values, geojson, unit="%", decimals=1, show_names=True)
    (names,) = [t for t in fig.data if t.type == "scattergeo"]
    hover = [
        str(n) for t in fig.data if t.type == "choropleth" and t.text is not None for n in t.text
    ]
    written = pd.DataFrame({"name": list(names.text), "lon": names.lon, "lat": names.lat})
    return written, hover, geojson


def _boxes(written: pd.DataFrame, geojson: dict) -> list[tuple[str, float, float, float, float]]:
    """Each written name's estimated box in pixels on the Vergelijken map: 0.6 em a
    character, 1.2 em high, 2 px around."""
    corners = [shape(f["geometry"]).bounds for f in geojson["features"]]
    bounds = (
        min(c[0] for c in corners),
        min(c[1] for c in corners),
        max(c[2] for c in corners),
        max(c[3] for c in corners),
    )
    width = charts.MAP_WIDTH - charts.MARGIN - charts.COLOURBAR_MARGIN
    # the map's default height (520 px) less its margins
    x, y = map_labels.to_pixels(written["lon"], written["lat"], bounds, width, 520 - 20)
    return [
        (name, cx - len(name) * 3.3 - 2, cy - 8.6, cx + len(name) * 3.3 + 2, cy + 8.6)
        for name, cx, cy in zip(written["name"], x, y, strict=True)
    ]


@pytest.fixture
def on_real_structure(real_structure_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMPAS_DB", str(real_structure_warehouse))


@pytest.mark.usefixtures("on_real_structure")
def test_rmc_names_on_the_real_map_do_not_overlap_and_stay_on_hover() -> None:
    written, hover, geojson = _names("rmc")
    assert len(hover) == 40
    assert 0 < len(written) < 40  # the heap is thinned, not emptied
    boxes = _boxes(written, geojson)
    width = charts.MAP_WIDTH - charts.MARGIN - charts.COLOURBAR_MARGIN
    for a, b in itertools.combinations(boxes, 2):
        apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
        assert apart, f"{a[0]} overlaps {b[0]}"
    assert all(x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= 500 for _, x0, y0, x1, y1 in boxes)
    # each name lies inside its own region
    shapes = {f["properties"]["name"]: shape(f["geometry"]) for f in geojson["features"]}
    for name, lon, lat in written.itertuples(index=False):
        assert shapes[name].contains(Point(lon, lat)), name


@pytest.mark.usefixtures("on_real_structure")
def test_a_focus_region_is_named_even_in_the_crowded_randstad() -> None:
    crowded = "Agglomeratie Amsterdam"
    written, _, _ = _names("rmc")
    assert crowded not in set(written["name"])  # a larger neighbour's name takes its place
    code = queries.regions("rmc").set_index("region_name").loc[crowded, "region_code"]
    focused, _, _ = _names("rmc", focus=(str(code),))
    assert crowded in set(focused["name"])


@pytest.mark.usefixtures("on_real_structure")
def test_all_twelve_provincies_are_named_on_the_real_map() -> None:
    written, _, geojson = _names("provincie")
    assert sorted(written["name"]) == sorted(f["properties"]["name"] for f in geojson["features"])
    assert len(written) == 12
