"""Content (a JSON-ready dict) + a typst template -> PDF bytes; the Regiorapport's and the OCW
verantwoording's typesetter.

typst runs in-process through its Python binding (no browser, no network, no other program);
one compiler per template and process. The template reads the content as JSON from
`sys.inputs.content`, so every text from the warehouse stays a string value there (never typst
markup). The PDF follows PDF/UA-1: tagged, with the title and document language the template
sets, reading order as written. The creation date is the warehouse's build time, so the same
warehouse gives the same bytes.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

import typst

TEMPLATE = Path(__file__).resolve().parent / "regiorapport.typ"
PDF_STANDARD: Literal["ua-1"] = "ua-1"
INPUT = "content"


@cache
def _compiler(template: Path) -> typst.Compiler:
    return typst.Compiler(template, root=template.parent)


def _timestamp(built_at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(built_at)
    except ValueError:
        return None


def typeset(template: Path, content: dict[str, Any], built_at: str) -> bytes:
    """Typeset `content` with `template` as a PDF/UA-1 document dated `built_at` (ISO time of
    the build; no date when it is not one)."""
    pdf = _compiler(template).compile(
        format="pdf",
        sys_inputs={INPUT: json.dumps(content, ensure_ascii=False)},
        pdf_standards=[PDF_STANDARD],
        timestamp=_timestamp(built_at),
    )
    assert isinstance(pdf, bytes)
    return pdf


def render_pdf(content: dict[str, Any]) -> bytes:
    """Typeset the Regiorapport content (`reports.content.report_content`)."""
    return typeset(TEMPLATE, content, str(content.get("built_at") or ""))
