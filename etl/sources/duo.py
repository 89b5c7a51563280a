"""DUO school-address CSV (cp1252, `;`, unquoted) -> `raw.duo__school_addresses`.

The file lists every primary-school location with its gemeente, RMC-regio and provincie; Kompas
uses it as the gemeente -> RMC-regio -> provincie mapping. All 31 published columns are kept as
text exactly as published (blank fields are a single space).
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
    parse_csv,
    read_bytes,
    require_rows,
    to_frame,
)

URL = "https://duo.nl/open_onderwijsdata/images/02.-alle-schoolvestigingen-basisonderwijs.csv"

SOURCE = Source(
    key="duo",
    title="Adressen alle schoolvestigingen basisonderwijs",
    producer="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0 (open onderwijsdata van DUO)",
    url_main="https://www.duo.nl/open_onderwijsdata/databestanden/po/adressen/",
    citation=(
        "DUO, Open onderwijsdata: Adressen alle schoolvestigingen basisonderwijs "
        "(maandelijks bijgewerkt)."
    ),
    folder="gebiedsindeling",
    downloads=(
        Download(url=URL, target="gebiedsindeling/02.-alle-schoolvestigingen-basisonderwijs.csv"),
    ),
    caveats=(
        "Het bestand geeft de huidige indeling: gemeente -> RMC-regio volgens DUO op het moment "
        "van downloaden, niet per schooljaar.",
        "GEMEENTENUMMER is de CBS-code zonder 'GM'; GEMEENTENAAM is in hoofdletters zonder "
        "accenten en soms leeg: koppel op de code.",
        "Windows-1252, puntkomma's, geen aanhalingstekens; lege velden zijn één spatie.",
    ),
)

FILE_PATTERNS: dict[str, tuple[str, ...]] = {
    "addresses": ("gebiedsindeling/*schoolvestigingen*.csv",)
}
REQUIRED_ROLES: tuple[frozenset[str], ...] = (frozenset({"addresses"}),)

COLUMNS = (
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "INSTELLINGSCODE",
    "VESTIGINGSCODE",
    "VESTIGINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
    "STRAATNAAM CORRESPONDENTIEADRES",
    "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES",
    "POSTCODE CORRESPONDENTIEADRES",
    "PLAATSNAAM CORRESPONDENTIEADRES",
    "NODAAL GEBIED CODE",
    "NODAAL GEBIED NAAM",
    "RPA-GEBIED CODE",
    "RPA-GEBIED NAAM",
    "WGR-GEBIED CODE",
    "WGR-GEBIED NAAM",
    "COROPGEBIED CODE",
    "COROPGEBIED NAAM",
    "ONDERWIJSGEBIED CODE",
    "ONDERWIJSGEBIED NAAM",
    "RMC-REGIO CODE",
    "RMC-REGIO NAAM",
    "VAKANTIEREGIO",
)
DELIMITER = ";"


def parse(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
    """Parse the DUO address file(s).

    Args:
        files: files of this source with role 'addresses'.
        ctx: size limit and progress callback.

    Returns:
        {'school_addresses': all 31 columns as text, plus `_source_file`, `_row_number`}.

    Raises:
        InputError: encoding, truncation, missing/extra column, empty file.
    """
    frames = [_parse_file(file, ctx) for file in files if file.role == "addresses"]
    return {"school_addresses": concat_frames(frames, COLUMNS)}


def _parse_file(file: RawFile, ctx: ReadContext) -> pd.DataFrame:
    ctx.report(f"Inlezen {file.name}")
    text = decode(read_bytes(file, ctx.max_bytes), file.name, "cp1252", DELIMITER)
    header, rows = parse_csv(text, file.name, DELIMITER, quoted=False)
    check_columns(header, COLUMNS, file.name, delimiter=DELIMITER)
    check_field_counts(rows)
    require_rows(rows)
    return to_frame(rows, COLUMNS)
