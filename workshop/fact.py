"""The computed fact of a step: one indicator in one school year for the participant's own region
beside Nederland, read through the query layer, and the Dutch texts the explanation shows.

Nothing here is written in the workshop file: the region's value, the national value, their
difference and the funnel verdict (the build's, `marts.published_values.funnel_class`) come from
the warehouse, so the feedback is true for any region, on real and on demo data. A hidden cell
has no value in the suppression view; its texts say "niet gepubliceerd" and nothing is derived
from it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import quote

from dashboard import formatting, markup, queries, queries_workshop
from workshop import spec

_PLACEHOLDER = re.compile(r"\{([a-z]+)\}")
NOT_PUBLISHED = "niet gepubliceerd"
NO_FIGURE = "geen cijfer"
VERDICT_TEXTS = {
    "above_998": "boven de 99,8%-grenzen: hoger dan toeval kan verklaren",
    "above_95": "boven de 95%-grenzen, maar binnen de 99,8%-grenzen",
    "within": "binnen de 95%-grenzen: het verschil kan toeval zijn",
    "below_95": "onder de 95%-grenzen, maar binnen de 99,8%-grenzen",
    "below_998": "onder de 99,8%-grenzen: lager dan toeval kan verklaren",
}
NOT_ASSESSED = "niet te beoordelen"
# the three choices of an 'antwoord: oordeel' question, in the file's order
VERDICT_CHOICE = {"above_998": 0, "above_95": 0, "within": 1, "below_95": 2, "below_998": 2}


@dataclass(frozen=True)
class Fact:
    """A step's fact for one region (value and interval None when hidden or missing)."""

    region_code: str
    region_name: str
    indicator_label: str
    unit: str
    decimals: int
    school_year: str
    value: float | None
    ci_lower: float | None
    ci_upper: float | None
    national: float | None
    is_hidden: bool
    verdict: str  # funnel_class code, '' when not assessed

    @property
    def difference(self) -> float | None:
        """Region minus Nederland in the indicator's unit (None when either is missing)."""
        if self.value is None or self.national is None:
            return None
        return self.value - self.national

    def target(self, name: str) -> float | None:
        """The number a 'getal' question is checked against (spec.NUMBER_TARGETS)."""
        return {
            spec.VALUE: self.value,
            spec.NATIONAL: self.national,
            spec.DIFFERENCE: self.difference,
        }[name]

    @property
    def verdict_choice(self) -> int | None:
        """Index of the right choice of an 'oordeel' question (None: hidden / not assessed)."""
        return None if self.is_hidden else VERDICT_CHOICE.get(self.verdict)


def _number(value: object) -> float | None:
    if formatting.is_missing(value):
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def resolve_year(fact_spec: spec.FactSpec) -> str | None:
    """The school year a fact is about: the file's, or the newest with a national figure."""
    if fact_spec.school_year != spec.NEWEST_YEAR:
        return fact_spec.school_year
    years = queries.school_years(fact_spec.indicator_key)
    return str(years["school_year"].iloc[-1]) if not years.empty else None


def compute(fact_spec: spec.FactSpec, region_code: str) -> Fact | None:
    """The fact for one region, or None when the warehouse has no such indicator, year or row."""
    indicator = queries.indicator_specs().get(fact_spec.indicator_key)
    year = resolve_year(fact_spec) if indicator else None
    if indicator is None or year is None:
        return None
    rows = queries_workshop.workshop_fact(region_code, indicator.key, year)
    if rows.empty:
        return None
    row = rows.iloc[0]
    hidden = bool(row["flag"])
    return Fact(
        region_code=region_code,
        region_name=str(row["region_name"]),
        indicator_label=indicator.label,
        unit=indicator.unit,
        decimals=indicator.decimals,
        school_year=year,
        value=None if hidden else _number(row["value"]),
        ci_lower=None if hidden else _number(row["ci_lower"]),
        ci_upper=None if hidden else _number(row["ci_upper"]),
        national=_number(row["national_value"]),
        is_hidden=hidden,
        verdict="" if hidden else str(row["funnel_class"] or ""),
    )


def difference_text(fact: Fact) -> str:
    """`0,4 procentpunt boven Nederland`, `gelijk aan Nederland`, or why there is none."""
    if fact.is_hidden:
        return NOT_PUBLISHED
    delta = fact.difference
    if delta is None:
        return NO_FIGURE
    size = formatting.format_number(abs(delta), fact.decimals)
    if set(size) <= {"0", ","}:
        return "gelijk aan Nederland"
    side = "boven" if delta > 0 else "onder"
    return f"{size} {formatting.change_unit(fact.unit)} {side} Nederland"


def texts(fact: Fact | None) -> dict[str, str]:
    """The placeholder values of an explanation as Markdown: names from the data escaped, the
    numbers and verdicts Kompas writes itself as they are."""
    if fact is None:
        return dict.fromkeys(spec.TEXT_PLACEHOLDERS, NO_FIGURE)
    shown = NOT_PUBLISHED if fact.is_hidden else None
    return {
        "regio": markup.escape(fact.region_name),
        "indicator": markup.escape(fact.indicator_label),
        "schooljaar": fact.school_year,
        "waarde": shown or formatting.format_value(fact.value, fact.unit, fact.decimals),
        "interval": shown
        or formatting.format_interval(fact.ci_lower, fact.ci_upper, fact.unit, fact.decimals),
        "nederland": formatting.format_value(fact.national, fact.unit, fact.decimals),
        "verschil": difference_text(fact),
        "oordeel": shown or VERDICT_TEXTS.get(fact.verdict, NOT_ASSESSED),
    }


def fill(template: str, fact: Fact | None) -> str:
    """An explanation template with its placeholders filled (the parser allowed only known ones)."""
    values = texts(fact)
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def link(template: str, region_code: str | None, region_level: str | None) -> str:
    """A step's link with the participant's region code and level filled in (URL-quoted)."""
    return template.replace("{regio}", quote(region_code or "", safe="")).replace(
        "{niveau}", quote(region_level or "", safe="")
    )
