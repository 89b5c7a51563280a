"""Report content (a JSON-ready dict) -> the Regiorapport as PDF bytes, typeset by typst.

typst runs in-process through its Python binding (no browser, no network, no other program);
one compiler per process. The PDF follows PDF/UA-1: tagged, with title and document language
nl, reading order as written, every chart with its text alternative. The creation date is the
warehouse's build time, so the same warehouse gives the same bytes.
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


@cache
def _compiler() -> typst.Compiler:
    return typst.Compiler(TEMPLATE, root=TEMPLATE.parent)


def _timestamp(built_at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(built_at)
    except ValueError:
        return None


def render_pdf(content: dict[str, Any]) -> bytes:
    """Typeset the report content as a PDF/UA-1 document."""
    pdf = _compiler().compile(
        format="pdf",
        sys_inputs={"report": json.dumps(content, ensure_ascii=False)},
        pdf_standards=[PDF_STANDARD],
        timestamp=_timestamp(str(content.get("built_at") or "")),
    )
    assert isinstance(pdf, bytes)
    return pdf
