"""CBS OData v3 responses as files: entity sets become `<EntitySet>.json`, `<EntitySet>.2.json`, ...

Each page is the JSON CBS returns, `{"odata.metadata": ..., "value": [...]}` plus
`"odata.nextLink"` on every page but the last. URLs point at `kompas-demo://<seed>/...` so no one
mistakes a demo page for a download.
"""

from __future__ import annotations

import json
import math
from typing import Any

Row = dict[str, Any]
CBS_PAGE_SIZE = 10_000


def pages(
    table: str, entity_set: str, rows: list[Row], seed: int, page_size: int = CBS_PAGE_SIZE
) -> list[tuple[str, bytes]]:
    """Split `rows` into OData pages; returns (file name, bytes) per page."""
    base = f"kompas-demo://{seed}/ODataFeed/OData/{table}"
    metadata = f"{base}/$metadata#Cbs.OData.WebAPI.{entity_set}"
    n_pages = max(1, math.ceil(len(rows) / page_size))
    out: list[tuple[str, bytes]] = []
    for p in range(n_pages):
        body: dict[str, Any] = {
            "odata.metadata": metadata,
            "value": rows[p * page_size : (p + 1) * page_size],
        }
        if p < n_pages - 1:
            body["odata.nextLink"] = f"{base}/{entity_set}?$skip={(p + 1) * page_size}"
        name = f"{entity_set}.json" if p == 0 else f"{entity_set}.{p + 1}.json"
        out.append((name, json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()))
    return out


def dimension_row(key: str, title: str, width: int, **extra: Any) -> Row:
    """A dimension row with the key right-padded with spaces as CBS does."""
    row: Row = {"Key": key.ljust(width), "Title": title, "Description": ""}
    row.update(extra)
    return row


def table_info(identifier: str, title: str, short_title: str, period: str, summary: str) -> Row:
    """The single `TableInfos` row."""
    return {
        "ID": 0,
        "Title": title,
        "ShortTitle": short_title,
        "Identifier": identifier,
        "Summary": summary,
        "Modified": "2026-01-01T00:00:00",
        "ReasonDelivery": "Kompas demo",
        "ExplanatoryText": "Synthetische cijfers voor de demo van Kompas; geen echte gegevens.",
        "Language": "nl",
        "Catalog": "CBS",
        "Frequency": "Perjaar",
        "Period": period,
        "ShortDescription": summary,
        "Description": summary,
        "DefaultPresentation": "",
        "DefaultSelection": "",
        "GraphTypes": "Table,Bar,Line",
        "OutputStatus": "Regulier",
        "Source": "Kompas demo (synthetisch)",
        "MetaDataModified": "2026-01-01T00:00:00",
        "SearchPriority": "2",
    }


def data_properties(dimensions: list[tuple[str, str, str]], topics: list[Row]) -> list[Row]:
    """`DataProperties`: (type, key, title) per dimension, then the topic rows as given."""
    rows: list[Row] = []
    for i, (kind, key, title) in enumerate(dimensions):
        rows.append(
            {
                "odata.type": f"Cbs.OData.{kind}",
                "ID": i,
                "Position": i,
                "ParentID": None,
                "Type": kind,
                "Key": key,
                "Title": title,
                "Description": "",
            }
        )
    for j, topic in enumerate(topics, start=len(rows)):
        rows.append(
            {
                "odata.type": "Cbs.OData.Topic",
                "ID": j,
                "Position": j,
                "ParentID": None,
                "Type": "Topic",
                **topic,
            }
        )
    return rows


def topic(key: str, title: str, unit: str, decimals: int, datatype: str = "Long") -> Row:
    """One measure of `DataProperties`."""
    return {
        "Key": key,
        "Title": title,
        "Description": "",
        "ReleasePolicy": False,
        "Datatype": datatype,
        "Unit": unit,
        "Decimals": decimals,
        "Default": "Impossible",
        "PresentationType": "Absolute",
    }
