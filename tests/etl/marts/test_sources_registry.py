"""marts.sources of a demo build: the demo generator is the source, never the publisher."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from etl.sources import SOURCE_MODULES


def test_demo_sources_do_not_cite_the_publisher(fixture_warehouse: Path) -> None:
    with duckdb.connect(str(fixture_warehouse), read_only=True) as con:
        rows = con.execute(
            "select source_key, title, producer, url_main, citation, is_demo from marts.sources"
        ).fetchall()
    demo = [row for row in rows if row[5]]
    assert demo, "the fixture warehouse is a demo build"
    for key, title, producer, url, citation, _ in demo:
        real = SOURCE_MODULES[key].SOURCE
        assert producer == "Kompas demo-generator"
        assert url is None  # no publisher web page for figures the publisher never made
        assert real.citation not in citation and "StatLine" not in citation, citation
        assert "StatLine" not in title and not re.search(r"\d{5}NED", title + citation), title
        assert "synthetische" in title.lower() and real.title in title  # the format it copies
