"""Staged boundaries: raw GeoJSON features of the boundary year -> simplified, clockwise shapes.

Creates `staged.cbs_grenzen__boundaries(municipality_code, municipality_name, boundary_year,
geometry_geojson)`. Only the boundary year is kept: all figures are harmonised to it.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from etl import geometry
from etl.sql import write_frame


def build_boundaries(con: duckdb.DuckDBPyConnection, boundary_year: int) -> None:
    """Create staged.cbs_grenzen__boundaries for `boundary_year` from the raw features."""
    raw = con.execute(
        "select trim(statcode) as municipality_code, trim(statnaam) as municipality_name, "
        "geometry from raw.cbs_grenzen__boundaries where boundary_year::integer = $year",
        {"year": boundary_year},
    ).df()
    raw["geometry_geojson"] = [
        geometry.to_text(geometry.simplify(geometry.parse(text))) for text in raw["geometry"]
    ]
    frame = pd.DataFrame(raw.drop(columns=["geometry"]).assign(boundary_year=boundary_year))
    write_frame(con, "staged.cbs_grenzen__boundaries", frame)
