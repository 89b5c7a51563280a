"""CBS 03759ned (OData pages and/or StatLine CSV + metadata) -> `raw.cbs_bevolking__population`,
`__ages`, `__periods`.

Population on 1 January by age and region. Two published formats are read, alone or together:
the OData pages in `bevolking/03759ned/` and the StatLine "UntypedDataSet" CSV download with its
multi-section metadata file. `Leeftijd` codes are irregular (`10010` = 0 jaar, `10100` = 1 jaar):
`ages` carries the dimension's `Key` and `Title` so the pipeline decodes them by title.
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
from etl.sources.readers import (
    RawFile,
    ReadContext,
    Rows,
    check_columns,
    check_field_counts,
    concat_frames,
    decode,
    fail,
    parse_csv,
    read_bytes,
    require_rows,
    to_frame,
)

TABLE = "03759ned"
FOLDER = f"bevolking/{TABLE}"
DATA_COLUMNS = (
    "ID",
    "Geslacht",
    "Leeftijd",
    "BurgerlijkeStaat",
    "RegioS",
    "Perioden",
    "BevolkingOp1Januari_1",
)
# The table's second topic: present unless the download selected topics; accepted, not kept.
DROPPED_COLUMNS = ("GemiddeldeBevolking_2",)
AGE_COLUMNS = ("Key", "Title")
DELIMITER = ";"

#: Only what Kompas uses: both sexes, all marital states, gemeenten, ages 5 to 22. The age
#: codes here only narrow the download; the parser still decodes ages through the Leeftijd
#: titles, and the check harmonised__population_has_every_age catches a missing age.
DOWNLOAD_AGE_CODES = tuple(f"{10000 + 100 * age}" for age in range(5, 23))
DATA_FILTER = (
    "Geslacht eq 'T001038' and BurgerlijkeStaat eq 'T001019' and substringof('GM', RegioS) and ("
    + " or ".join(f"Leeftijd eq '{code}'" for code in DOWNLOAD_AGE_CODES)
    + ")"
)

SOURCE = statline_source(
    key="cbs_bevolking",
    table=TABLE,
    title="Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio",
    folder=FOLDER.split("/")[0],
    downloads=odata_downloads(
        TABLE,
        FOLDER,
        (
            "TableInfos",
            "DataProperties",
            "Geslacht",
            "Leeftijd",
            "BurgerlijkeStaat",
            "RegioS",
            "Perioden",
        ),
        DATA_FILTER,
    ),
    caveats=(
        "Leeftijdscodes zijn onregelmatig (10010 = 0 jaar, 10100 = 1 jaar) en bevatten "
        "totalen en overlappende open groepen: decodeer via de titels, tel niet alle codes op.",
        "Regiocodes zijn met spaties aangevuld ('PV20  ').",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {
    "odata_page": (f"{FOLDER}/*.json",),
    "statline_data": (f"bevolking/{TABLE}_UntypedDataSet_*.csv",),
    "statline_metadata": (f"bevolking/{TABLE}_metadata.csv",),
}
REQUIRED_ROLES: tuple[frozenset[str], ...] = (
    frozenset({"odata_page"}),
    frozenset({"statline_data", "statline_metadata"}),
)


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse whatever 03759ned files are present; rows of both formats are stacked.

    Args:
        files: files of this source (roles 'odata_page', 'statline_data', 'statline_metadata').
        ctx: size limit and progress callback.

    Returns:
        {'population': data rows, 'ages': Key/Title of Leeftijd, 'periods': Key/Title/Status}.

    Raises:
        InputError: any structural problem in a page, CSV or metadata file.
    """
    population: list[pd.DataFrame] = []
    ages: list[pd.DataFrame] = []
    periods: list[pd.DataFrame] = []
    pages = [file for file in files if file.role == "odata_page"]
    if pages:
        sets = read_entity_sets(pages, ctx)
        data, age_set, period_set = require_sets(
            sets, FOLDER, [("TypedDataSet",), ("Leeftijd",), ("Perioden",)]
        )
        population.append(entity_frame(data, DATA_COLUMNS, exact=True, dropped=DROPPED_COLUMNS))
        ages.append(entity_frame(age_set, AGE_COLUMNS))
        periods.append(entity_frame(period_set, PERIOD_COLUMNS))
    for file in files:
        if file.role == "statline_data":
            population.append(_parse_statline_data(file, ctx))
        elif file.role == "statline_metadata":
            age_frame, period_frame = _parse_statline_metadata(file, ctx)
            ages.append(age_frame)
            periods.append(period_frame)
    return {
        "population": concat_frames(population, DATA_COLUMNS),
        "ages": concat_frames(ages, AGE_COLUMNS),
        "periods": concat_frames(periods, PERIOD_COLUMNS),
    }


def _parse_statline_data(file: RawFile, ctx: ReadContext) -> pd.DataFrame:
    ctx.report(f"Inlezen {file.name}")
    text = decode(read_bytes(file, ctx.max_bytes), file.name, "utf-8", DELIMITER)
    header, rows = parse_csv(text, file.name, DELIMITER, quoted=True)
    check_columns(header, DATA_COLUMNS, file.name, optional=DROPPED_COLUMNS, delimiter=DELIMITER)
    check_field_counts(rows)
    require_rows(rows)
    return to_frame(rows, DATA_COLUMNS)


def _parse_statline_metadata(file: RawFile, ctx: ReadContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the `Leeftijd` and `Perioden` sections of a StatLine metadata file.

    The file is a sequence of sections: a record holding only the section name (`"Leeftijd"`),
    then the section's own header (`Key;Title;Description`), then its rows. Quoted
    descriptions may contain newlines, so records are split by the CSV reader, not by line.
    """
    ctx.report(f"Inlezen {file.name}")
    text = decode(read_bytes(file, ctx.max_bytes), file.name, "utf-8", DELIMITER)
    first, rest = parse_csv(text, file.name, DELIMITER, quoted=True)
    records: list[list[str | None]] = [list(first), *rest.rows]
    lines = [1, *rest.row_numbers]
    sections = _split_sections(file.name, records, lines)
    frames = []
    for name, columns in (("Leeftijd", AGE_COLUMNS), ("Perioden", PERIOD_COLUMNS)):
        section = sections.get(name)
        if section is None:
            found = ", ".join(sections) or "(geen)"
            raise fail(file.name, f"sectie '{name}' ontbreekt in het metadatabestand", value=found)
        check_columns(section.header, columns, file.name, optional=("Description",))
        check_field_counts(section)
        require_rows(section)
        frames.append(to_frame(section, columns))
    return frames[0], frames[1]


def _split_sections(
    file: str, records: Sequence[Sequence[str | None]], lines: Sequence[int]
) -> dict[str, Rows]:
    sections: dict[str, Rows] = {}
    index = 0
    while index < len(records):
        record = records[index]
        if len(record) == 1 and record[0] and index + 1 < len(records):
            header = [value or "" for value in records[index + 1]]
            body: list[list[str | None]] = []
            numbers: list[int] = []
            index += 2
            while index < len(records) and not (
                len(records[index]) == 1 and records[index][0] and index + 1 < len(records)
            ):
                if records[index]:
                    body.append(list(records[index]))
                    numbers.append(lines[index])
                index += 1
            sections[record[0]] = Rows(file=file, header=header, rows=body, row_numbers=numbers)
        elif not record:
            index += 1
        else:
            raise fail(
                file,
                "regel hoort bij geen sectie (verwacht een regel met alleen de sectienaam)",
                row=lines[index],
                value=DELIMITER.join(value or "" for value in record),
            )
    return sections
