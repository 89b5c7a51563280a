"""Region names on a map: which names fit without overlapping, and where each one goes.

Plotly draws every text it is given, however crowded; on a ~350 px wide map of the 40
RMC-regio's the names of the Randstad and the north pile up into an unreadable heap. So the
names are placed as cartographers do: greedily in priority order (the focus first, then the
largest regions), each at the first of its candidate spots where its estimated box overlaps
no name placed before it and lies inside the map, and left off when there is none. A
region's spots are its visual centre and, nearest first, the points of its shape near it.
Everything is estimated in the map's pixel space (Mercator fitted to the shapes as plotly's
`fitbounds: "locations"` does, see `to_pixels`), the text width from the character count.
Every region keeps its name on hover and in the table; only the written names are thinned.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

FONT_SIZE = 11  # px, the names' font size on the map
# Average glyph width of the sans-serif font, in em. Measured in Chromium for the 40 RMC
# names at 11 px: 0.45-0.58 em per name, 0.50 on average; 0.6 stays above every one of them,
# so the estimated box holds the real text.
GLYPH_WIDTH = 0.6
LINE_HEIGHT = 1.2  # em; Chromium's text box of an 11 px name is 12 px high
PAD = 2  # px around each box, so two placed names stay at least 4 px apart
# plotly's fitbounds pads the shapes' bounds by 5% on either side and fits the padded box
# into a square of the plot area's shorter side (measured in Chromium on the RMC map and on
# hand-made boxes at several sizes: the shapes span 0.9 * min(width, height) along their
# longer projected side).
FIT = 0.9
# px: how far a name may move from its region's visual centre to make room (about two
# lines); further and it would read as the name of a neighbour. Without moving, Utrecht and
# Flevoland find no room on the Vergelijken map; from 23 px on all 12 provincies fit.
MAX_SHIFT = 35
STEP = 3  # px between the candidate spots tried within MAX_SHIFT

_LABEL_COLUMNS = ["code", "name", "lon", "lat"]


def _mercator(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Degrees to Mercator units (radians east, and the stretched radians north)."""
    lam = np.radians(np.asarray(lon, dtype=float))
    phi = np.radians(np.asarray(lat, dtype=float))
    return lam, np.log(np.tan(math.pi / 4 + phi / 2))


def _fit(
    bounds: tuple[float, float, float, float], width: float, height: float
) -> tuple[float, float, float]:
    """Scale (px per Mercator unit) and the Mercator centre of a map fitted to `bounds`."""
    west, south, east, north = bounds
    (x0, x1), (y0, y1) = _mercator([west, east], [south, north])
    (cx,), (cy,) = _mercator([(west + east) / 2], [(south + north) / 2])
    return FIT * min(width, height) / max(x1 - x0, y1 - y0), float(cx), float(cy)


def to_pixels(
    lon: Any, lat: Any, bounds: tuple[float, float, float, float], width: float, height: float
) -> tuple[np.ndarray, np.ndarray]:
    """Where points land on a Mercator map fitted to `bounds` (west, south, east, north) in a
    plot area of `width` x `height` pixels, as plotly's `fitbounds: "locations"` draws it.

    The bounds' centre (in degrees) lands in the middle of the plot area; the scale makes the
    bounds' longer projected side `FIT` of the area's shorter side.

    Returns:
        x (pixels from the plot area's left edge) and y (from its top edge).
    """
    scale, cx, cy = _fit(bounds, width, height)
    x, y = _mercator(lon, lat)
    return width / 2 + scale * (x - cx), height / 2 - scale * (y - cy)


def from_pixels(
    x: Any, y: Any, bounds: tuple[float, float, float, float], width: float, height: float
) -> tuple[np.ndarray, np.ndarray]:
    """The inverse of `to_pixels`: longitude and latitude (degrees) of pixel positions."""
    scale, cx, cy = _fit(bounds, width, height)
    lam = cx + (np.asarray(x, dtype=float) - width / 2) / scale
    merc_y = cy - (np.asarray(y, dtype=float) - height / 2) / scale
    return np.degrees(lam), np.degrees(2 * np.arctan(np.exp(merc_y)) - math.pi / 2)


def place_labels(
    labels: pd.DataFrame, *, width: float, height: float, font_size: float = FONT_SIZE
) -> pd.DataFrame:
    """Which names to write on the map, and where, chosen greedily so that no two overlap.

    Args:
        labels: Candidate spots, one row each: code, name, x and y (the text's centre in
            pixels, as `to_pixels` gives), area (the region's size; larger goes first) and
            is_focus (focus regions go before all others). A code may have several rows,
            its spots in the order to try them.
        width: The plot area's width in pixels; a name must lie inside it.
        height: The plot area's height in pixels.
        font_size: The names' font size in pixels.

    Returns:
        The rows of `labels` chosen, at most one per code, in the order they were placed:
        each code's first spot where its estimated box (`GLYPH_WIDTH` per character,
        `LINE_HEIGHT` high, `PAD` around) lies inside the plot area and overlaps no name
        placed before it. A code without such a spot is left off.
    """
    half_w = labels["name"].str.len().to_numpy(dtype=float) * GLYPH_WIDTH * font_size / 2 + PAD
    half_h = LINE_HEIGHT * font_size / 2 + PAD
    x, y = labels["x"].to_numpy(dtype=float), labels["y"].to_numpy(dtype=float)
    boxes = np.column_stack([x - half_w, y - half_h, x + half_w, y + half_h])
    inside = (boxes[:, 0] >= 0) & (boxes[:, 1] >= 0) & (boxes[:, 2] <= width)
    inside &= boxes[:, 3] <= height
    regions = labels.drop_duplicates("code").assign(_later=lambda d: ~d["is_focus"].astype(bool))
    order = regions.sort_values(["_later", "area", "code"], ascending=[True, False, True])
    rows_of = labels.reset_index(drop=True).groupby("code", sort=False).indices
    placed: list[int] = []
    for code in order["code"]:
        spots = rows_of[code][inside[rows_of[code]]]
        if spots.size and placed:
            a, b = boxes[spots][:, None, :], boxes[placed][None, :, :]
            hits = (b[..., 0] < a[..., 2]) & (a[..., 0] < b[..., 2])
            hits &= (b[..., 1] < a[..., 3]) & (a[..., 1] < b[..., 3])
            spots = spots[~hits.any(axis=1)]
        if spots.size:
            placed.append(int(spots[0]))
    return labels.iloc[placed]


def _ring_offsets() -> np.ndarray:
    """The (dx, dy) steps from a centre to the spots within `MAX_SHIFT` of it (on a `STEP`
    grid, the centre itself left out), nearest first."""
    steps = np.arange(-MAX_SHIFT, MAX_SHIFT + STEP, STEP, dtype=float)
    grid = np.stack(np.meshgrid(steps, steps), axis=-1).reshape(-1, 2)
    distance = np.hypot(grid[:, 0], grid[:, 1])
    near = (distance > 0) & (distance <= MAX_SHIFT)
    return grid[near][np.argsort(distance[near], kind="stable")]


_OFFSETS = _ring_offsets()


def _spots(shape_px: Any) -> np.ndarray:
    """A region's candidate spots for its name, in pixels (rows x, y): the visual centre of
    its largest part (the pole of inaccessibility, the point furthest inside), then the
    points of the shape within `MAX_SHIFT` of it, nearest first."""
    from shapely import contains_xy
    from shapely.ops import polylabel

    part = max(getattr(shape_px, "geoms", [shape_px]), key=lambda p: p.area)
    centre = polylabel(part, tolerance=0.5)
    ring = _OFFSETS + [centre.x, centre.y]
    return np.vstack([[centre.x, centre.y], ring[contains_xy(shape_px, ring[:, 0], ring[:, 1])]])


@dataclass(frozen=True)
class _Same:
    """A hashable handle on a shared, never-changed object (a level's geojson), equal only to
    itself, so a cache can key on it; the cache entry holds the object, so its id stays its."""

    obj: Any

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj


@lru_cache(maxsize=64)
def _candidates(
    geojson: _Same, located: tuple[str, ...], in_set: tuple[bool, ...], width: float, height: float
) -> tuple[tuple[float, float, float, float], tuple[float, ...], tuple[np.ndarray, ...]]:
    """The map's geographic bounds (the shapes of `located`) and, for each located region in
    the set, its area and candidate spots in pixels. This is most of the work and does not
    depend on the focus, so a new focus region on the same map only places the names again."""
    from shapely import transform
    from shapely.geometry import shape

    by_code = {f.get("id"): f for f in geojson.obj.get("features", [])}
    shapes = [shape(by_code[c]["geometry"]) for c in located]
    corners = np.array([s.bounds for s in shapes])
    bounds = (corners[:, 0].min(), corners[:, 1].min(), corners[:, 2].max(), corners[:, 3].max())
    pixel_shapes = [
        transform(
            g, lambda xy: np.column_stack(to_pixels(xy[:, 0], xy[:, 1], bounds, width, height))
        )
        for g, keep in zip(shapes, in_set, strict=True)
        if keep
    ]
    return (
        bounds,
        tuple(float(s.area) for s in pixel_shapes),
        tuple(_spots(s) for s in pixel_shapes),
    )


def fitting_names(
    values: pd.DataFrame, geojson: Mapping[str, Any], *, width: float, height: float
) -> pd.DataFrame:
    """The names to write on a map of `values` (rows with region_code, region_name, in_set,
    is_focus) in a plot area of `width` x `height` pixels, and where.

    The map zooms to the shapes of the set and the focus (the choropleth's locations); the
    set's names are placed by `place_labels` at the spots `_spots` offers, ranked by their
    area on the map. `geojson` must not change after it is first passed (the pages pass a
    level's shared geojson): the spots are kept per map.

    Returns:
        code, name, lon, lat (the text's centre, inside its region) of the names that fit,
        in the order of `values`.
    """
    codes = {f.get("id") for f in geojson.get("features", [])}
    located = values[(values["in_set"] | values["is_focus"]) & values["region_code"].isin(codes)]
    if located.empty:
        return pd.DataFrame(columns=_LABEL_COLUMNS)
    in_set = located["in_set"].to_numpy(dtype=bool)
    regions = located.loc[in_set, ["region_code", "region_name", "is_focus"]].reset_index(drop=True)
    if regions.empty:
        return pd.DataFrame(columns=_LABEL_COLUMNS)
    bounds, areas, spots = _candidates(
        _Same(geojson),
        tuple(str(c) for c in located["region_code"]),
        tuple(bool(b) for b in in_set),
        width,
        height,
    )
    xy = np.vstack(spots)
    labels = (
        regions.rename(columns={"region_code": "code", "region_name": "name"})
        .assign(area=list(areas), is_focus=lambda d: d["is_focus"].astype(bool))
        .iloc[np.repeat(np.arange(len(regions)), [len(s) for s in spots])]
        .assign(x=xy[:, 0], y=xy[:, 1])
    )
    # the index still numbers the regions in the order of `values`
    chosen = place_labels(labels, width=width, height=height).sort_index()
    lon, lat = from_pixels(chosen["x"], chosen["y"], bounds, width, height)
    return chosen.assign(lon=lon, lat=lat)[_LABEL_COLUMNS].reset_index(drop=True)
