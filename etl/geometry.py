"""GeoJSON geometry helpers: clockwise rings for plotly, simplification, dissolving.

plotly's geo maps use spherical d3-geo, which reads a counter-clockwise exterior ring as "the
whole globe minus this shape", so every exterior ring we store is clockwise in lon/lat and holes
counter-clockwise.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

#: Tolerance in degrees (~50 m) for web maps; the published file is already generalised.
SIMPLIFY_DEGREES = 0.0005
#: Buffer that closes the slivers between neighbours (coordinates are rounded to ~100 m).
DISSOLVE_BUFFER_DEGREES = 0.001


def parse(geojson_text: str) -> BaseGeometry:
    """GeoJSON geometry text -> shapely geometry (made valid)."""
    return shapely.make_valid(shape(json.loads(geojson_text)))


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for part in getattr(geometry, "geoms", []) for g in _polygons(part)]


def clockwise(geometry: BaseGeometry) -> BaseGeometry:
    """Same shape, exterior rings clockwise and holes counter-clockwise (sign -1)."""
    parts = [orient(p, sign=-1.0) for p in _polygons(geometry) if not p.is_empty]
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def to_text(geometry: BaseGeometry, decimals: int = 4) -> str:
    """Shapely geometry -> compact GeoJSON text with rounded coordinates, clockwise rings."""
    rounded = shapely.set_precision(geometry, 10**-decimals)
    return json.dumps(mapping(clockwise(rounded)), separators=(",", ":"))


def simplify(geometry: BaseGeometry, tolerance: float = SIMPLIFY_DEGREES) -> BaseGeometry:
    """Simplified copy for web maps (topology of each shape preserved)."""
    return geometry.simplify(tolerance, preserve_topology=True)


def widen(geometries: Iterable[BaseGeometry]) -> list[BaseGeometry]:
    """The shapes grown by the dissolve buffer (the first half of `dissolve`, so a shape that
    is part of several unions is grown once)."""
    # quad_segs=16: the default of a geometry's own .buffer (shapely.buffer's is 8)
    shapes = np.array(list(geometries), dtype=object)
    return list(shapely.buffer(shapes, DISSOLVE_BUFFER_DEGREES, quad_segs=16))


def dissolve_widened(widened: Iterable[BaseGeometry]) -> BaseGeometry:
    """Union of shapes already grown by `widen`, shrunk back by the same buffer."""
    return shapely.union_all(list(widened)).buffer(-DISSOLVE_BUFFER_DEGREES)


def dissolve(geometries: Iterable[BaseGeometry]) -> BaseGeometry:
    """Union of neighbouring shapes, with the rounding slivers between them closed."""
    return dissolve_widened(widen(geometries))
