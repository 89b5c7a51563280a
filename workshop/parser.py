"""Read a workshop file (`workshops/*.md`) into a `Workshop`, or fail with a Dutch message that
names the file, the line and the field.

The format, written by a trainer without code:

    ---
    titel: Je eigen regio duiden
    doel: Deelnemers lezen de cijfers van hun eigen regio en bespreken ze.
    doelgroep: leerplichtambtenaren en RMC-medewerkers
    ---

    ## Titel van de stap

    De instructie: gewone Markdown, een of meer alinea's.

    link: /vergelijken?indicator=vsv_pct&niveau={niveau}&focus={regio}
    feit: vsv_pct nieuwste
    vraag: Hoeveel procentpunt ligt uw regio boven of onder Nederland?
    soort: getal
    antwoord: verschil
    tolerantie: 0,2

    ### Uitleg

    Uw regio ligt {verschil}, {oordeel}.

A step starts at a `## ` heading. Its instruction runs until the first field line; from there on
every non-empty line up to `### Uitleg` is a field (`naam: waarde`), so a misspelt field name is
an error, not silently part of the text. Fields: `link`, `feit`, `vraag`, `soort` (meerkeuze,
getal, open), `keuzes` (options separated by `|`), `antwoord`, `tolerantie`. Feedback comes from
the warehouse, never from the file: `feit: <indicator> <schooljaar|nieuwste>` names what the
engine computes for the participant's own region, and the placeholders of
`spec.TEXT_PLACEHOLDERS` (in the explanation) and `{regio}`/`{niveau}` (in the link) show it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from workshop import spec

FRONT_MATTER_FIELDS = {"titel": "title", "doel": "goal", "doelgroep": "audience"}
STEP_FIELDS = ("link", "feit", "vraag", "soort", "keuzes", "antwoord", "tolerantie")
EXPLANATION_HEADING = "### uitleg"
_FIELD_LINE = re.compile(r"^([A-Za-z]+)\s*:\s*(.*)$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_YEAR = re.compile(r"^\d{4}-\d{4}$")
_KEY = re.compile(r"^[a-z0-9_]+$")


class WorkshopFileError(ValueError):
    """A workshop file that cannot be read; the message names file, line and field."""

    def __init__(self, path: Path, line: int, field_name: str, problem: str) -> None:
        self.path, self.line, self.field_name = path, line, field_name
        where = f"{path.name}, regel {line}" + (f", veld '{field_name}'" if field_name else "")
        super().__init__(f"{where}: {problem}")


@dataclass
class _RawStep:
    title: str
    line: int
    instruction: list[str] = field(default_factory=list)
    fields: dict[str, tuple[int, str]] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)
    explanation_line: int = 0


def load_workshops(folder: Path) -> dict[str, spec.Workshop]:
    """Every `*.md` file of a folder, parsed, keyed by file name without `.md` (sorted)."""
    return {path.stem: parse_file(path) for path in sorted(folder.glob("*.md"))}


def parse_file(path: Path) -> spec.Workshop:
    """Parse one workshop file; raises WorkshopFileError naming file, line and field."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise WorkshopFileError(path, 1, "", "het bestand is geen UTF-8-tekst") from error
    lines = text.splitlines()
    meta, body_start = _front_matter(path, lines)
    raw_steps = _split_steps(path, lines, body_start)
    if not raw_steps:
        raise WorkshopFileError(path, body_start + 1, "", "geen stappen gevonden (kop '## ...')")
    steps = tuple(_step(path, number, raw) for number, raw in enumerate(raw_steps, start=1))
    return spec.Workshop(key=path.stem, steps=steps, **meta)


def _front_matter(path: Path, lines: list[str]) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        raise WorkshopFileError(path, 1, "", "het bestand begint niet met '---' (de kop)")
    meta: dict[str, str] = {}
    for index in range(1, len(lines)):
        line = lines[index].strip()
        if line == "---":
            for name, attribute in FRONT_MATTER_FIELDS.items():
                if not meta.get(attribute):
                    raise WorkshopFileError(path, index + 1, name, "ontbreekt in de kop")
            return meta, index + 1
        if not line:
            continue
        match = _FIELD_LINE.match(line)
        if not match:
            raise WorkshopFileError(path, index + 1, "", f"'{line}' is geen 'veld: waarde'")
        name, value = match.group(1).lower(), match.group(2).strip()
        if name not in FRONT_MATTER_FIELDS:
            known = ", ".join(FRONT_MATTER_FIELDS)
            raise WorkshopFileError(path, index + 1, name, f"onbekend veld (bekend: {known})")
        meta[FRONT_MATTER_FIELDS[name]] = value
    raise WorkshopFileError(path, len(lines), "", "de kop wordt niet afgesloten met '---'")


def _split_steps(path: Path, lines: list[str], start: int) -> list[_RawStep]:
    steps: list[_RawStep] = []
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index].rstrip()
        if line.startswith("## "):
            steps.append(_RawStep(title=line[3:].strip(), line=number))
            continue
        if not steps:
            if line.strip():
                raise WorkshopFileError(path, number, "", "tekst vóór de eerste stap ('## ...')")
            continue
        step = steps[-1]
        if step.explanation_line:
            step.explanation.append(line)
        elif line.strip().lower() == EXPLANATION_HEADING:
            step.explanation_line = number
        elif step.fields or _is_field(line):
            _add_field(path, step, number, line)
        else:
            step.instruction.append(line)
    return steps


def _is_field(line: str) -> bool:
    match = _FIELD_LINE.match(line)
    return bool(match) and match.group(1).lower() in STEP_FIELDS  # type: ignore[union-attr]


def _add_field(path: Path, step: _RawStep, number: int, line: str) -> None:
    if not line.strip():
        return
    match = _FIELD_LINE.match(line.strip())
    if not match:
        raise WorkshopFileError(
            path,
            number,
            "",
            f"'{line.strip()}' is geen 'veld: waarde' (of ontbreekt '### Uitleg'?)",
        )
    name, value = match.group(1).lower(), match.group(2).strip()
    if name not in STEP_FIELDS:
        raise WorkshopFileError(
            path, number, name, f"onbekend veld (bekend: {', '.join(STEP_FIELDS)})"
        )
    if name in step.fields:
        raise WorkshopFileError(path, number, name, "staat twee keer in deze stap")
    step.fields[name] = (number, value)


def _step(path: Path, number: int, raw: _RawStep) -> spec.Step:
    if not raw.title:
        raise WorkshopFileError(path, raw.line, "", "de stap heeft geen titel na '## '")
    instruction = "\n".join(raw.instruction).strip()
    if not instruction:
        raise WorkshopFileError(path, raw.line, "instructie", "de stap heeft geen instructie")
    if "vraag" not in raw.fields:
        raise WorkshopFileError(path, raw.line, "vraag", "ontbreekt in deze stap")
    explanation = "\n".join(raw.explanation).strip()
    if not explanation:
        raise WorkshopFileError(path, raw.line, "uitleg", "de stap heeft geen '### Uitleg'")
    fact = _fact(path, raw)
    question = _question(path, raw, fact)
    link = _link(path, raw)
    _check_placeholders(path, raw.explanation_line, "uitleg", explanation, spec.TEXT_PLACEHOLDERS)
    if fact is None and _PLACEHOLDER.search(explanation):
        raise WorkshopFileError(
            path,
            raw.explanation_line,
            "uitleg",
            "gebruikt een {…}-waarde, maar de stap heeft geen 'feit'",
        )
    return spec.Step(
        number=number,
        title=raw.title,
        instruction=instruction,
        link=link,
        question=question,
        explanation=explanation,
        fact=fact,
        line=raw.line,
    )


def _fact(path: Path, raw: _RawStep) -> spec.FactSpec | None:
    if "feit" not in raw.fields:
        return None
    line, value = raw.fields["feit"]
    parts = value.split()
    if not 1 <= len(parts) <= 2 or not _KEY.match(parts[0]):
        raise WorkshopFileError(
            path, line, "feit", f"'{value}' is geen '<indicator> <schooljaar of nieuwste>'"
        )
    year = parts[1] if len(parts) == 2 else spec.NEWEST_YEAR
    if year != spec.NEWEST_YEAR and not _YEAR.match(year):
        raise WorkshopFileError(
            path, line, "feit", f"schooljaar '{year}' is geen '2023-2024' of 'nieuwste'"
        )
    return spec.FactSpec(indicator_key=parts[0], school_year=year)


def _question(path: Path, raw: _RawStep, fact: spec.FactSpec | None) -> spec.Question:
    line, text = raw.fields["vraag"]
    if not text:
        raise WorkshopFileError(path, line, "vraag", "is leeg")
    kind_line, kind = raw.fields.get("soort", (line, ""))
    if kind not in spec.QUESTION_KINDS:
        raise WorkshopFileError(
            path, kind_line, "soort", f"'{kind}' is geen {', '.join(spec.QUESTION_KINDS)}"
        )
    answer_line, answer = raw.fields.get("antwoord", (kind_line, ""))
    if kind == spec.MULTIPLE_CHOICE:
        choices_line, choices_text = raw.fields.get("keuzes", (kind_line, ""))
        choices = tuple(c.strip() for c in choices_text.split("|") if c.strip())
        if len(choices) < 2:
            raise WorkshopFileError(
                path,
                choices_line,
                "keuzes",
                "een meerkeuzevraag heeft minstens twee keuzes (a | b)",
            )
        if answer == spec.VERDICT:
            if len(choices) != 3:
                raise WorkshopFileError(
                    path,
                    choices_line,
                    "keuzes",
                    "bij 'antwoord: oordeel' precies drie keuzes: "
                    "boven, binnen en onder de grenzen (in die volgorde)",
                )
            _require_fact(path, answer_line, "antwoord", fact)
        elif answer and answer not in choices:
            raise WorkshopFileError(
                path, answer_line, "antwoord", f"'{answer}' is niet een van de keuzes"
            )
        return spec.Question(text=text, kind=kind, choices=choices, answer=answer)
    if kind == spec.NUMBER:
        if answer not in spec.NUMBER_TARGETS:
            raise WorkshopFileError(
                path,
                answer_line,
                "antwoord",
                f"'{answer}' is geen {', '.join(spec.NUMBER_TARGETS)} (het getal komt uit de "
                "cijfers)",
            )
        _require_fact(path, answer_line, "antwoord", fact)
        tolerance_line, tolerance_text = raw.fields.get("tolerantie", (answer_line, ""))
        tolerance = _number(tolerance_text)
        if tolerance is None or tolerance < 0:
            raise WorkshopFileError(
                path,
                tolerance_line,
                "tolerantie",
                f"'{tolerance_text}' is geen getal van 0 of meer",
            )
        return spec.Question(text=text, kind=kind, answer=answer, tolerance=tolerance)
    if answer:
        raise WorkshopFileError(path, answer_line, "antwoord", "een open vraag heeft geen antwoord")
    return spec.Question(text=text, kind=kind)


def _require_fact(path: Path, line: int, name: str, fact: spec.FactSpec | None) -> None:
    if fact is None:
        raise WorkshopFileError(
            path, line, name, "komt uit de cijfers: de stap heeft een 'feit' nodig"
        )


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _link(path: Path, raw: _RawStep) -> str:
    if "link" not in raw.fields:
        return ""
    line, link = raw.fields["link"]
    if not link.startswith("/") or link.startswith("//") or re.search(r"[\s<>\"'\\]", link):
        raise WorkshopFileError(
            path, line, "link", f"'{link}' is geen Kompas-adres dat met één '/' begint"
        )
    _check_placeholders(path, line, "link", link, spec.LINK_PLACEHOLDERS)
    return link


def _check_placeholders(
    path: Path, line: int, name: str, text: str, allowed: tuple[str, ...]
) -> None:
    for found in _PLACEHOLDER.findall(text):
        if found not in allowed:
            raise WorkshopFileError(
                path, line, name, f"onbekende waarde '{{{found}}}' (bekend: {', '.join(allowed)})"
            )
