"""dashboard.svg_cache: a figure is drawn once per size, and forgotten with the figure."""

from __future__ import annotations

import gc

from dashboard import svg_cache
from reports.draw import chart_svg
from tests.conftest_helpers import three_region_ranking


def test_a_figure_is_drawn_once_per_size_and_dropped_with_it() -> None:
    fig = three_region_ranking()
    first = svg_cache.figure_svg_once(fig, 400, 200, ())
    assert first == chart_svg(fig, 400, 200, hover=True)
    assert svg_cache.figure_svg_once(fig, 400, 200, ()) is first  # not drawn again
    other = svg_cache.figure_svg_once(fig, 300, 200, ())
    assert other is not first and 'width="300"' in other
    key = id(fig)
    assert key in svg_cache._DRAWN
    del fig
    gc.collect()
    assert key not in svg_cache._DRAWN
