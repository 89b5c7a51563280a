"""CBS OData v3 page files (`<EntitySet>.json`, `<EntitySet>.<n>.json`) -> text DataFrames.

`fetch` saves every OData response as received; this module checks each page is an OData
response, that the pages of an entity set are complete (no gap, no announced page missing) and
concatenates their `value` arrays in page order. Numbers keep their published text (`2.2`,
`1790`); `null` stays missing. `_row_number` is the 1-based position in the concatenated arrays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import pandas as pd

from etl.errors import InputError, Problem
from etl.sources.base import Download, Source
from etl.sources.readers import (
    RawFile,
    ReadContext,
    fail,
    finish_frame,
    json_value_text,
    parse_json,
    read_bytes,
)

_PAGE_NAME = re.compile(r"^(?P<set>[A-Za-z][A-Za-z0-9_]*)(?:\.(?P<page>[0-9]+))?\.json$")
METADATA = "odata.metadata"
NEXT_LINK = "odata.nextLink"
# Columns kept from the `Perioden` dimension of any CBS table.
PERIOD_COLUMNS = ("Key", "Title", "Status")


@dataclass(frozen=True)
class EntitySet:
    """All rows of one entity set, pages concatenated.

    Args:
        name: entity set, e.g. 'Perioden'.
        rows: the `value` objects of all pages, in page order.
        files: page file of each row (relative to the raw dir).
    """

    name: str
    rows: list[dict[str, Any]]
    files: list[str]


def page_of(file: RawFile) -> tuple[str, int]:
    """Entity set and page number (1 for `<Set>.json`) of a page file.

    Raises:
        InputError: the file name does not follow `<EntitySet>.json` or `<EntitySet>.<n>.json`.
    """
    match = _PAGE_NAME.match(file.path.name)
    if match is None or match["page"] in ("0", "1"):
        raise fail(
            file.name,
            "bestandsnaam hoort <EntitySet>.json of <EntitySet>.<n>.json (n = 2, 3, ...) te zijn",
            value=file.path.name,
        )
    return match["set"], int(match["page"] or 1)


def read_entity_sets(files: Sequence[RawFile], ctx: ReadContext) -> dict[str, EntitySet]:
    """Read and check every page file of one OData folder.

    Args:
        files: the page files (all in one folder).
        ctx: size limit and progress callback.

    Returns:
        Entity set name -> its rows.

    Raises:
        InputError: a page is not valid JSON or not an OData response, a page is missing
            between others, or a page announces a next page that is not there.
    """
    pages: dict[str, dict[int, RawFile]] = {}
    for file in files:
        name, number = page_of(file)
        pages.setdefault(name, {})[number] = file
    result: dict[str, EntitySet] = {}
    for name, numbered in sorted(pages.items()):
        rows: list[dict[str, Any]] = []
        row_files: list[str] = []
        gaps = [number for number in range(1, max(numbered) + 1) if number not in numbered]
        if gaps:
            folder = next(iter(numbered.values())).name.rsplit("/", 1)[0]
            missing = f"{name}.json" if gaps[0] == 1 else f"{name}.{gaps[0]}.json"
            raise fail(
                f"{folder}/{missing}",
                f"pagina {gaps[0]} van '{name}' ontbreekt (download opnieuw)",
            )
        for number in range(1, max(numbered) + 1):
            file = numbered[number]
            ctx.report(f"Inlezen {file.name}")
            page = _read_page(file, ctx.max_bytes)
            if NEXT_LINK in page and number + 1 not in numbered:
                raise fail(
                    file.name,
                    f"pagina kondigt een volgende pagina aan ({name}.{number + 1}.json) die "
                    "ontbreekt: de download is onvolledig",
                    column=NEXT_LINK,
                    value=str(page[NEXT_LINK]),
                )
            value = page["value"]
            rows.extend(value)
            row_files.extend([file.name] * len(value))
        result[name] = EntitySet(name=name, rows=rows, files=row_files)
    return result


def _read_page(file: RawFile, max_bytes: int) -> dict[str, Any]:
    document = parse_json(read_bytes(file, max_bytes), file.name, numbers_as_text=True)
    if not isinstance(document, dict):
        raise fail(
            file.name,
            f"geen OData-antwoord: verwacht een JSON-object, gevonden {type(document).__name__}",
        )
    if "odata.error" in document:
        raise fail(
            file.name,
            "geen gegevens: dit is een foutmelding van de OData-server",
            column="odata.error",
            value=json_value_text(document["odata.error"]),
        )
    if METADATA not in document or not isinstance(document.get("value"), list):
        keys = ", ".join(sorted(document)) or "(geen)"
        raise fail(
            file.name,
            f"geen OData-antwoord: '{METADATA}' en een lijst 'value' verwacht",
            value=keys,
        )
    for position, row in enumerate(document["value"], start=1):
        if not isinstance(row, dict):
            raise fail(
                file.name,
                f"element {position} van 'value' is geen object",
                value=json_value_text(row),
            )
    return document


def entity_frame(
    entity: EntitySet,
    required: Sequence[str],
    optional: Sequence[str] = (),
    exact: bool = False,
    dropped: Sequence[str] = (),
    rename: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Rows of an entity set as a text DataFrame with the required (and optional) columns.

    Args:
        entity: the rows.
        required: properties every row must carry.
        optional: properties kept when present (missing -> NA).
        exact: when True, any other property is an error (data rows); when False, other
            properties are dropped (dimension rows carry descriptions we do not need).
        dropped: with `exact`, properties that are known and accepted but not kept.
        rename: published name -> raw column name (applied after the checks).

    Raises:
        InputError: no rows, or a row lacking a required property or carrying an unexpected
            one (named by page file, position and property).
    """
    if not entity.rows:
        raise fail(entity.files[0] if entity.files else entity.name, "bevat geen rijen")
    allowed = set(required) | set(optional) | set(dropped)
    first_keys: tuple[str, ...] | None = None
    for position, row in enumerate(entity.rows, start=1):
        keys = tuple(row)
        if keys == first_keys:
            continue
        present = set(keys)
        missing = [name for name in required if name not in present]
        if missing:
            raise fail(
                entity.files[position - 1],
                "eigenschap ontbreekt in rij",
                row=position,
                column=missing[0],
            )
        extra = sorted(present - allowed)
        if exact and extra:
            raise fail(
                entity.files[position - 1],
                "onverwachte eigenschap (niet in het beschreven formaat)",
                row=position,
                column=extra[0],
                value=json_value_text(row[extra[0]]),
            )
        first_keys = keys
    columns = [*required, *optional]
    frame = pd.DataFrame.from_records(entity.rows, columns=columns)
    for name in columns:
        column = frame[name]
        kind = pd.api.types.infer_dtype(column, skipna=True)
        if kind not in ("string", "empty"):
            frame[name] = column.map(json_value_text, na_action="ignore")
    if rename:
        frame = frame.rename(columns=rename)
    frame = finish_frame(frame, "", range(1, len(frame) + 1))
    frame["_source_file"] = pd.Series(entity.files, dtype="str")
    return frame


def odata_downloads(
    table: str, target: str, entity_sets: Sequence[str], data_filter: str
) -> tuple[Download, ...]:
    """Downloads for one CBS table: metadata entity sets from ODataApi, data from ODataFeed.

    Args:
        table: CBS table id, e.g. '84780NED'.
        target: folder in the raw dir, e.g. 'vsv/84780NED'.
        entity_sets: metadata and dimension entity sets to fetch.
        data_filter: OData `$filter` for TypedDataSet (e.g. "Geslacht eq 'T001038'").
    """
    api = f"https://opendata.cbs.nl/ODataApi/odata/{table}"
    feed = f"https://opendata.cbs.nl/ODataFeed/odata/{table}/TypedDataSet"
    query = urlencode({"$filter": data_filter}, quote_via=quote, safe="$'")
    return (
        *(Download(url=f"{api}/{name}", target=target, kind="odata") for name in entity_sets),
        Download(url=f"{feed}?{query}", target=target, kind="odata"),
    )


def require_sets(
    sets: dict[str, EntitySet], folder: str, needed: Sequence[Sequence[str]]
) -> list[EntitySet]:
    """Pick entity sets; each item of `needed` lists acceptable names (first found wins).

    Raises:
        InputError: listing every needed entity set that has no page file.
    """
    picked: list[EntitySet] = []
    problems: list[Problem] = []
    for names in needed:
        found = next((sets[name] for name in names if name in sets), None)
        if found is None:
            wanted = " of ".join(f"{name}.json" for name in names)
            problems.append(Problem(folder, f"OData-bestand ontbreekt: {wanted}"))
        else:
            picked.append(found)
    if problems:
        raise InputError(problems)
    return picked


def statline_source(
    key: str,
    table: str,
    title: str,
    folder: str,
    downloads: tuple[Download, ...],
    caveats: tuple[str, ...],
) -> Source:
    """The origin metadata of one CBS StatLine table (producer, licence, landing page, citation
    are the same for every CBS table)."""
    return Source(
        key=key,
        title=title,
        producer="Centraal Bureau voor de Statistiek (CBS)",
        licence="CC BY 4.0",
        url_main=f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table",
        citation=f"CBS StatLine, tabel {table}: {title}.",
        folder=folder,
        downloads=downloads,
        caveats=caveats,
    )
