"""The pages on a warehouse with gemeenten missing (tests/conftest.py `nonresponse_warehouse`):
an estimated total says `geschat` with its response beside it (Regioprofiel's trend tables,
Overzicht's cards, Vergelijken's sentence, table, hovers and funnel, Patronen's tables and
hovers), and a gemeente without a figure reads `geen opgave`, never 0 or a privacy label."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import new_app, open_page, readable, texts
from tests.app.explore_helpers import (
    SVG,
    chart_images,
    inline_charts,
    no_exception,
    page,
    sql,
    titles,
)

PAGE = "regioprofiel"


@pytest.fixture(autouse=True)
def _on_nonresponse(nonresponse_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMPAS_DB", str(nonresponse_warehouse))


def _trend_tables(region_code: str) -> list[pd.DataFrame]:
    """The trend tables (one per indicator) of a region's profile, by school year."""
    at = page(PAGE)
    at.selectbox(key=f"{PAGE}__region").select(region_code).run()
    no_exception(at)
    return [
        frame.value.set_index("Schooljaar")
        for frame in at.dataframe
        if {"Respons", "Schooljaar"} <= set(frame.value.columns)
    ]


def test_rmc_trend_table_says_geschat_with_the_response() -> None:
    rows = _trend_tables("MC51")
    # one trend table per indicator: vsv (CBS, no estimates) and the seven verzuim indicators
    notes = [t.loc["2022-2023", "Respons"] for t in rows]
    assert notes.count("geschat; respons 4 van 6 gemeenten (67 %)") == 7
    assert notes.count("") == 1
    assert {t.loc["2021-2022", "Respons"] for t in rows} == {""}


def test_gemeente_without_opgave_reads_geen_opgave_not_zero() -> None:
    rows = _trend_tables("GM9101")
    verzuim = [t for t in rows if t.loc["2022-2023", "Respons"] == "geen opgave"]
    assert len(verzuim) == 7
    for table in verzuim:
        assert table.loc["2022-2023", "Teller"] == "geen opgave"
        assert table.loc["2022-2023", "Brakveen"] == "geen opgave"


# --- the newest school year: GM9304 (Stobbenwijk, RMC-regio MC54 of 9 gemeenten) sent nothing
# for 2024-2025, so MC54 is an estimate from 8 of its 9 gemeenten (8/9 = 88,9 -> 89 %) and
# Nederland from 41 of the 42 (97,6 -> 98 %); vsv (CBS) is complete. Seven verzuim indicators.
NATIONAL_NOTE = "geschat; respons 41 van 42 gemeenten (98 %)"
MC54_NOTE = "geschat; respons 8 van 9 gemeenten (89 %)"
VERZUIM = 7
ABSOLUUT = "absoluut_verzuim_per_1000"


def _dutch(value: float, decimals: int) -> str:
    """4.8645 -> '4,9' (half up, decimal comma), written here independently of the app."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return f"{exact:,}".replace(",", "_").replace(".", ",").replace("_", ".")


def _published(region_code: str, year: str, key: str = ABSOLUUT) -> float:
    return float(
        sql(
            "select value from marts.published_values where region_code = ? "
            "and school_year = ? and indicator_key = ?",
            [region_code, year, key],
        )["value"].iloc[0]
    )


def test_overzicht_cards_say_geschat_with_the_response_beside_the_metrics() -> None:
    at = new_app(regio="MC54").run()
    no_exception(at)
    captions = [readable(c.value) for c in at.caption]
    assert captions.count(NATIONAL_NOTE) == VERZUIM
    assert captions.count(MC54_NOTE) == VERZUIM
    # the card's table: a response column for Nederland and for the region, newest year
    tables = [d.value for d in at.dataframe if "Respons Nederland" in d.value.columns]
    assert len(tables) == VERZUIM
    newest = tables[0].set_index("Schooljaar").loc["2024-2025*"]
    assert newest["Respons Nederland"] == NATIONAL_NOTE
    assert newest["Respons Slenkland Noord"] == MC54_NOTE
    # the sparkline's text alternative names the estimated years
    alts = [alt for alt, _ in chart_images(at)]
    assert sum("Nederland geschat in 2021-2022, 2022-2023 en 2024-2025" in a for a in alts) == 7
    assert sum("Slenkland Noord geschat in 2024-2025" in a for a in alts) == VERZUIM
    # the newest national figure is an estimate: no card claims its change is (not) chance
    no_interval = [c for c in captions if "een geschat cijfer heeft geen interval" in c]
    assert len(no_interval) == VERZUIM
    assert not [c for c in no_interval if "toeval zijn" in c or "meer dan toeval (" in c]


def test_overzicht_a_gemeente_without_opgave_reads_geen_opgave_not_zero() -> None:
    at = new_app(regio="GM9304").run()
    no_exception(at)
    own = [m.value for m in at.metric if m.label == "Stobbenwijk"]
    # the metric is a dash (`geen opgave` does not fit a card's metric), said right under it
    assert own.count("–") == VERZUIM
    assert len(own) == VERZUIM + 1  # and vsv (CBS) has its figure
    assert not any(value.startswith("0") for value in own)
    assert [readable(c.value) for c in at.caption].count("geen opgave") == VERZUIM


def _comparison(level: str, focus: str, year: str = "2024-2025") -> AppTest:
    at = open_page("vergelijken", niveau=level, indicator=ABSOLUUT, jaar=year, focus=focus)
    no_exception(at)
    return at


def test_vergelijken_an_estimate_has_its_response_and_is_left_out_of_the_funnel() -> None:
    at = _comparison("rmc", "MC54")
    body = texts(at)
    value = _dutch(_published("MC54", "2024-2025"), 1)
    assert (
        f"Slenkland Noord ligt met {value} per 1.000 boven het landelijke cijfer" in body
        and f"Dit cijfer is {MC54_NOTE}: een schatting krijgt geen oordeel" in body
    )
    national = _dutch(_published("NL01", "2024-2025"), 1)
    assert f"Het landelijke cijfer ({national} per 1.000) is {NATIONAL_NOTE}." in body
    table = at.dataframe[-1].value.set_index("Regio")
    assert table.loc["Slenkland Noord", "Respons"] == MC54_NOTE
    assert table.loc["Slenkland Noord", "Waarde (per 1.000)"] == value
    assert table.loc["Slenkland Noord", "t.o.v. Nederland"] == "niet te beoordelen"
    charts = {alt.split(" ", 1)[0]: svg for alt, svg in inline_charts(at)}
    ranking = charts["Rangorde"]
    hover = dict(tip.split("\n", 1) for tip in titles(ranking))
    assert hover["Slenkland Noord"] == f"{value} per 1.000\n{MC54_NOTE}"
    labels = [t.text for t in ranking.iter(f"{SVG}text")]
    assert f"{value} geschat" in labels
    assert f"– – Nederland: {national} per 1.000 (geschat)" in labels
    assert f"Slenkland Noord\n{value} per 1.000\n{MC54_NOTE}" in titles(charts["Kaart"])
    funnel = charts["Trechterdiagram"]
    points = [tip.split("\n", 1)[0] for tip in titles(funnel)]
    # the four RMC-regio's with a shown figure that is no estimate: 4 - 1 = 3 points
    assert "Slenkland Noord" not in points and len(points) == 3
    # the Nederland line is an estimate too: its legend and the text alternative say so
    legend = [t.text for t in funnel.iter(f"{SVG}text")]
    assert (
        f"Nederland ({national} per 1.000; geschat, respons 41 van 42 gemeenten (98 %))" in legend
    )
    assert f"De doorgetrokken lijn is Nederland, {NATIONAL_NOTE}. De gestreepte" in body
    assert (
        "Niet in de trechter, want een schatting krijgt geen oordeel. Slenkland Noord: "
        f"{MC54_NOTE}." in body
    )


def test_regiorapport_funnel_names_the_estimated_nederland_line() -> None:
    from reports import content

    (chart,) = content.funnel_charts(
        "rmc", "MC54", "Slenkland Noord", {ABSOLUUT: ("2024-2025", True)}
    )
    national = _dutch(_published("NL01", "2024-2025"), 1)
    assert (
        f"grenzen rond Nederland ({NATIONAL_NOTE}); Slenkland Noord (ruit): {MC54_NOTE}"
        in (chart["alt"])
    )
    assert (
        f"Nederland ({national} per 1.000; geschat, respons 41 van 42 gemeenten (98 %))"
        in chart["svg"]
    )


def test_vergelijken_a_gemeente_without_opgave_reads_geen_opgave() -> None:
    at = _comparison("gemeente", "GM9304")
    body = texts(at)
    assert (
        "Voor Stobbenwijk is er in 2024-2025* geen cijfer: geen opgave (de gemeente gaf geen "
        "cijfer op)." in body
    )
    assert "x" not in body.split("Stobbenwijk", 1)[1].split(".", 1)[0]
    table = at.dataframe[-1].value.set_index("Regio")
    assert table.loc["Stobbenwijk", "Waarde (per 1.000)"] == "geen opgave"
    assert table.loc["Stobbenwijk", "Teller"] == "geen opgave"
    ((_, on_map),) = [chart for chart in inline_charts(at) if chart[0].startswith("Kaart")]
    assert "Stobbenwijk\ngeen opgave" in titles(on_map)
    assert "Geen opgave: Stobbenwijk." in body


def test_patronen_tables_show_the_estimate_with_its_response_and_geen_opgave() -> None:
    at = open_page(
        "patronen", niveau="rmc", indicator=ABSOLUUT, x=ABSOLUUT, y="thuiszitters_per_1000"
    )
    no_exception(at)
    heat = next(d.value for d in at.dataframe if "2024-2025*" in d.value.columns)
    heat = heat.set_index("Regio")
    value = _dutch(_published("MC54", "2024-2025"), 1)
    assert heat.loc["Slenkland Noord", "2024-2025*"] == f"{value} ({MC54_NOTE})"
    # MC55 (Esgeest Zuid): none of its six gemeenten sent 2021-2022
    assert heat.loc["Esgeest Zuid", "2021-2022"] == "geen opgave"
    heatmap = next(svg for alt, svg in inline_charts(at) if alt.startswith("Heatmap van"))
    tips = titles(heatmap)
    assert f"Slenkland Noord, 2024-2025*\n{value} per 1.000 ({MC54_NOTE})" in tips
    assert "Esgeest Zuid, 2021-2022\ngeen opgave" in tips


def _count(level: str, condition: str) -> int:
    """How many published rows of absoluut verzuim at `level` meet `condition` (SQL)."""
    return int(
        sql(
            "select count(*) as n from marts.published_values where indicator_key = ? "
            f"and region_level = ? and {condition}",
            [ABSOLUUT, level],
        )["n"].iloc[0]
    )


@pytest.mark.parametrize(
    ("level", "without", "estimated"),
    # by the fixture: MC55 sent nothing for 2021-2022 (1 RMC-regio); gemeenten: GM9101 and
    # GM9102 in 2022-2023, the six of MC55 in 2021-2022 and GM9304 in 2024-2025 (9). Shown
    # estimates: MC54 in 2024-2025 (MC51's of 2022-2023 is hidden); a gemeente is never one
    [
        ("rmc", "1 cel", " 1 cel is geschat (niet alle gemeenten gaven een cijfer op)."),
        ("gemeente", "9 cellen", ""),
    ],
)
def test_patronen_heatmap_alt_counts_cells_without_opgave_apart(
    level: str, without: str, estimated: str
) -> None:
    at = open_page("patronen", niveau=level, indicator=ABSOLUUT)
    no_exception(at)
    hidden = _count(level, "flag in ('primary', 'secondary')")
    alt = next(c for c in texts(at).splitlines() if c.startswith("Heatmap van"))
    assert (
        f"Zonder cijfer: {without} zonder opgave (dat is geen 0) en {hidden} cellen verborgen "
        f"(<5 of x).{estimated} Grijs: geen cijfer." in alt
    )
    assert alt.count("geschat") == (1 if estimated else 0)


def test_patronen_slope_chart_hover_says_geschat_with_the_response() -> None:
    at = open_page("patronen", niveau="rmc", indicator=ABSOLUUT, van="2023-2024", tot="2024-2025")
    no_exception(at)
    slope = next(svg for alt, svg in inline_charts(at) if alt.startswith("Hellingsgrafiek"))
    tips = titles(slope)
    value = _dutch(_published("MC54", "2024-2025"), 1)
    old = _dutch(_published("MC54", "2023-2024"), 1)
    assert f"Slenkland Noord, 2024-2025*\n{value} per 1.000 ({MC54_NOTE})" in tips
    assert f"Slenkland Noord, 2023-2024\n{old} per 1.000" in tips


def test_embed_views_say_geen_opgave_and_the_estimate_response(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KOMPAS_PUBLIC_URL", "https://kompas.example.nl/")
    at = page("insluiten", regio="GM9304", indicator=ABSOLUUT, weergave="kerncijfers")
    no_exception(at)
    assert [m.value for m in at.metric] == ["–"]
    body = texts(at)
    assert "geen opgave" in [readable(c.value) for c in at.caption]
    assert (
        "Geen opgave: Stobbenwijk gaf voor dit schooljaar geen cijfer op (dat is geen 0)." in body
    )
    assert "x: niet getoond" not in body and "<5" not in body
    national = _dutch(_published("NL01", "2024-2025"), 1)
    assert f": {national} per 1.000 ({NATIONAL_NOTE})" in body
    at = page("insluiten", regio="MC54", indicator=ABSOLUUT, weergave="kaart")
    no_exception(at)
    body = texts(at)
    assert f"Dit cijfer is {MC54_NOTE}: een schatting krijgt geen oordeel" in body
