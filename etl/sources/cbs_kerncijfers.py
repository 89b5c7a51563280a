"""CBS 70072ned OData pages (`kerncijfers/70072ned/`) -> `raw.cbs_kerncijfers__key_figures`,
`__periods`.

Regionale kerncijfers Nederland: a wide table with a few hundred measures per region and year.
Kompas keeps only the structural characteristics it uses for vergelijkbare gemeenten and for
verwacht versus werkelijk (`MEASURES`). CBS renumbers a measure's key when the table gains
columns (`TotaleBevolking_1`, `Bevolkingsdichtheid_57`, `BijstandTotDeAOWLeeftijd_158`), so a
measure is found by the key's stem (the part before the last `_<n>`) and its unit is checked
against `DataProperties`; the raw columns are named by stem. The source is optional: without its
files the build has no peer groups and no expected values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from etl.sources.odata import (
    PERIOD_COLUMNS,
    EntitySet,
    entity_frame,
    odata_downloads,
    read_entity_sets,
    require_sets,
    statline_source,
)
from etl.sources.readers import RawFile, ReadContext, empty_frame, fail

TABLE = "70072ned"
FOLDER = f"kerncijfers/{TABLE}"
DIMENSIONS = ("ID", "RegioS", "Perioden")
#: stem -> unit CBS states in DataProperties (compared case-insensitively, spaces collapsed).
MEASURES: dict[str, str] = {
    "TotaleBevolking": "aantal",
    "k_15Tot20Jaar": "aantal",
    "k_20Tot25Jaar": "aantal",
    "Bevolkingsdichtheid": "aantal inwoners per km²",
    "BijstandTotDeAOWLeeftijd": "aantal",
}
DATA_COLUMNS = (*DIMENSIONS, *MEASURES)
PROPERTY_COLUMNS = ("Key", "Unit")
_NUMBERED = re.compile(r"^(?P<stem>.+)_(?P<number>[0-9]+)$")

SOURCE = statline_source(
    key="cbs_kerncijfers",
    table=TABLE,
    title="Regionale kerncijfers Nederland",
    folder=FOLDER.split("/")[0],
    downloads=odata_downloads(
        TABLE,
        FOLDER,
        ("TableInfos", "DataProperties", "RegioS", "Perioden"),
        "substringof('GM', RegioS)",
    ),
    caveats=(
        "CBS nummert de kolommen opnieuw als de tabel groeit: Kompas zoekt elke maat op de naam "
        "zonder nummer en controleert de eenheid.",
        "Het nieuwste jaar is vaak nog niet voor alle maten gevuld; Kompas gebruikt het nieuwste "
        "jaar waarin elke gemeente alle kenmerken heeft.",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {"odata_page": (f"{FOLDER}/*.json",)}
# Optional: a build without 70072ned has no peer groups and no expected values.
REQUIRED_ROLES: tuple[frozenset[str], ...] = (frozenset(),)


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse the 70072ned pages (none: empty tables).

    Args:
        files: files of this source with role 'odata_page'.
        ctx: size limit and progress callback.

    Returns:
        {'key_figures': ID, RegioS, Perioden and one column per measure stem (published
        text), 'periods': Key/Title/Status}.

    Raises:
        InputError: a page is not OData or incomplete, an entity set is missing, a measure is
            missing or found twice, or its unit is not the one Kompas expects.
    """
    pages = [file for file in files if file.role == "odata_page"]
    if not pages:
        return {"key_figures": empty_frame(DATA_COLUMNS), "periods": empty_frame(PERIOD_COLUMNS)}
    sets = read_entity_sets(pages, ctx)
    data, properties, periods = require_sets(
        sets, FOLDER, [("TypedDataSet",), ("DataProperties",), ("Perioden",)]
    )
    keys = _measure_keys(data, properties)
    frame = entity_frame(data, [*DIMENSIONS, *keys.values()], rename=_renames(keys))
    return {"key_figures": frame, "periods": entity_frame(periods, PERIOD_COLUMNS)}


def _renames(keys: dict[str, str]) -> dict[str, str]:
    return {key: stem for stem, key in keys.items()}


def _measure_keys(data: EntitySet, properties: EntitySet) -> dict[str, str]:
    """stem -> the published key of each measure, its unit checked against DataProperties."""
    first: dict[str, Any] = data.rows[0] if data.rows else {}
    file = data.files[0] if data.files else FOLDER
    found: dict[str, list[str]] = {stem: [] for stem in MEASURES}
    for key in first:
        match = _NUMBERED.match(key)
        if match and match["stem"] in found:
            found[match["stem"]].append(key)
    units = _units(properties)
    keys: dict[str, str] = {}
    for stem, expected_unit in MEASURES.items():
        matches = found[stem]
        if len(matches) != 1:
            problem = "ontbreekt" if not matches else "komt meer dan eens voor"
            raise fail(file, f"maat {stem}_<n> {problem} in de gegevens", value=", ".join(matches))
        key = matches[0]
        unit = units.get(key)
        if _normal(unit) != _normal(expected_unit):
            raise fail(
                properties.files[0] if properties.files else FOLDER,
                f"eenheid van {key} is niet '{expected_unit}'",
                column="Unit",
                value=unit,
            )
        keys[stem] = key
    return keys


def _units(properties: EntitySet) -> dict[str, str]:
    frame = entity_frame(properties, PROPERTY_COLUMNS[:1], optional=PROPERTY_COLUMNS[1:])
    return {
        str(key): str(unit) for key, unit in zip(frame["Key"], frame["Unit"], strict=True) if unit
    }


def _normal(text: str | None) -> str:
    return " ".join((text or "").lower().split())
