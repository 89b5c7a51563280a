"""dashboard.markup: outside text becomes Markdown or Plotly text that shows exactly that text.

The expected strings are written by hand from CommonMark's escaping rule (a backslash before
ASCII punctuation) and Plotly's entities; tests/browser/test_injection.py checks what a real
browser makes of them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.markup import escape, inline_svg, plotly_names, plotly_text, spreadsheet_text

WJ = "\u2060"


def test_link_and_image_syntax_get_backslashes() -> None:
    assert escape("![x](t.png) [a](b)") == "\\!\\[x\\]\\(t\\.png\\) \\[a\\]\\(b\\)"


def test_every_ascii_punctuation_character_is_escaped_and_letters_are_not() -> None:
    punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    escaped = escape(punctuation)
    assert escaped.replace(WJ, "") == "".join("\\" + c for c in punctuation)
    assert escape("Súdwest-Fryslân 2023") == "Súdwest\\-Fryslân 2023"


def test_bare_links_are_broken_by_a_word_joiner() -> None:
    assert escape("https://x.nl") == f"https\\:{WJ}\\/\\/x\\.nl"
    assert escape("www.x.nl") == f"www{WJ}\\.x\\.nl"
    assert escape("WWW.x") == f"WWW{WJ}\\.x"
    assert escape("a@b.nl") == f"a\\@{WJ}b\\.nl"


def test_line_breaks_can_not_open_a_block() -> None:
    assert escape("a\n# kop\r\n- lijst") == "a \\# kop \\- lijst"


def test_plotly_text_escapes_tags_and_entities() -> None:
    assert plotly_text('<a href="x">&lt;</a>') == '&lt;a href="x"&gt;&amp;lt;&lt;/a&gt;'
    assert plotly_text("a<br>\nb") == "a&lt;br&gt; b"


def test_plotly_names_escapes_name_columns_of_a_copy_only() -> None:
    frame = pd.DataFrame(
        {"region_name": ["<b>A</b>", None], "rmc_name": ["R&D", "x"], "value": [1.0, 2.0]}
    )
    escaped = plotly_names(frame)
    assert list(escaped["region_name"])[0] == "&lt;b&gt;A&lt;/b&gt;"
    assert escaped["region_name"].isna().tolist() == [False, True]
    assert list(escaped["rmc_name"]) == ["R&amp;D", "x"]
    assert list(escaped["value"]) == [1.0, 2.0]
    assert list(frame["region_name"])[0] == "<b>A</b>"  # the original is untouched


def test_spreadsheet_text_neutralises_formula_starts_only() -> None:
    for text in ("=1+1", "+31", "-2", "@A1", "\tx", "\rx"):
        assert spreadsheet_text(text) == "'" + text
    assert spreadsheet_text("1=1") == "1=1"
    assert spreadsheet_text(12) == "12"


def test_inline_svg_scales_names_itself_and_keeps_its_ids_apart() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="260" viewBox="0 0 320 260">'
        '<pattern id="hatch"/><path fill="url(#hatch)"/></svg>'
    )
    svg = svg.replace("<path ", "<path><title>Aa\n2,5</title></path><path ")
    out = inline_svg(svg, 'Kaart van "A" & <B>\nregel twee', "regioprofiel__map")
    # one line in a <div> (Markdown keeps it raw HTML), the tooltip's line break an entity
    assert out == (
        '<div class="kompas-chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-label="Kaart van &quot;A&quot; &amp; &lt;B&gt; regel twee" '
        'style="width:100%;max-width:320px;height:auto;display:block" viewBox="0 0 320 260">'
        '<pattern id="regioprofiel__map-hatch"/><path><title>Aa&#10;2,5</title></path>'
        '<path fill="url(#regioprofiel__map-hatch)"/></svg></div>'
    )
    with pytest.raises(ValueError):
        inline_svg("<div>geen svg</div>", "x", "k")
