"""CBS 84780NED OData pages (`vsv/84780NED/`) -> `raw.cbs_vsv__early_leavers`, `__regions`,
`__periods`.

Voortijdig schoolverlaters (new early school leavers) by sex and region of residence, per school
year. Data rows keep the published property names; the region dimension column is exposed as
`Regiokenmerken` whether CBS calls it `Regiokenmerken` or `RegioS`. Keys stay space-padded.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from etl.sources.odata import (
    PERIOD_COLUMNS,
    entity_frame,
    odata_downloads,
    read_entity_sets,
    require_sets,
    statline_source,
)
from etl.sources.readers import RawFile, ReadContext

TABLE = "84780NED"
FOLDER = f"vsv/{TABLE}"
REGION_SETS = ("Regiokenmerken", "RegioS")
REGION_COLUMN = "Regiokenmerken"
MEASURES = (
    "Leerlingen_1",
    "VoortijdigSchoolverlaters_2",
    "NietVoortijdigSchoolverlaters_3",
    "VoortijdigSchoolverlatersPercentage_4",
)
DATA_COLUMNS = ("ID", "Geslacht", REGION_COLUMN, "Perioden", *MEASURES)
REGION_COLUMNS = ("Key", "Title", "CategoryGroupID")

SOURCE = statline_source(
    key="cbs_vsv",
    table=TABLE,
    title="Voortijdig schoolverlaters; geslacht, woonregio",
    folder=FOLDER.split("/")[0],
    downloads=odata_downloads(
        TABLE,
        FOLDER,
        ("TableInfos", "DataProperties", "Geslacht", "Regiokenmerken", "Perioden"),
        "Geslacht eq 'T001038'",
    ),
    caveats=(
        "CBS rondt de aantallen af op tientallen: de som van gemeenten wijkt af van de "
        "RMC- en landelijke totalen van CBS.",
        "CBS telt de onderzoekspopulatie in de BRP; de OCW/DUO-cijfers liggen hoger. Meng de "
        "CBS- en DUO-reeksen niet.",
        "Het nieuwste schooljaar is voorlopig.",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {"odata_page": (f"{FOLDER}/*.json",)}
REQUIRED_ROLES: tuple[frozenset[str], ...] = (frozenset({"odata_page"}),)


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse the 84780NED pages.

    Args:
        files: files of this source with role 'odata_page'.
        ctx: size limit and progress callback.

    Returns:
        {'early_leavers': data rows, 'regions': Key/Title/CategoryGroupID of the region
        dimension, 'periods': Key/Title/Status}.

    Raises:
        InputError: a page is not OData or incomplete, an entity set is missing, a data row
            lacks a property or carries an unexpected one.
    """
    pages = [file for file in files if file.role == "odata_page"]
    sets = read_entity_sets(pages, ctx)
    data, regions, periods = require_sets(
        sets, FOLDER, [("TypedDataSet",), REGION_SETS, ("Perioden",)]
    )
    first = data.rows[0] if data.rows else {}
    published = next((name for name in REGION_SETS if name in first), REGION_COLUMN)
    required = [published if name == REGION_COLUMN else name for name in DATA_COLUMNS]
    return {
        "early_leavers": entity_frame(
            data, required, exact=True, rename={published: REGION_COLUMN}
        ),
        "regions": entity_frame(regions, REGION_COLUMNS[:2], optional=REGION_COLUMNS[2:]),
        "periods": entity_frame(periods, PERIOD_COLUMNS),
    }
