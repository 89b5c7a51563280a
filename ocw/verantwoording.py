"""The OCW table set's provenance and tables -> verantwoording.pdf: method, response,
suppression and definitions in plain Dutch on one to three A4 pages, typeset by typst.

Everything comes from the warehouse through the query layer the tables use: the vintage and
the demo mark from the build (`reports.content.vintage`, `dashboard.export.DEMO_NOTICE`), the
tables' numbers and titles, the status of every school year (`export_years.sql`), the national
response per school year and the RMC-regio's with missing gemeenten from the rows of Tabel 5,
the indicator definitions of the registry (`reports.content.definitions`, the Regiorapport's),
the sources and licences (`formatting.sources_display`, Over de cijfers' table) and the build
checks. The explanations are the texts Over de cijfers and the tables already say
(`narrative.METHOD_ITEMS`, `narrative.suppression_audit_text`, `NONRESPONSE_TEXT`,
`ocw.tables.labels_note`); what only this document says is in `ocw.texts`. Markdown bold and
lists in those texts become plain data (text runs), and every text reaches the template as a
JSON string, so a region name with typst syntax is shown as written. Dated by the build time
(`reports.pdf.typeset`): the same warehouse gives the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import narrative, queries, queries_explore
from dashboard.export import DEMO_NOTICE, STATUS_TEXT, Provenance
from dashboard.formatting import LEVEL_LABELS, MISSING, format_number, sources_display
from dashboard.texts import over_de_cijfers
from ocw import texts
from ocw.tables import RESPONSE_TABLE, WORKBOOK_NAME, OcwTable, labels_note
from reports.content import bold_runs, definitions, vintage
from reports.pdf import typeset

TEMPLATE = Path(__file__).resolve().parent / "verantwoording.typ"
PDF_NAME = "verantwoording.pdf"
#: The items of Over de cijfers' method that the tables rest on.
METHOD_KEYS = ("tellen", "intervallen")
_ITEM = re.compile(r"^(- |\d+\. )")


def markdown_blocks(markdown: str) -> list[dict[str, Any]]:
    """A page text in Markdown (paragraphs, `- ` and `1. ` items, `**bold**`) -> blocks of text
    runs with their list marker ('' for a paragraph), for the template to set as text."""
    blocks: list[dict[str, Any]] = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines: list[tuple[str, list[str]]] = []
        for line in chunk.splitlines():
            item = _ITEM.match(line)
            if item or not lines:
                marker = "" if not item else "•" if item.group(1) == "- " else item.group(1)
                lines.append((marker.strip(), [line[item.end() :] if item else line]))
            else:
                lines[-1][1].append(line.strip())
        blocks += [{"marker": m, "runs": bold_runs(" ".join(parts))} for m, parts in lines]
    return blocks


def _table(header: tuple[str, ...], rows: list[list[str]]) -> dict[str, Any]:
    return {"header": list(header), "rows": rows}


def _share(value: Any) -> str:
    return MISSING if pd.isna(value) else format_number(float(value), 1)


def _reported(row: dict[str, Any]) -> str:
    """`41 van 42`."""
    return (
        f"{format_number(row['Gemeenten met verzuimcijfers'])} van "
        f"{format_number(row['Gemeenten in de indeling'])}"
    )


def years_table(response: pd.DataFrame) -> dict[str, Any]:
    """Per school year (oldest first): status and the national response of Tabel 5's rows."""
    country = {
        str(r["Schooljaar"]): r
        for r in response[response["Niveau"] == LEVEL_LABELS["nederland"]].to_dict("records")
    }
    rows = []
    for year in queries_explore.export_years().to_dict("records"):
        row = country.get(str(year["school_year"]))
        rows.append(
            [str(year["school_year"]), str(year["status"])]
            + (
                [_reported(row), _share(row["Respons (%)"]), _share(row[texts.YEARS_HEADER[4]])]
                if row is not None
                else [MISSING] * 3
            )
        )
    return _table(texts.YEARS_HEADER, rows)


def incomplete_table(response: pd.DataFrame) -> dict[str, Any]:
    """Per school year the RMC-regio's where not every gemeente gave verzuim figures:
    `Slenkland Noord (8 van 9); ...` (no row for a year without any)."""
    rmc = response[
        (response["Niveau"] == LEVEL_LABELS["rmc"])
        & (response["Gemeenten met verzuimcijfers"] < response["Gemeenten in de indeling"])
    ]
    rows = [
        [str(year), "; ".join(f"{r['Regio']} ({_reported(r)})" for r in group.to_dict("records"))]
        for year, group in rmc.groupby("Schooljaar", sort=False)
    ]
    return _table(texts.INCOMPLETE_HEADER, rows)


def _runs(markdown: str) -> list[dict[str, Any]]:
    return bold_runs(" ".join(markdown.split()))


def verantwoording_content(prov: Provenance, tables: list[OcwTable]) -> dict[str, Any]:
    """Everything the verantwoording shows, as a JSON-ready dict."""
    build = prov.build
    (response,) = [t.frame for t in tables if t.number == RESPONSE_TABLE[0]]
    sources = sources_display(queries.sources())[["Bron", "Uitgever", "Licentie", "Opgehaald"]]
    threshold = prov.threshold
    return {
        "title": texts.TITLE,
        "is_demo": bool(build.get("is_demo")),
        "demo_mark": texts.DEMO_MARK,
        "demo_header": texts.DEMO_HEADER,
        "demo_notice": DEMO_NOTICE,
        "page": [texts.PAGE, texts.OF],
        "vintage": vintage(build),
        "intro": texts.INTRO,
        "headings": {
            "tables": texts.TABLES,
            "years": texts.YEARS,
            "incomplete": texts.INCOMPLETE,
            "definitions": texts.DEFINITIONS,
            "method": texts.METHOD,
            "nonresponse": texts.NONRESPONSE,
            "suppression": texts.SUPPRESSION,
        },
        "tables": _table(texts.TABLE_HEADER, [[t.name, t.title] for t in tables]),
        "tables_note": texts.TABLES_NOTE.format(workbook=WORKBOOK_NAME),
        "years": years_table(response),
        "status": STATUS_TEXT,
        "years_note": texts.YEARS_NOTE,
        "incomplete": incomplete_table(response),
        "complete": texts.COMPLETE,
        "definitions": definitions(),
        "terms": {
            "numerator": texts.NUMERATOR,
            "denominator": texts.DENOMINATOR,
            "unit": texts.UNIT,
            "source": texts.SOURCE,
        },
        "method": [
            _runs(texts.HARMONISATION.format(boundary_year=build.get("boundary_year"))),
            *(_runs(narrative.METHOD_ITEMS[key]) for key in METHOD_KEYS),
        ],
        "sources_note": texts.SOURCES_NOTE,
        "sources": _table(tuple(sources.columns), sources.astype(str).values.tolist()),
        "nonresponse": markdown_blocks(over_de_cijfers.NONRESPONSE_TEXT),
        "suppression": [
            _runs(texts.threshold_text(threshold)),
            _runs(labels_note(threshold)),
            _runs(narrative.suppression_audit_text(threshold)),
            _runs(texts.AUDIT_PASSED),
            _runs(f"{texts.CHECKS} {narrative.checks_summary(queries.checks())}"),
        ],
        "built_at": str(build.get("built_at") or ""),
    }


def verantwoording_pdf(prov: Provenance, tables: list[OcwTable]) -> bytes:
    """The verantwoording of the table set as PDF/UA-1 bytes."""
    content = verantwoording_content(prov, tables)
    return typeset(TEMPLATE, content, content["built_at"])
