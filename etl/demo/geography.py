"""Polygons for the fictional country: a jittered grid of cells that share their edges exactly.

Cell (col, row) is an irregular octagon-ish quadrilateral (corners plus a wobbly midpoint on every
edge) in WGS84 lon/lat around 5°E 52°N. Neighbours use the very same vertices, so the map has no
gaps or overlaps. Exterior rings run clockwise (negative shoelace area in lon/lat), as Kompas's
map layer expects.
"""

from __future__ import annotations

from typing import Any

import numpy as np

LON0, LAT0 = 4.35, 51.55
DLON, DLAT = 0.17, 0.11
Point = tuple[float, float]


class Grid:
    """Shared vertices of a `cols` x `rows` grid of cells."""

    def __init__(self, cols: int, rows: int, rng: np.random.Generator):
        self.cols, self.rows = cols, rows
        jitter = rng.uniform(-0.28, 0.28, size=(cols + 1, rows + 1, 2))
        jitter[[0, -1], :, 0] = 0.0  # straight outer borders west/east
        jitter[:, [0, -1], 1] = 0.0  # and south/north
        i, j = np.meshgrid(np.arange(cols + 1), np.arange(rows + 1), indexing="ij")
        self.corner = np.stack(
            [LON0 + (i + jitter[..., 0]) * DLON, LAT0 + (j + jitter[..., 1]) * DLAT], axis=-1
        )
        # wobble of the midpoint of each edge, perpendicular to it (fraction of the cell size)
        self.wobble_h = rng.uniform(-0.14, 0.14, size=(cols, rows + 1))  # edge (i,j)-(i+1,j)
        self.wobble_v = rng.uniform(-0.14, 0.14, size=(cols + 1, rows))  # edge (i,j)-(i,j+1)

    def _mid_h(self, i: int, j: int) -> Point:
        a, b = self.corner[i, j], self.corner[i + 1, j]
        return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + self.wobble_h[i, j] * DLAT

    def _mid_v(self, i: int, j: int) -> Point:
        a, b = self.corner[i, j], self.corner[i, j + 1]
        return (a[0] + b[0]) / 2 + self.wobble_v[i, j] * DLON, (a[1] + b[1]) / 2

    def _pt(self, i: int, j: int) -> Point:
        return float(self.corner[i, j, 0]), float(self.corner[i, j, 1])

    def cell(self, col: int, row: int) -> list[list[float]]:
        """Closed clockwise ring of cell (col, row): up the west edge, east along the north."""
        i, j = col, row
        ring = [
            self._pt(i, j),
            self._mid_v(i, j),
            self._pt(i, j + 1),
            self._mid_h(i, j + 1),
            self._pt(i + 1, j + 1),
            self._mid_v(i + 1, j),
            self._pt(i + 1, j),
            self._mid_h(i, j),
        ]
        ring.append(ring[0])
        return [[round(float(x), 3), round(float(y), 3)] for x, y in ring]

    def island_off(self, col: int, row: int, rng: np.random.Generator) -> list[list[float]]:
        """A small clockwise island north of cell (col, row), outside the grid."""
        cx = float(self.corner[col, row + 1, 0] + DLON * 0.5)
        cy = float(self.corner[col, row + 1, 1] + DLAT * 0.45)
        angles = np.linspace(0, 2 * np.pi, 7)[:-1]
        radius = rng.uniform(0.8, 1.2, size=6)
        # clockwise: angles decreasing
        ring = [
            [
                round(cx + 0.28 * DLON * r * np.cos(-a), 3),
                round(cy + 0.16 * DLAT * r * np.sin(-a), 3),
            ]
            for a, r in zip(angles, radius, strict=True)
        ]
        ring.append(ring[0])
        return ring


def polygon(rings: list[list[list[float]]]) -> dict[str, Any]:
    """GeoJSON geometry: Polygon for one exterior ring, MultiPolygon for several."""
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": [rings[0]]}
    return {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}
