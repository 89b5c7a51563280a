"""A session's answers turned into what the trainer sees and downloads: per step how many
answered and how the answers are spread, and the anonymous answers as CSV.

Pure functions: answers in, DataFrame or bytes out. The distribution is a table of plain text
(the trainer's page shows it with st.dataframe, which shows text as text); the CSV neutralises
cells that a spreadsheet would run as a formula (dashboard.markup.spreadsheet_text).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from dashboard import formatting, markup
from dashboard.export import DEMO_NOTICE
from dashboard.texts import trainer as text
from workshop import spec
from workshop.feedback import parse_number
from workshop.store import Answer

CORRECT_LABELS = {True: text.GOOD, False: text.NOT_GOOD, None: text.UNCHECKED}
CSV_COLUMNS = ["stap", "titel", "vraag", "deelnemer", "antwoord", "beoordeling", "tijdstip"]


def step_answers(answers: Sequence[Answer], step: int) -> list[Answer]:
    """The answers to one step."""
    return [answer for answer in answers if answer.step == step]


def _number_label(text: str) -> str:
    number = parse_number(text)
    return text.strip() if number is None else formatting.format_number(number, 2)


def distribution(step: spec.Step, answers: Sequence[Answer]) -> pd.DataFrame:
    """How the answers to a step are spread: columns `antwoord`, `aantal` (most first; every
    choice of a multiple-choice question in the file's order, also those nobody chose)."""
    given = step_answers(answers, step.number)
    if step.question.kind == spec.MULTIPLE_CHOICE:
        counts = Counter(answer.answer for answer in given)
        labels = list(step.question.choices)
    else:
        normalise = _number_label if step.question.kind == spec.NUMBER else str.strip
        counts = Counter(normalise(answer.answer) for answer in given)
        labels = [label for label, _ in counts.most_common()]
    return pd.DataFrame({"antwoord": labels, "aantal": [counts.get(label, 0) for label in labels]})


def correctness(answers: Sequence[Answer], step: int) -> dict[str, int]:
    """How many answers to a step were good, not good, or could not be checked."""
    counts = Counter(CORRECT_LABELS[answer.is_correct] for answer in step_answers(answers, step))
    return {label: counts.get(label, 0) for label in CORRECT_LABELS.values()}


def answers_csv(workshop: spec.Workshop, answers: Sequence[Answer], is_demo: bool) -> bytes:
    """The anonymous answers of a session as CSV (`;`, UTF-8 with BOM for Excel), one row per
    answer; a first comment line says so when the feedback came from demo data."""
    steps = {step.number: step for step in workshop.steps}
    out = io.StringIO()
    if is_demo:
        out.write(f"# {DEMO_NOTICE}\n")
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for answer in answers:
        step = steps.get(answer.step)
        row = [
            answer.step,
            step.title if step else "",
            step.question.text if step else "",
            answer.participant_number,
            answer.answer,
            CORRECT_LABELS[answer.is_correct],
            answer.answered_at.strftime("%Y-%m-%d %H:%M:%S"),
        ]
        writer.writerow([markup.spreadsheet_text(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")
