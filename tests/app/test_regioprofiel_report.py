"""Regioprofiel offers the Regiorapport of the chosen region as a PDF download (AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.explore_helpers import no_exception, page, sql
from tests.reports.helpers import pdf_info, require_poppler

PAGE = "regioprofiel"
LABEL = "Download regiorapport (PDF)"


@pytest.mark.parametrize("level", ["rmc", "gemeente"])
def test_the_page_offers_the_report_of_its_region(level: str, tmp_path: Path) -> None:
    code, name = sql(
        "select region_code, region_name from marts.regions where region_level = ? "
        "order by region_name desc limit 1",
        [level],
    ).iloc[0]
    at = page(PAGE, regio=code)
    no_exception(at)
    buttons = [b for b in at.get("download_button") if b.proto.label == LABEL]
    assert len(buttons) == 1
    assert buttons[0].proto.deferred_file_id  # built on click, not on every run
    # what the click serves: the report of the page's region
    from reports.regiorapport import report_file_name, report_pdf

    require_poppler()
    path = tmp_path / report_file_name(str(code))
    path.write_bytes(report_pdf(str(code)))
    assert pdf_info(path)["Title"] == f"Regiorapport {name}"
    assert report_file_name(str(code)) == f"regiorapport-{code}.pdf"
