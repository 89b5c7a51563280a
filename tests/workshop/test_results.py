"""What the trainer sees and downloads: the spread of answers per step and the anonymous CSV
with formula cells neutralised."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from dashboard.export import DEMO_NOTICE
from etl.paths import REPO_ROOT
from workshop import results
from workshop.parser import parse_file
from workshop.store import Answer

WORKSHOP = parse_file(REPO_ROOT / "workshops" / "je-eigen-regio-duiden.md")
AT = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)


def _answer(number: int, step: int, text: str, correct: bool | None = None) -> Answer:
    return Answer(number, step, text, correct, AT)


def test_multiple_choice_lists_every_choice_in_file_order() -> None:
    step = WORKSHOP.steps[3]
    answers = [_answer(1, 4, "Binnen de grenzen"), _answer(2, 4, "Binnen de grenzen")]
    frame = results.distribution(step, [*answers, _answer(3, 5, "Binnen de grenzen")])
    assert frame.to_dict("list") == {
        "antwoord": ["Boven de grenzen", "Binnen de grenzen", "Onder de grenzen"],
        "aantal": [0, 2, 0],
    }


def test_number_answers_are_grouped_by_their_value() -> None:
    step = WORKSHOP.steps[1]
    answers = [_answer(1, 2, "0,4", True), _answer(2, 2, "0,40", True), _answer(3, 2, "-1", False)]
    frame = results.distribution(step, answers)
    assert frame.to_dict("list") == {"antwoord": ["0,40", "-1,00"], "aantal": [2, 1]}
    assert results.correctness(answers, 2) == {"goed": 2, "niet goed": 1, "niet te controleren": 0}


def test_the_csv_is_anonymous_and_neutralises_formulas() -> None:
    answers = [
        _answer(1, 10, '=HYPERLINK("https://elders.nl","klik")'),
        _answer(2, 10, "@SUM(A1)"),
        _answer(1, 2, "-0,4", True),
        _answer(2, 2, "+1", False),
        _answer(3, 10, "gewoon"),
    ]
    data = results.answers_csv(WORKSHOP, answers, is_demo=True).decode("utf-8-sig")
    first, rest = data.split("\n", 1)
    assert first == f"# {DEMO_NOTICE}"
    rows = list(csv.reader(io.StringIO(rest), delimiter=";"))
    assert rows[0] == results.CSV_COLUMNS
    assert [row[4] for row in rows[1:]] == [
        '\'=HYPERLINK("https://elders.nl","klik")',
        "'@SUM(A1)",
        "'-0,4",
        "'+1",
        "gewoon",
    ]
    assert rows[3][:4] == ["2", "Boven of onder Nederland?", rows[3][2], "1"]
    assert rows[3][5] == "goed" and rows[1][6] == "2026-12-03 09:30:00"
    plain = results.answers_csv(WORKSHOP, answers, is_demo=False).decode("utf-8-sig")
    assert plain.startswith(";".join(results.CSV_COLUMNS))
