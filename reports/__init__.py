"""The Regiorapport: one region's published figures as an accessible PDF (typst, SVG charts).

`report_pdf(code)` is the one entry point (the command and the Regioprofiel button use it):
`reports.content` reads the figures through the query layer, `reports.svg` draws the pages'
chart figures, `reports.pdf` typesets the template `regiorapport.typ`.
"""

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
