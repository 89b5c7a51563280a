"""Build `marts.regions`: gemeenten of the boundary year, RMC-regio's and provincies dissolved
from them, and Nederland; geometry simplified with clockwise rings for offline plotly maps."""

from __future__ import annotations

import duckdb
import pandas as pd

from etl import geometry
from etl.sql import write_frame

COLUMNS = [
    "region_level",
    "region_code",
    "region_name",
    "rmc_code",
    "rmc_name",
    "provincie_code",
    "provincie_name",
    "boundary_year",
    "geometry_geojson",
    "is_demo",
]


def _dissolved(
    gemeenten: pd.DataFrame, widened: pd.Series, code: str, name: str, level: str
) -> pd.DataFrame:
    """One row per region of `level`: its gemeenten's shapes (`widened`, grown by
    geometry.widen, aligned with `gemeenten`) dissolved and simplified."""
    rows = []
    for (region_code, region_name), group in gemeenten.groupby([code, name]):
        shapes = widened[group.index].dropna()
        merged = geometry.simplify(geometry.dissolve_widened(shapes)) if len(shapes) else None
        rows.append(
            {
                "region_level": level,
                "region_code": region_code,
                "region_name": region_name,
                "provincie_code": group["provincie_code"].mode().iloc[0]
                if level == "rmc"
                else None,
                "provincie_name": group["provincie_name"].mode().iloc[0]
                if level == "rmc"
                else None,
                "geometry_geojson": geometry.to_text(merged) if merged is not None else None,
            }
        )
    return pd.DataFrame(rows)


def build_regions(con: duckdb.DuckDBPyConnection, boundary_year: int, is_demo: bool) -> None:
    """Create marts.regions from harmonised.municipalities."""
    gemeenten = con.execute("select * from harmonised.municipalities").df()
    gemeente_rows = gemeenten.rename(
        columns={"municipality_code": "region_code", "municipality_name": "region_name"}
    ).assign(region_level="gemeente")
    # each gemeente's shape parsed and grown once, for both its RMC-regio and its provincie
    texts = gemeenten["geometry_geojson"].dropna()
    widened = pd.Series(
        geometry.widen(geometry.parse(t) for t in texts), index=texts.index, dtype=object
    ).reindex(gemeenten.index)
    national = pd.DataFrame(
        [{"region_level": "nederland", "region_code": "NL01", "region_name": "Nederland"}]
    )
    frame = pd.concat(
        [
            gemeente_rows,
            _dissolved(gemeenten, widened, "rmc_code", "rmc_name", "rmc"),
            _dissolved(gemeenten, widened, "provincie_code", "provincie_name", "provincie"),
            national,
        ],
        ignore_index=True,
    ).assign(boundary_year=boundary_year, is_demo=is_demo)
    write_frame(
        con,
        "marts.regions",
        frame.reindex(columns=COLUMNS),
        "region_level, region_code, region_name, rmc_code, rmc_name, provincie_code, "
        "provincie_name, boundary_year::integer as boundary_year, geometry_geojson, "
        "is_demo::boolean as is_demo",
    )
