"""A participant's answer checked against the step's computed fact, and the feedback shown after.

Number answers are typed the Dutch way (`0,4`, `-1,2`, `+0,4`) and are right when they lie within
the file's tolerance of the computed value (unrounded). A multiple-choice 'oordeel' question is
right when the chosen option matches the build's funnel verdict. When the figure is hidden, the
answer cannot be checked and the feedback says so; it never shows the hidden figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard import formatting
from dashboard.texts import workshop as text
from workshop import fact as facts
from workshop import spec

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$|^[+-]?\d*\.\d+$")


@dataclass(frozen=True)
class Feedback:
    """What a participant sees after answering.

    Attributes:
        correct: True or False; None when there is no right answer or it cannot be checked.
        message: One Markdown sentence about the answer.
        explanation: The step's explanation with the computed values filled in (Markdown).
    """

    correct: bool | None
    message: str
    explanation: str


def parse_number(text: str) -> float | None:
    """A number typed the Dutch way (`0,4`, `1.234,5`, `-2`; a lone `.` decimal is accepted
    too); None when the text is not a number."""
    cleaned = text.strip().replace(" ", "").replace("\u2212", "-")
    if not cleaned or not _NUMBER.match(cleaned):
        return None
    if "," in cleaned or re.search(r"\.\d{3}(\.|$)", cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    return float(cleaned)


def check(question: spec.Question, fact: facts.Fact | None, answer: str) -> bool | None:
    """Whether an answer is right (None: no right answer, or the figure is not published)."""
    if question.kind == spec.NUMBER:
        target = fact.target(question.answer) if fact else None
        number = parse_number(answer)
        if target is None or number is None:
            return None
        # a small margin so that a tolerance of 0,1 accepts 0,1 away despite binary fractions
        return abs(number - target) <= question.tolerance + 1e-9
    if question.kind == spec.MULTIPLE_CHOICE:
        if question.answer == spec.VERDICT:
            index = fact.verdict_choice if fact else None
            return None if index is None else answer == question.choices[index]
        return answer == question.answer if question.answer else None
    return None


def _right_answer(question: spec.Question, fact: facts.Fact | None) -> str | None:
    if question.kind == spec.NUMBER and fact is not None:
        target = fact.target(question.answer)
        if target is None:
            return None
        return formatting.format_number(target, fact.decimals)
    if question.answer == spec.VERDICT:
        index = fact.verdict_choice if fact else None
        return None if index is None else question.choices[index]
    return question.answer or None


def give(step: spec.Step, fact: facts.Fact | None, answer: str) -> Feedback:
    """The feedback on one answer to a step (Markdown, outside values escaped)."""
    question = step.question
    explanation = facts.fill(step.explanation, fact)
    correct = check(question, fact, answer)
    if correct is True:
        message = text.RIGHT
    elif correct is False:
        right = _right_answer(question, fact)
        message = text.wrong(str(right))
    elif question.kind == spec.OPEN or (
        question.kind == spec.MULTIPLE_CHOICE and not question.answer
    ):
        message = text.SAVED
    elif fact is not None and fact.is_hidden:
        message = text.HIDDEN
    elif question.kind == spec.NUMBER and parse_number(answer) is None:
        message = text.NOT_A_NUMBER
    else:
        message = text.NO_FIGURE
    return Feedback(correct=correct, message=message, explanation=explanation)
