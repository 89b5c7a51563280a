"""Text from outside Kompas (a URL, a data file, an upload) turned into markup that shows
exactly that text: Streamlit Markdown for st.markdown and friends, Plotly text for charts.

Streamlit renders the strings of st.markdown, st.caption, notices (st.info/warning/error/
success), headers, expander and metric labels, help tooltips and radio options as GitHub
Markdown with its own extras (`:red[...]` colour directives, `:material/...:` icons, emoji
shortcodes, `$...$` LaTeX), also with unsafe_allow_html=False: a region name or a query
parameter like `[log in](https://evil)` or `![x](https://evil/t.png)` would become a working
link or make the browser fetch an outside image. Selectbox and multiselect options are plain
text and need nothing. Plotly reads chart texts (titles, ticks, hover, labels) as a small HTML
dialect with working `<a href>` links.

`escape` is the one way an outside value enters a Markdown string:
- every ASCII punctuation character gets a backslash: CommonMark shows it as itself and no
  construct (link, image, emphasis, code, HTML, entity, heading, list, table, directive,
  math) can start from it;
- GFM's bare-URL links (`https://...`, `www.`, `a@b.nl`) are found in the text after the
  unescaping, so a word joiner (U+2060, invisible, ignored by screen readers) goes after every
  `:` and `@` and between `www` and `.`;
- line breaks become spaces, so a value can not open a new block.
`plotly_text` HTML-escapes a value for Plotly, which decodes the entities when it draws;
`plotly_names` does that to the name columns of a frame handed to a chart function (the
frame's other uses, tables and sentences, keep the plain names). Texts Kompas writes itself
need neither.
`svg_image` shows an SVG that Kompas drew (`reports.svg`) as a Markdown image with a data URI
and the escaped alternative text: an image's SVG runs no scripts and loads nothing, and the URI
holds only base64 characters.
`inline_svg` puts such an SVG into the page itself (st.html), so that each point and region
keeps its hover text as a tooltip: every text in it was XML-escaped by the SVG writer, the
alternative text is HTML-escaped into the `aria-label`, and the SVG's ids get the element's key
in front, so two charts on one page never share a gradient or pattern.
`spreadsheet_text` keeps a cell of a CSV download from becoming a formula when a spreadsheet
opens it (a participant's answer `=HYPERLINK(...)`): a text that starts with `=`, `+`, `-`, `@`,
a tab or a carriage return gets an apostrophe in front, which the spreadsheet shows as text.
"""

from __future__ import annotations

import base64
import html
import re

import pandas as pd

WORD_JOINER = "\u2060"
NAME_COLUMNS = ("region_name", "rmc_name", "provincie_name")
_LINE_BREAKS = re.compile(r"[\r\n\t\f\v\u2028\u2029\x85]+")
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINK_STARTS = re.compile(r"(\\[:@]|(?i:www)(?=\\\.))")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(value: object) -> str:
    """`value` as Markdown that Streamlit shows as exactly that text, never as markup."""
    text = _PUNCTUATION.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)))
    return _LINK_STARTS.sub(lambda match: match.group(1) + WORD_JOINER, text)


def plotly_text(value: object) -> str:
    """`value` as Plotly chart text that shows exactly that text, never a tag or a link."""
    return html.escape(_LINE_BREAKS.sub(" ", str(value)), quote=False)


def svg_image(svg: str, alt: str) -> str:
    """Markdown showing `svg` as an image whose alternative text is exactly `alt`."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f"![{escape(alt)}](data:image/svg+xml;base64,{data})"


_SVG_ROOT = re.compile(
    r'^<svg xmlns="http://www.w3.org/2000/svg" width="([\d.]+)" height="([\d.]+)"'
)
_SVG_ID = re.compile(r'\bid="([\w-]+)"')
_SVG_REFERENCE = re.compile(r"url\(#([\w-]+)\)")
_KEY = re.compile(r"[^\w-]")


def inline_svg(svg: str, alt: str, key: str) -> str:
    """HTML showing `svg` (written by `reports.svg`) in the page, as wide as its column up to
    its own width, read by a screen reader as one image whose text is exactly `alt`."""
    match = _SVG_ROOT.match(svg)
    if match is None:
        raise ValueError("not an SVG written by reports.svg")
    prefix = _KEY.sub("-", key)
    body = _SVG_ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg[match.end() :])
    body = _SVG_REFERENCE.sub(lambda m: f"url(#{prefix}-{m.group(1)})", body)
    width = match.group(1)
    # on one line inside a <div>: Markdown keeps a block that starts with <div> as raw HTML up
    # to its first blank line, while text around an <svg> alone would be read as Markdown (a
    # name "https://..." in a tooltip became a link); tooltip line breaks become &#10;
    svg_tag = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-label="{html.escape(_LINE_BREAKS.sub(" ", alt))}" '
        f'style="width:100%;max-width:{width}px;height:auto;display:block"'
    )
    return f'<div class="kompas-chart">{svg_tag}{body.replace(chr(10), "&#10;")}</div>'


def plotly_names(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose region, RMC-regio and provincie names are Plotly text."""
    escaped = frame.copy()
    for column in NAME_COLUMNS:
        if column in escaped.columns:
            escaped[column] = [
                value if pd.isna(value) else plotly_text(value) for value in escaped[column]
            ]
    return escaped


def spreadsheet_text(value: object) -> str:
    """`value` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
