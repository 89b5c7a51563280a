"""Feedback computed from the fixture warehouse, checked against values this test computes
itself with its own SQL on the warehouse file (not through the query layer): the region's value,
the difference with Nederland, the funnel verdict, number answers within the tolerance, and
hidden cells that stay hidden."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from workshop import fact as facts
from workshop import spec
from workshop.feedback import check, give, parse_number

INDICATOR = "vsv_pct"
EXPECTED_SQL = """
with newest as (
    select max(school_year) as school_year from marts.published_values
    where indicator_key = $indicator and region_level = 'nederland'
)
select
    r.region_code, r.region_name, r.school_year, r.flag, r.value,
    n.value as national,
    round(r.value - n.value, 1) as difference_1,
    case
        when r.flag <> '' then null
        when r.funnel_class like 'above%' then 0
        when r.funnel_class = 'within' then 1
        when r.funnel_class like 'below%' then 2
    end as verdict_choice,
    raw.value as raw_value
from marts.published_values as r
join newest using (school_year)
join marts.published_values as n
    on n.indicator_key = r.indicator_key and n.school_year = r.school_year
    and n.region_level = 'nederland'
join marts.indicator_values as raw
    on raw.indicator_key = r.indicator_key and raw.school_year = r.school_year
    and raw.region_code = r.region_code
where r.indicator_key = $indicator and r.region_level <> 'nederland'
order by r.region_code
"""


@pytest.fixture(scope="module")
def expected(fixture_warehouse: Path) -> list[dict[str, object]]:
    with duckdb.connect(str(fixture_warehouse), read_only=True) as con:
        frame = con.execute(EXPECTED_SQL, {"indicator": INDICATOR}).df()
    return frame.to_dict("records")


NUMBER_STEP = spec.Step(
    number=1,
    title="Verschil",
    instruction="Kijk.",
    link="",
    question=spec.Question("Hoeveel?", spec.NUMBER, answer=spec.DIFFERENCE, tolerance=0.1),
    explanation="{regio} ligt {verschil}, {oordeel}. Waarde {waarde}.",
    fact=spec.FactSpec(INDICATOR, spec.NEWEST_YEAR),
    line=1,
)
VERDICT_QUESTION = spec.Question(
    "Waar?", spec.MULTIPLE_CHOICE, ("Boven", "Binnen", "Onder"), answer=spec.VERDICT
)


def _dutch(number: float, decimals: int = 1) -> str:
    return f"{number:.{decimals}f}".replace(".", ",")


def test_the_fact_is_the_warehouse_figure_for_every_region(expected: list[dict]) -> None:
    shown = [row for row in expected if row["flag"] == ""]
    assert len(shown) > 20
    for row in shown:
        fact = facts.compute(NUMBER_STEP.fact, str(row["region_code"]))  # type: ignore[arg-type]
        assert fact is not None and fact.school_year == row["school_year"]
        assert fact.value == pytest.approx(row["value"])
        assert fact.national == pytest.approx(row["national"])
        assert fact.difference == pytest.approx(row["value"] - row["national"])  # type: ignore[operator]
        assert fact.verdict_choice == row["verdict_choice"]


def test_the_explanation_states_the_difference_and_verdict(expected: list[dict]) -> None:
    verdicts = {
        0: "boven de 9",
        1: "binnen de 95%-grenzen",
        2: "onder de 9",
    }
    seen = set()
    for row in expected:
        if row["flag"] != "" or row["difference_1"] == 0:
            continue
        fact = facts.compute(NUMBER_STEP.fact, str(row["region_code"]))  # type: ignore[arg-type]
        text = facts.texts(fact)
        side = "boven" if row["difference_1"] > 0 else "onder"
        assert facts.difference_text(fact) == (  # type: ignore[arg-type]
            f"{_dutch(abs(row['difference_1']))} procentpunt {side} Nederland"
        )
        if row["verdict_choice"] is not None:
            assert verdicts[int(row["verdict_choice"])] in text["oordeel"].replace("\\", "")
            seen.add(int(row["verdict_choice"]))
    assert seen == {0, 1, 2}, "the fixture should have regions above, within and below"


def test_number_answers_are_checked_with_the_tolerance(expected: list[dict]) -> None:
    row = next(r for r in expected if r["flag"] == "" and abs(r["difference_1"]) >= 0.5)
    fact = facts.compute(NUMBER_STEP.fact, str(row["region_code"]))  # type: ignore[arg-type]
    exact = row["value"] - row["national"]  # type: ignore[operator]
    question = NUMBER_STEP.question
    assert check(question, fact, _dutch(exact, 3)) is True
    assert check(question, fact, _dutch(exact + 0.08, 3)) is True
    assert check(question, fact, _dutch(exact - 0.12, 3)) is False
    assert check(question, fact, _dutch(-exact, 3)) is False
    assert check(question, fact, "ongeveer de helft") is None
    right = give(NUMBER_STEP, fact, _dutch(exact + 0.5))
    assert right.correct is False and _dutch(exact) in right.message


def test_verdict_choices_follow_the_build(expected: list[dict]) -> None:
    for row in expected:
        fact = facts.compute(NUMBER_STEP.fact, str(row["region_code"]))  # type: ignore[arg-type]
        choice = row["verdict_choice"]
        if choice is None or choice != choice:  # None or NaN
            assert check(VERDICT_QUESTION, fact, "Binnen") is None
            continue
        for index, option in enumerate(VERDICT_QUESTION.choices):
            assert check(VERDICT_QUESTION, fact, option) is (index == int(choice))


def test_a_hidden_cell_says_niet_gepubliceerd_and_reveals_nothing(expected: list[dict]) -> None:
    hidden = [row for row in expected if row["flag"] != ""]
    assert hidden, "the fixture warehouse should hide some vsv cells"
    for row in hidden:
        fact = facts.compute(NUMBER_STEP.fact, str(row["region_code"]))  # type: ignore[arg-type]
        assert fact is not None and fact.is_hidden and fact.value is None
        feedback = give(NUMBER_STEP, fact, "1,0")
        assert feedback.correct is None
        assert "niet gepubliceerd" in feedback.message
        assert feedback.explanation.count("niet gepubliceerd") == 3
        shown = feedback.explanation.replace("\\", "") + feedback.message
        raw = float(row["raw_value"])  # type: ignore[arg-type]
        for decimals in (0, 1, 2):
            assert f"{raw:.{decimals}f}".replace(".", ",") not in shown.replace(
                _dutch(float(row["national"])),
                "",  # type: ignore[arg-type]
            )
        assert check(VERDICT_QUESTION, fact, "Binnen") is None


def test_names_from_the_data_are_escaped() -> None:
    fact = facts.Fact(
        region_code="GM0001",
        region_name="[klik](https://elders.nl)",
        indicator_label="Vsv",
        unit="%",
        decimals=1,
        school_year="2023-2024",
        value=2.0,
        ci_lower=1.0,
        ci_upper=3.0,
        national=1.5,
        is_hidden=False,
        verdict="within",
    )
    text = facts.fill("In {regio}: {waarde}", fact)
    assert "](" not in text and "\\[klik\\]" in text


def test_a_region_without_figures_gets_no_fact() -> None:
    assert facts.compute(NUMBER_STEP.fact, "GM_ONBEKEND") is None
    assert facts.compute(spec.FactSpec("bestaat_niet", spec.NEWEST_YEAR), "NL01") is None
    feedback = give(NUMBER_STEP, None, "1")
    assert feedback.correct is None and "geen cijfer" in feedback.message


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0,4", 0.4),
        ("-1,2", -1.2),
        ("+0,4", 0.4),
        ("\u22120,4", -0.4),
        ("1.234,5", 1234.5),
        ("12", 12.0),
        ("0.4", 0.4),
        ("", None),
        ("1,2,3", None),
        ("vier", None),
    ],
)
def test_dutch_numbers_are_read(text: str, number: float | None) -> None:
    assert parse_number(text) == number


def test_links_get_the_region_code_url_quoted() -> None:
    assert facts.link("/vergelijken?focus={regio}&niveau={niveau}", "GM 1&x", "gemeente") == (
        "/vergelijken?focus=GM%201%26x&niveau=gemeente"
    )
