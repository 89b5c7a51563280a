"""How a figure's response is written: one wording for pages, downloads, OCW tables and the
publication (docs/nonresponse.md).

A verzuim total some of whose gemeenten sent no figure is a ratio estimate and is labelled
`geschat; respons 4 van 6 gemeenten (67 %)`; a gemeente (or a total) without any figure reads
`geen opgave`, never 0 and never an empty cell without explanation.
"""

from __future__ import annotations

from functools import lru_cache

#: flag of a published row without a figure (marts.published_values.flag)
NO_SUBMISSION = "no_submission"
NO_SUBMISSION_LABEL = "geen opgave"
ESTIMATE_LABEL = "geschat"
#: what a sentence says of a change involving an estimated year (it has no interval)
NO_INTERVAL_VERDICT = (
    "een geschat cijfer heeft geen interval, dus of die verandering meer dan toeval is, valt "
    "niet te zeggen"
)


def response_text(responding: int, total: int) -> str:
    """`respons 4 van 6 gemeenten (67 %)`: responding gemeenten of all, as a whole percentage."""
    noun = "gemeente" if total == 1 else "gemeenten"
    return f"respons {responding} van {total} {noun} ({round(100 * responding / total)} %)"


@lru_cache(maxsize=4096)
def response_note(flag: str, is_estimate: bool, responding: int, total: int) -> str:
    """`geen opgave` for a row without a figure, `geschat; respons ...` for an estimate, ''
    for a figure resting on all its gemeenten."""
    if flag == NO_SUBMISSION:
        return NO_SUBMISSION_LABEL
    if is_estimate:
        return f"{ESTIMATE_LABEL}; {response_text(responding, total)}"
    return ""
