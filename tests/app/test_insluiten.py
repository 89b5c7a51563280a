"""Insluiten: the embedding page's three views, its notices, and the iframe code that
Regioprofiel and Vergelijken offer (AppTest on the fixture warehouse)."""

from __future__ import annotations

import html.parser
import math
import re
import urllib.parse
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from tests.app.conftest import new_app, readable, texts
from tests.app.explore_helpers import figures, no_exception, notices, page, sql

PAGE = "insluiten"
INDICATOR = "vsv_pct"
PUBLIC = "https://kompas.example.nl/"
# a character Markdown would read as markup, not preceded by the backslash that escapes it
UNESCAPED_MARKUP = re.compile(r"(?<!\\)[\[\]()<>!*_`:#]")


@pytest.fixture(autouse=True)
def _public_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest has no browser address; the pages then use KOMPAS_PUBLIC_URL."""
    monkeypatch.setenv("KOMPAS_PUBLIC_URL", PUBLIC)


def dutch(value: float, decimals: int = 1) -> str:
    """A value as the pages write it (round half up, decimal comma)."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return f"{exact}".replace(".", ",")


@pytest.fixture(scope="module")
def gemeente() -> dict[str, Any]:
    """The first gemeente by name whose newest vsv figure is shown, with its RMC-regio."""
    row = sql(
        """
        with newest as (
            select region_code, value, flag, school_year,
                row_number() over (partition by region_code order by school_year_start desc) n
            from marts.published_values
            where indicator_key = ? and region_level = 'gemeente'
        )
        select r.region_code, r.region_name, r.rmc_code, r.rmc_name, newest.value,
            newest.school_year
        from newest join marts.regions r using (region_code)
        where n = 1 and flag = '' and value is not null
        order by r.region_name limit 1
        """,
        [INDICATOR],
    )
    return row.iloc[0].to_dict()


def embed_page(**query: str) -> Any:
    at = page(PAGE, **query)
    no_exception(at)
    return at


def test_kerncijfers_show_the_name_and_newest_figure(gemeente: dict[str, Any]) -> None:
    at = embed_page(regio=gemeente["region_code"], indicator=INDICATOR, weergave="kerncijfers")
    assert readable(at.subheader[0].value) == gemeente["region_name"]
    assert [m.value for m in at.metric] == [dutch(gemeente["value"]) + "%"]
    assert gemeente["school_year"] in texts(at)
    assert not notices(at)
    assert not figures(at)


def test_kerncijfers_of_a_hidden_figure_show_its_label() -> None:
    hidden = sql(
        """
        with newest as (
            select region_code, flag,
                row_number() over (partition by region_code order by school_year_start desc) n
            from marts.published_values where indicator_key = ? and region_level = 'gemeente'
        )
        select region_code, flag from newest where n = 1 and flag <> '' order by region_code
        limit 1
        """,
        [INDICATOR],
    )
    if hidden.empty:
        pytest.skip("the fixture warehouse hides no newest vsv figure of a gemeente")
    code, flag = hidden.iloc[0]
    threshold = int(sql("select suppression_threshold from meta.build").iloc[0, 0])
    label = f"<{threshold}" if flag == "primary" else "x"
    at = embed_page(regio=code, indicator=INDICATOR, weergave="kerncijfers")
    assert [m.value for m in at.metric] == [label]
    assert "95%-interval" not in texts(at)


def test_trend_draws_the_region_against_nederland(gemeente: dict[str, Any]) -> None:
    at = embed_page(regio=gemeente["region_code"], indicator=INDICATOR, weergave="trend")
    (fig,) = figures(at)
    region_line = fig["data"][3]
    assert region_line["name"] == gemeente["region_name"]
    expected = sql(
        "select school_year_start, value, flag from marts.published_values "
        "where region_code = ? and indicator_key = ? order by school_year_start",
        [gemeente["region_code"], INDICATOR],
    )
    assert region_line["x"] == expected["school_year_start"].tolist()
    for shown, value, flag in zip(
        region_line["y"], expected["value"], expected["flag"], strict=True
    ):
        if flag or value is None or math.isnan(value):
            assert shown is None
        else:
            assert shown == pytest.approx(value)
    assert fig["data"][1]["name"] == "Nederland"
    summary = readable(at.markdown[0].value)
    assert gemeente["region_name"] in summary and dutch(gemeente["value"]) + "%" in summary


def test_kaart_of_a_gemeente_outlines_it_among_its_rmc(gemeente: dict[str, Any]) -> None:
    at = embed_page(regio=gemeente["region_code"], indicator=INDICATOR, weergave="kaart")
    (fig,) = figures(at)
    members = sql(
        "select r.region_code, v.value from marts.regions r left join marts.published_values v "
        "on v.region_code = r.region_code and v.indicator_key = ? and v.school_year = ? "
        "and v.flag = '' where r.region_level = 'gemeente' and r.rmc_code = ?",
        [INDICATOR, gemeente["school_year"], gemeente["rmc_code"]],
    )
    coloured = fig["data"][0]
    shown = members[members["value"].notna()]
    assert sorted(coloured["locations"]) == sorted(shown["region_code"])
    z = dict(zip(coloured["locations"], coloured["z"], strict=True))
    assert z[gemeente["region_code"]] == pytest.approx(gemeente["value"])
    outlines = [trace for trace in fig["data"] if trace.get("name") == "focus"]
    assert outlines and all(list(t["locations"]) == [gemeente["region_code"]] for t in outlines)
    assert dutch(gemeente["value"]) + "%" in readable(at.markdown[0].value)


def test_kaart_of_an_rmc_regio_shows_its_gemeenten(gemeente: dict[str, Any]) -> None:
    at = embed_page(regio=gemeente["rmc_code"], indicator=INDICATOR, weergave="kaart")
    assert readable(at.subheader[0].value) == gemeente["rmc_name"]
    (fig,) = figures(at)
    members = sql(
        "select region_code from marts.regions where region_level = 'gemeente' and rmc_code = ?",
        [gemeente["rmc_code"]],
    )
    drawn = [code for trace in fig["data"] for code in trace["locations"]]
    assert sorted(drawn) == sorted(members["region_code"])


def test_the_footer_names_the_source_marks_demo_and_links_to_the_profile(
    gemeente: dict[str, Any],
) -> None:
    at = embed_page(regio=gemeente["region_code"], indicator=INDICATOR, weergave="kerncijfers")
    footer = at.markdown[-1].value
    producer = sql(
        "select s.producer from marts.indicators i join marts.sources s using (source_key) "
        "where i.indicator_key = ?",
        [INDICATOR],
    ).iloc[0, 0]
    assert producer in readable(footer) and "DEMO" in footer
    link = f"[Meer in Kompas](<{PUBLIC}regioprofiel?regio={gemeente['region_code']}>)"
    assert link in footer


def test_an_unknown_region_shows_only_a_dutch_notice() -> None:
    at = embed_page(regio="GM9999", indicator=INDICATOR, weergave="trend")
    assert "De link noemt de regio 'GM9999', maar die komt niet voor" in notices(at)
    assert not at.subheader and not figures(at) and not at.metric


def test_a_link_without_a_region_says_where_to_get_the_code() -> None:
    at = embed_page()
    assert "noemt geen regio" in notices(at) and "Insluiten" in notices(at)
    assert not at.subheader


def test_an_unknown_indicator_or_view_falls_back_with_a_notice(gemeente: dict[str, Any]) -> None:
    at = embed_page(regio=gemeente["region_code"], indicator="onzin", weergave="grafiek")
    text = notices(at)
    assert "de indicator 'onzin'" in text and "de weergave 'grafiek'" in text
    first = sql("select label from marts.indicators order by sort_order limit 1").iloc[0, 0]
    assert f"We tonen {first}." in text and "We tonen Kerncijfers." in text
    assert at.metric  # the default view: kerncijfers


@pytest.mark.parametrize("param", ["regio", "indicator", "weergave"])
def test_a_markup_payload_in_the_link_stays_text(gemeente: dict[str, Any], param: str) -> None:
    payload = '[log in](https://evil.example) <img src="https://evil.example/x.png"> **vet**'
    query = {"regio": gemeente["region_code"], "indicator": INDICATOR, "weergave": "trend"}
    at = embed_page(**{**query, param: payload})
    (warning,) = at.warning
    assert payload in readable(warning.value)
    assert not UNESCAPED_MARKUP.findall(warning.value)


def test_the_page_runs_in_the_app_without_banner_or_sidebar(gemeente: dict[str, Any]) -> None:
    at = new_app().run()
    at.query_params.update(regio=gemeente["region_code"], weergave="kerncijfers")
    at.switch_page(f"app_pages/{PAGE}.py").run()
    no_exception(at)
    assert readable(at.subheader[0].value) == gemeente["region_name"]
    assert "Demogegevens" not in texts(at)
    assert not at.sidebar.markdown and not at.title


# -- the iframe code on Regioprofiel and Vergelijken -----------------------------------------


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def iframe(at: Any) -> dict[str, str | None]:
    """The attributes of the one element in the page's iframe code, as a browser reads them."""
    (code,) = at.code
    parser = _Tags()
    parser.feed(code.value)
    ((tag, attrs),) = parser.tags
    assert tag == "iframe"
    assert "&amp;" in code.value  # the & between parameters is written as HTML wants it
    return attrs


def query_of(src: str | None) -> tuple[str, dict[str, str]]:
    parts = urllib.parse.urlsplit(str(src))
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return base, dict(urllib.parse.parse_qsl(parts.query))


def test_regioprofiel_offers_the_iframe_code_of_its_region(gemeente: dict[str, Any]) -> None:
    at = page("regioprofiel", regio=gemeente["region_code"])
    no_exception(at)
    first = sql("select indicator_key from marts.indicators order by sort_order").iloc[0, 0]
    attrs = iframe(at)
    base, query = query_of(attrs["src"])
    assert base == f"{PUBLIC}{PAGE}"
    assert query == {
        "regio": gemeente["region_code"],
        "indicator": first,
        "weergave": "kerncijfers",
        "embed": "true",
    }
    assert gemeente["region_name"] in str(attrs["title"])
    assert (attrs["width"], attrs["height"], attrs["loading"]) == ("400", "300", "lazy")

    at.radio(key="regioprofiel__insluiten_weergave").set_value("kaart").run()
    second = sql("select indicator_key from marts.indicators order by sort_order").iloc[1, 0]
    at.selectbox(key="regioprofiel__insluiten_indicator").select(second).run()
    no_exception(at)
    attrs = iframe(at)
    _, query = query_of(attrs["src"])
    assert (query["weergave"], query["indicator"]) == ("kaart", second)
    assert (attrs["width"], attrs["height"]) == ("600", "400")


def test_vergelijken_offers_the_code_of_its_focus_region(gemeente: dict[str, Any]) -> None:
    at = page("vergelijken", niveau="gemeente", indicator=INDICATOR, focus=gemeente["region_code"])
    no_exception(at)
    _, query = query_of(iframe(at)["src"])
    assert (query["regio"], query["indicator"]) == (gemeente["region_code"], INDICATOR)


def test_vergelijken_without_focus_asks_for_one() -> None:
    at = page("vergelijken", niveau="gemeente")
    no_exception(at)
    assert not at.code
    assert any("Kies eerst een focusregio" in c.value for c in at.caption)
