"""reports.svg_bars: the ranking drawn as SVG, checked on small rankings worked out by hand."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dashboard import charts
from reports.svg import UnsupportedFigure
from reports.svg_bars import bar_svg
from tests.conftest_helpers import many_region_ranking, three_region_ranking

NS = {"s": "http://www.w3.org/2000/svg"}


def _bars(root: ET.Element) -> list[ET.Element]:
    """The bars (rects with a tooltip) in drawing order."""
    return [r for r in root.iterfind(".//s:rect", NS) if r.find("s:title", NS) is not None]


def test_a_horizontal_ranking_draws_bars_names_labels_and_the_national_line() -> None:
    root = ET.fromstring(bar_svg(three_region_ranking(), 400, 200, hover=True))
    bars = _bars(root)
    # highest first, from the top; each bar's tooltip is its name and value
    assert [b.find("s:title", NS).text for b in bars] == [  # type: ignore[union-attr]
        "Groot\n18,99 per 1.000",
        "Midden\n12,35 per 1.000",
        "Klein\n4,20 per 1.000",
    ]
    tops = [float(b.get("y", 0)) for b in bars]
    assert tops == sorted(tops)
    widths = [float(b.get("width", 0)) for b in bars]
    # bar lengths are proportional to the values (same origin at 0)
    assert widths[1] / widths[0] == pytest.approx(12.345 / 18.99, rel=1e-3)
    assert widths[2] / widths[0] == pytest.approx(4.2 / 18.99, rel=1e-3)
    texts = [t.text for t in root.iterfind(".//s:text", NS)]
    assert {"18,99", "12,35", "4,20", "Groot", "Midden", "Klein"} <= set(texts)
    assert "– – Nederland: 12,50 per 1.000" in texts
    # the focus (Midden) is hatched over its colour, and its name is bold
    hatch = [r for r in root.iterfind(".//s:rect", NS) if r.get("fill") == "url(#bar-hatch)"]
    assert len(hatch) == 1 and hatch[0].get("y") == bars[1].get("y")
    bold = [t.text for t in root.iterfind(".//s:text", NS) if t.get("font-weight") == "bold"]
    assert "Midden" in bold
    # the dashed national line stands at 12,5: just right of Midden's bar (12,345)
    (line,) = [ln for ln in root.iterfind(".//s:line", NS) if ln.get("stroke-dasharray")]
    x0 = float(bars[0].get("x", 0))
    assert x0 + widths[1] < float(line.get("x1", 0)) < x0 + widths[0]
    for rect in root.iterfind(".//s:rect", NS):
        assert float(rect.get("x", 0)) + float(rect.get("width", 0)) <= 400


def test_many_regions_draw_columns_and_name_the_focus_with_an_arrow() -> None:
    fig = many_region_ranking()
    root = ET.fromstring(bar_svg(fig, 400, 300, hover=True))
    bars = _bars(root)
    assert len(bars) == 60
    heights = [float(b.get("height", 0)) for b in bars]
    assert heights == sorted(heights, reverse=True)  # rank 1 (value 59) at the left
    bold = [t.text for t in root.iterfind(".//s:text", NS) if t.get("font-weight") == "bold"]
    assert bold == ["R10"]
    assert root.findall(".//s:path", NS), "no arrow head"


def test_only_a_single_bar_trace_is_drawn() -> None:
    fig = charts.figure([{"type": "scatter", "x": [1], "y": [1]}], charts.base_layout(200))
    with pytest.raises(UnsupportedFigure):
        bar_svg(fig, 300, 200)
