"""Plain-Dutch sentences state the result honestly."""

from __future__ import annotations

import math

from dashboard import narrative
from stats import funnel
from stats.change import Change

BASE = dict(
    region_name="Regio X",
    flag="",
    national_value=2.4,
    unit="%",
    decimals=1,
    higher_is_worse=True,
    school_year="2023-2024",
    region_level="gemeente",
)


def test_above_but_within_limits_says_it_may_be_chance() -> None:
    text = narrative.region_sentence(value=2.9, classification=funnel.WITHIN, **BASE)
    assert text == (
        "Regio X ligt met 2,9% boven het landelijke percentage (2,4%), maar binnen de "
        "grenzen: het verschil met Nederland kan toeval zijn."
    )


def test_outside_998_says_almost_certainly_not_chance_and_judges_direction() -> None:
    text = narrative.region_sentence(value=3.9, classification=funnel.ABOVE_998, **BASE)
    assert (
        "buiten de 99,8%-grens: dit verschil is groter dan toeval en dan de gewone verschillen "
        "tussen gemeenten." in text
    )
    assert "ongunstig" in text
    below = narrative.region_sentence(value=1.1, classification=funnel.BELOW_998, **BASE)
    assert "onder het landelijke percentage (2,4%)" in below and "gunstig" in below


def test_no_judgement_when_higher_is_not_worse() -> None:
    args = {**BASE, "higher_is_worse": False, "unit": "per 1.000"}
    text = narrative.region_sentence(value=3.9, classification=funnel.ABOVE_95, **args)
    assert "het landelijke cijfer (2,4 per 1.000)" in text
    assert "niet per se beter of slechter" in text


def test_suppressed_region_gets_no_value() -> None:
    args = {**BASE, "flag": "primary"}
    text = narrative.region_sentence(value=None, classification=funnel.NOT_ASSESSED, **args)
    assert "kleiner dan 5" in text and "%" not in text.replace("percentage", "")


def test_voorlopig_is_flagged() -> None:
    text = narrative.region_sentence(
        value=2.9, classification=funnel.WITHIN, is_voorlopig=True, **BASE
    )
    assert text.endswith("de cijfers over 2023-2024 zijn voorlopig en kunnen nog veranderen.")


def test_change_sentence_separates_real_change_from_chance() -> None:
    common = dict(
        label="het vsv-percentage",
        unit="%",
        decimals=1,
        year_new="2024-2025*",
        year_old="2023-2024",
        higher_is_worse=True,
    )
    up = narrative.change_sentence(
        value_new=2.7, value_old=2.5, change=Change(0.2, 0.1, 0.3), **common
    )
    assert up.startswith("Het vsv-percentage steeg van 2,5% in 2023-2024 naar 2,7%")
    assert "meer dan toeval (een ongunstige ontwikkeling)" in up
    flat = narrative.change_sentence(
        value_new=2.7, value_old=2.6, change=Change(0.1, -0.05, 0.25), **common
    )
    assert "veranderde" in flat and "kan toeval zijn" in flat
    estimated = narrative.change_sentence(
        value_new=2.7, value_old=2.6, change=Change(0.1, math.nan, math.nan), **common
    )
    assert estimated == (
        "Het vsv-percentage veranderde van 2,6% in 2023-2024 naar 2,7% in 2024-2025* "
        "(+0,1 procentpunt): een geschat cijfer heeft geen interval, dus of die verandering meer "
        "dan toeval is, valt niet te zeggen."
    )


def test_set_summary_counts_outliers() -> None:
    counts = funnel.count_classes(
        [funnel.ABOVE_998, funnel.ABOVE_998, funnel.BELOW_998, funnel.WITHIN, funnel.NOT_ASSESSED]
    )
    text = narrative.set_summary(
        counts, region_level="gemeente", set_description="alle gemeenten", total=5
    )
    assert text.startswith(
        "Van alle gemeenten (5) liggen er 3 buiten de 99,8%-grens (2 hoger en 1 lager dan "
        "Nederland); bij die gemeenten is het verschil met het land groter dan toeval en dan "
        "de gewone verschillen tussen gemeenten."
    )
    assert "Voor 1 gemeente is er geen cijfer." in text


def test_set_summary_verb_and_noun_follow_the_count() -> None:
    """One region outside: "ligt er 1 buiten ... bij die RMC-regio" (was "liggen er 1")."""
    counts = funnel.count_classes([funnel.ABOVE_998, funnel.WITHIN, funnel.WITHIN])
    text = narrative.set_summary(
        counts, region_level="rmc", set_description="alle RMC-regio's", total=3
    )
    assert text.startswith(
        "Van alle RMC-regio's (3) ligt er 1 buiten de 99,8%-grens (1 hoger dan Nederland); bij die "
    )
    assert "bij die RMC-regio is het verschil" in text
    unknown = funnel.count_classes([funnel.NOT_ASSESSED] * 2 + [funnel.WITHIN])
    text = narrative.set_summary(
        unknown, region_level="provincie", set_description="alle provincies", total=3
    )
    assert text.endswith("Voor 2 provincies is er geen cijfer.")


def test_national_subject_reads_as_dutch() -> None:
    assert narrative.national_subject("vsv %", "%") == "het landelijke vsv-percentage"
    assert (
        narrative.national_subject("absoluut verzuim", "per 1.000")
        == "het landelijke cijfer voor absoluut verzuim"
    )


def test_funnel_text_says_whether_and_how_much_the_limits_were_widened() -> None:
    wide = funnel.FunnelFit("poisson", 1000, 0.03, 14.2, 0.01, 340)
    text = narrative.funnel_alt([], "alle gemeenten", wide, "gemeente")
    assert (
        "De grenzen zijn verbreed omdat gemeenten onderling meer verschillen dan toeval "
        "verklaart (overspreiding 14,2" in text
    )
    plain = funnel.FunnelFit("binomial", 100, 0.02, 0.7, 0.0, 12)
    assert "niet verbreed" in narrative.funnel_widening(plain, "provincie")
