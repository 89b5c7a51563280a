"""The iframe code an embedder pastes: a hostile title or address stays one attribute value."""

from __future__ import annotations

import html.parser
import urllib.parse

from dashboard import embed

HOSTILE = '"><script src="https://evil.example/s.js"></script><a href=\'x\'>&amp; Co'


class _Elements(html.parser.HTMLParser):
    """Every start tag and text node, as a browser's HTML parser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_a_hostile_title_and_address_stay_attribute_values() -> None:
    src = f"https://kompas.example.nl/insluiten?regio={HOSTILE}"
    parser = _Elements()
    parser.feed(embed.iframe_code(src, HOSTILE, 400, 300))
    assert parser.tags == [
        (
            "iframe",
            {
                "src": src,
                "title": HOSTILE,
                "width": "400",
                "height": "300",
                "loading": "lazy",
                "style": "border: 1px solid #D9D9D9;",
            },
        )
    ]
    assert parser.text == []


def test_the_embed_address_encodes_every_parameter() -> None:
    src = embed.embed_src("https://kompas.example.nl/sub/", "GM 01&x=1", "vsv_pct", "kaart")
    parts = urllib.parse.urlsplit(src)
    assert (parts.netloc, parts.path) == ("kompas.example.nl", "/sub/insluiten")
    assert urllib.parse.parse_qs(parts.query, strict_parsing=True) == {
        "regio": ["GM 01&x=1"],
        "indicator": ["vsv_pct"],
        "weergave": ["kaart"],
        "embed": ["true"],
    }


def test_more_leads_to_the_profile_or_for_a_provincie_to_vergelijken() -> None:
    base = "https://kompas.example.nl/"
    gemeente = {"region_code": "GM0363", "region_level": "gemeente"}
    provincie = {"region_code": "PV27", "region_level": "provincie"}
    assert embed.full_view_url(base, gemeente, "vsv_pct") == f"{base}regioprofiel?regio=GM0363"
    parts = urllib.parse.urlsplit(embed.full_view_url(base, provincie, "vsv_pct"))
    assert parts.path == "/vergelijken"
    assert dict(urllib.parse.parse_qsl(parts.query)) == {
        "indicator": "vsv_pct",
        "niveau": "provincie",
        "focus": "PV27",
    }
