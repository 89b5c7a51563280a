"""The parsed form of a workshop file: a workshop, its steps, each step's question and fact.

Plain frozen dataclasses, no behaviour: `workshop.parser` makes them from `workshops/*.md`,
`workshop.feedback` reads them together with a fact from the warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass

MULTIPLE_CHOICE = "meerkeuze"
NUMBER = "getal"
OPEN = "open"
QUESTION_KINDS = (MULTIPLE_CHOICE, NUMBER, OPEN)

# what a number question is checked against, or a multiple-choice question's computed answer
VALUE = "waarde"  # the region's value
NATIONAL = "nederland"  # the national value
DIFFERENCE = "verschil"  # region minus Nederland, in the indicator's unit
VERDICT = "oordeel"  # funnel verdict: above, within or below the limits (three choices)
NUMBER_TARGETS = (VALUE, NATIONAL, DIFFERENCE)
NEWEST_YEAR = "nieuwste"
# placeholders of an explanation; {regio} is the region's name there, its code in a link
TEXT_PLACEHOLDERS = (
    "regio",
    "indicator",
    "schooljaar",
    "waarde",
    "interval",
    "nederland",
    "verschil",
    "oordeel",
)
LINK_PLACEHOLDERS = ("regio", "niveau")


@dataclass(frozen=True)
class FactSpec:
    """A fact the engine computes for the participant's own region: one indicator, one year."""

    indicator_key: str
    school_year: str  # a label like '2023-2024', or NEWEST_YEAR


@dataclass(frozen=True)
class Question:
    """A step's question.

    Attributes:
        text: The question as shown.
        kind: MULTIPLE_CHOICE, NUMBER or OPEN.
        choices: The options of a multiple-choice question (empty otherwise).
        answer: A multiple-choice question's correct option, VERDICT (computed: choices are
            above / within / below the limits, in that order), or '' (no correct answer); a
            number question's target (VALUE, NATIONAL or DIFFERENCE); '' for open text.
        tolerance: How far a number answer may lie from the computed value (number questions).
    """

    text: str
    kind: str
    choices: tuple[str, ...] = ()
    answer: str = ""
    tolerance: float = 0.0


@dataclass(frozen=True)
class Step:
    """One step: what to do, where to look, what to answer, and what is explained afterwards."""

    number: int  # 1-based
    title: str
    instruction: str  # Markdown written by the trainer
    link: str  # relative Kompas URL, may contain {regio} and {niveau}; '' for none
    question: Question
    explanation: str  # Markdown template; placeholders filled from the fact
    fact: FactSpec | None
    line: int  # line of the step's heading in the file


@dataclass(frozen=True)
class Workshop:
    """A whole workshop file."""

    key: str  # file name without .md
    title: str
    goal: str
    audience: str
    steps: tuple[Step, ...]
