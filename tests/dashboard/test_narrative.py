"""Plain-Dutch sentences state the result honestly."""

from __future__ import annotations

from dashboard import narrative, stats

BASE = dict(
    region_name="Regio X",
    flag="",
    national_value=2.4,
    unit="%",
    decimals=1,
    higher_is_worse=True,
    school_year="2023-2024",
)


def test_above_but_within_limits_says_it_may_be_chance() -> None:
    text = narrative.region_sentence(value=2.9, classification=stats.WITHIN, **BASE)
    assert text == (
        "Regio X ligt met 2,9% boven het landelijke percentage (2,4%), maar binnen de "
        "controlegrenzen: het verschil kan toeval zijn."
    )


def test_outside_998_says_almost_certainly_not_chance_and_judges_direction() -> None:
    text = narrative.region_sentence(value=3.9, classification=stats.ABOVE_998, **BASE)
    assert "buiten de 99,8%-grens: dit verschil is vrijwel zeker geen toeval." in text
    assert "ongunstig" in text
    below = narrative.region_sentence(value=1.1, classification=stats.BELOW_998, **BASE)
    assert "onder het landelijke percentage (2,4%)" in below and "gunstig" in below


def test_no_judgement_when_higher_is_not_worse() -> None:
    args = {**BASE, "higher_is_worse": False, "unit": "per 1.000"}
    text = narrative.region_sentence(value=3.9, classification=stats.ABOVE_95, **args)
    assert "het landelijke cijfer (2,4 per 1.000)" in text
    assert "niet per se beter of slechter" in text


def test_suppressed_region_gets_no_value() -> None:
    args = {**BASE, "flag": "primary"}
    text = narrative.region_sentence(value=None, classification=stats.UNKNOWN, **args)
    assert "kleiner dan 5" in text and "%" not in text.replace("percentage", "")


def test_voorlopig_is_flagged() -> None:
    text = narrative.region_sentence(
        value=2.9, classification=stats.WITHIN, is_voorlopig=True, **BASE
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
    up = narrative.change_sentence(value_new=2.7, value_old=2.5, change=(0.2, 0.1, 0.3), **common)
    assert up.startswith("Het vsv-percentage steeg van 2,5% in 2023-2024 naar 2,7%")
    assert "meer dan toeval (een ongunstige ontwikkeling)" in up
    flat = narrative.change_sentence(
        value_new=2.7, value_old=2.6, change=(0.1, -0.05, 0.25), **common
    )
    assert "veranderde" in flat and "kan toeval zijn" in flat


def test_set_summary_counts_outliers() -> None:
    counts = stats.count_classes(
        [stats.ABOVE_998, stats.ABOVE_998, stats.BELOW_998, stats.WITHIN, stats.UNKNOWN]
    )
    text = narrative.set_summary(
        counts, region_level="gemeente", set_description="alle gemeenten", total=5
    )
    assert text.startswith("Van alle gemeenten (5) liggen er 2 boven en 1 onder de 99,8%-grens")
    assert "Voor 1 gemeente is er geen cijfer." in text
