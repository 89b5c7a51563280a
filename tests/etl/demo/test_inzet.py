"""The demo's verzuim templates carry plausible inzet figures (etl/demo/inzet.py), read back
through the real parser: within the orders of magnitude the generator states, with empty cells
where a gemeente fills in nothing, and fte and doorlooptijd written with a decimal comma in the
CSV."""

from __future__ import annotations

import pandas as pd

from etl.demo.generator import DemoSummary
from etl.raw.load import discover
from etl.sources import verzuim
from etl.sources.readers import ReadContext
from tests.etl.demo.readback import MAX_BYTES


def _figures(demo: DemoSummary) -> pd.DataFrame:
    files = [f for f in discover(demo.raw_dir) if f.source_key == "verzuim"]
    inzet = verzuim.parse_inzet(files, ReadContext(max_bytes=MAX_BYTES))
    counts = verzuim.parse(files, ReadContext(max_bytes=MAX_BYTES))["counts"]
    counts["leerplichtigen"] = pd.to_numeric(counts["leerplichtigen"])
    return inzet.merge(counts, on=["_source_file", "_row_number"], validate="1:1")


def test_demo_inzet_is_plausible(fictional: DemoSummary) -> None:
    figures = _figures(fictional)
    filled = figures.dropna(subset=["fte_leerplicht"])
    # a leerplichtambtenaar per 1.800 to 3.200 leerplichtigen, give or take the yearly noise
    per_fte = filled["leerplichtigen"] / filled["fte_leerplicht"]
    small = filled["fte_leerplicht"] == 0.1  # the floor for the smallest gemeenten
    assert per_fte[~small].between(1500, 3800).all()
    assert filled["doorlooptijd_dagen_mediaan"].between(2, 25).all()
    per_1000 = filled["verzuimmeldingen"] / filled["leerplichtigen"] * 1000
    assert 30 < per_1000.median() < 90
    # optional columns: some gemeenten fill in nothing, fewer have RMC staff or register leave
    share_empty = figures[verzuim.INZET_COLUMNS].isna().mean()
    assert 0.05 < share_empty["fte_leerplicht"] < 0.3
    assert share_empty["fte_rmc"] > share_empty["fte_leerplicht"]
    assert share_empty["geoorloofd_verzuim"] > share_empty["fte_leerplicht"]


def test_the_demo_csv_writes_a_decimal_comma(fictional: DemoSummary) -> None:
    [path] = sorted((fictional.raw_dir / "verzuim").glob("*.csv"))
    header, first = path.read_bytes().decode("utf-8-sig").split("\r\n")[:2]
    cells = dict(zip(header.split(";"), first.split(";"), strict=True))
    assert "," in cells["fte_leerplicht"] and "." not in cells["fte_leerplicht"]
