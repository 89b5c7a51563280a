"""Gemeente boundaries GeoJSON (`grenzen/gemeente_<YYYY>.geojson`) -> `raw.cbs_grenzen__boundaries`.

One row per feature: `statcode`, `statnaam`, the geometry as compact GeoJSON text and the
`boundary_year` taken from the file name. `_row_number` is the 1-based feature position.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from etl.sources.base import Download, Source
from etl.sources.readers import (
    RawFile,
    ReadContext,
    concat_frames,
    fail,
    finish_frame,
    json_value_text,
    parse_json,
    read_bytes,
)

YEAR = 2025
URL = f"https://cartomap.github.io/nl/wgs84/gemeente_{YEAR}.geojson"

SOURCE = Source(
    key="cbs_grenzen",
    title=f"Gemeentegrenzen {YEAR} (gegeneraliseerd, WGS84)",
    producer="CBS en Kadaster (PDOK, CBS gebiedsindelingen); vereenvoudigd door cartomap/nl",
    licence="CC BY 4.0 (bron: CBS)",
    url_main="https://www.pdok.nl/introductie/-/article/cbs-gebiedsindelingen",
    citation=(
        f"CBS/PDOK, CBS gebiedsindelingen, laag gemeente_gegeneraliseerd {YEAR}; "
        "WGS84-versie van cartomap/nl (https://github.com/cartomap/nl)."
    ),
    folder="grenzen",
    downloads=(Download(url=URL, target=f"grenzen/gemeente_{YEAR}.geojson"),),
    caveats=(
        "Gegeneraliseerde grenzen, coördinaten afgerond op 3 decimalen (ongeveer 100 m): "
        "geschikt voor kaarten, niet voor oppervlakteberekeningen.",
        "RMC-regio's en provincies hebben geen eigen bestand: ze worden uit gemeenten "
        "samengesteld.",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {"boundaries": ("grenzen/gemeente_*.geojson",)}
REQUIRED_ROLES: tuple[frozenset[str], ...] = (frozenset({"boundaries"}),)

COLUMNS = ("statcode", "statnaam", "geometry", "boundary_year")
_FILE_YEAR = re.compile(r"^gemeente_(?P<year>[0-9]{4})\.geojson$", re.IGNORECASE)
_GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse every boundary file; the pipeline picks the boundary year.

    Args:
        files: files of this source with role 'boundaries'.
        ctx: size limit and progress callback.

    Returns:
        {'boundaries': statcode, statnaam, geometry (GeoJSON text), boundary_year}.

    Raises:
        InputError: bad file name, invalid JSON, not a FeatureCollection, a feature without
            statcode/statnaam or with a geometry other than (Multi)Polygon.
    """
    frames = [_parse_file(file, ctx) for file in files if file.role == "boundaries"]
    return {"boundaries": concat_frames(frames, COLUMNS)}


def boundary_year(file: RawFile) -> str:
    """Year in `gemeente_<YYYY>.geojson`, as text."""
    match = _FILE_YEAR.match(file.path.name)
    if match is None:
        raise fail(
            file.name,
            "bestandsnaam hoort gemeente_<jaar>.geojson te zijn (zoals gemeente_2025.geojson)",
            value=file.path.name,
        )
    return match["year"]


def _parse_file(file: RawFile, ctx: ReadContext) -> pd.DataFrame:
    year = boundary_year(file)
    ctx.report(f"Inlezen {file.name}")
    document = parse_json(read_bytes(file, ctx.max_bytes), file.name, numbers_as_text=False)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        found = document.get("type") if isinstance(document, dict) else type(document).__name__
        raise fail(
            file.name, "geen GeoJSON FeatureCollection", column="type", value=json_value_text(found)
        )
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise fail(file.name, "FeatureCollection bevat geen features", column="features")
    rows = [
        _feature_row(file.name, position, feature) for position, feature in enumerate(features, 1)
    ]
    frame = pd.DataFrame(rows, columns=list(COLUMNS[:3]), dtype=object)
    frame["boundary_year"] = year
    return finish_frame(frame, file.name, range(1, len(frame) + 1))


def _feature_row(file: str, position: int, feature: Any) -> list[str]:
    if not isinstance(feature, dict):
        raise fail(file, "feature is geen object", row=position)
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise fail(file, "feature heeft geen properties", row=position, column="properties")
    values = []
    for name in ("statcode", "statnaam"):
        value = properties.get(name)
        if not isinstance(value, str):
            raise fail(
                file,
                "eigenschap ontbreekt of is geen tekst",
                row=position,
                column=f"properties.{name}",
                value=json_value_text(value),
            )
        values.append(value)
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in _GEOMETRY_TYPES or not isinstance(geometry, dict):
        raise fail(
            file,
            "geometrie moet Polygon of MultiPolygon zijn",
            row=position,
            column="geometry.type",
            value=json_value_text(kind),
        )
    if not isinstance(geometry.get("coordinates"), list):
        raise fail(file, "geometrie heeft geen coördinaten", row=position, column="geometry")
    values.append(json.dumps(geometry, separators=(",", ":")))
    return values
