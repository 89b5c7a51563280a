"""One region's Regiorapport as PDF bytes: the entry point of the command and the Regioprofiel
button (content through the query layer, typeset by typst)."""

from __future__ import annotations

from reports.content import report_content
from reports.pdf import render_pdf


def report_pdf(code: str) -> bytes:
    """The Regiorapport of a gemeente, RMC-regio or provincie as PDF bytes.

    Raises:
        reports.content.UnknownRegion: the code is no such region of the warehouse.
    """
    return render_pdf(report_content(code))


def report_file_name(code: str) -> str:
    """`regiorapport-MC01.pdf`."""
    return f"regiorapport-{code}.pdf"
