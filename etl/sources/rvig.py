"""RvIG Tabel 33 (UTF-16, `,`, quoted; 5-field header, 6-field rows) ->
`raw.rvig__municipality_codes`.

Every gemeente code ever used in the BRP with its name, successor code and dates. The published
rows end with an extra empty field: it is checked to be empty and dropped. Chains (A -> B -> C)
are resolved later by the pipeline; the raw table keeps the rows as published.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from etl.sources.base import Download, Source
from etl.sources.readers import (
    RawFile,
    ReadContext,
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

FILE_NAME = "Tabel33 Gemeententabel (gesorteerd op code).csv"
#: Byte-identical copy of the RvIG file, pinned to a commit (see the caveat below).
MIRROR_URL = (
    "https://raw.githubusercontent.com/Amsterdam/mijn-mks-api/"
    "81ac9feb728e7e41759b0244b4cb197287af3313/app/model/static/gba/"
    "Tabel33%20Gemeententabel%20(gesorteerd%20op%20code).csv"
)

SOURCE = Source(
    key="rvig",
    title="Landelijke tabellen: Tabel 33 Gemeententabel (gesorteerd op code)",
    producer="Rijksdienst voor Identiteitsgegevens (RvIG)",
    licence="geen licentie vermeld (openbare referentietabel van de overheid)",
    url_main="https://publicaties.rvig.nl/Landelijke_tabellen",
    citation="RvIG, Landelijke tabellen 32 t/m 61 in csv-formaat, Tabel 33 Gemeententabel.",
    folder="herindelingen",
    downloads=(Download(url=MIRROR_URL, target=f"herindelingen/{FILE_NAME}"),),
    caveats=(
        "RvIG publiceert de tabellen als zip zonder vaste downloadlink; fetch haalt daarom een "
        "ongewijzigde kopie (versie 2019-2020) op uit een vastgezette commit van een openbare "
        "repository (Amsterdam/mijn-mks-api). Nieuwere herindelingen staan in "
        "etl/harmonised/municipality_changes.csv.",
        "Een gemeente die over meerdere opvolgers is verdeeld, noemt maar één nieuwe code.",
        "Ketens van samenvoegingen (A -> B -> C) worden in de pijplijn doorgerekend.",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {"tabel33": ("herindelingen/Tabel33*.csv",)}
REQUIRED_ROLES: tuple[frozenset[str], ...] = (frozenset({"tabel33"}),)

COLUMNS = (
    "92.10 Gemeentecode",
    "92.11 Omschrijving",
    "92.12 Nieuwe code",
    "99.98 Datum ingang",
    "99.99 Datum einde",
)
DELIMITER = ","


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse Tabel 33.

    Args:
        files: files of this source with role 'tabel33'.
        ctx: size limit and progress callback.

    Returns:
        {'municipality_codes': the 5 published columns as text}.

    Raises:
        InputError: not UTF-16, truncated, wrong columns, a row without the trailing empty
            field or with a value in it, empty file.
    """
    frames = [_parse_file(file, ctx) for file in files if file.role == "tabel33"]
    return {"municipality_codes": concat_frames(frames, COLUMNS)}


def _parse_file(file: RawFile, ctx: ReadContext) -> pd.DataFrame:
    ctx.report(f"Inlezen {file.name}")
    text = decode(read_bytes(file, ctx.max_bytes), file.name, "utf-16", DELIMITER)
    header, rows = parse_csv(text, file.name, DELIMITER, quoted=True)
    check_columns(header, COLUMNS, file.name, delimiter=DELIMITER)
    # RvIG publishes one more field per row than the header has; it must be empty.
    check_field_counts(rows, extra_allowed=1)
    require_rows(rows)
    for values, line in zip(rows.rows, rows.row_numbers, strict=True):
        if values[-1] != "":
            raise fail(
                file.name,
                "het 6e veld (na 'Datum einde') hoort leeg te zijn",
                row=line,
                column="(6e veld)",
                value=values[-1],
            )
        del values[-1]
    return to_frame(rows, COLUMNS)
