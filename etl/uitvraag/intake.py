"""A member's upload (bytes + file name) -> staged rows for its own gemeenten, or the problems.

Order of the checks, cheapest first: type by name (`.xlsx` or `.csv` only) and size (the upload
limit) before anything is parsed; then the build's own template check
(`etl.template_check.staged_template`: structure, an XLSX's unpacked size before it is opened,
typing, value rules; formula cells arrive as text and are refused as non-numbers); then what only
the round knows: every row is for one of the organisation's gemeenten and for the round's
school year.
"""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePath

import pandas as pd

from etl.errors import InputError, Problem
from etl.sources.readers import RawFile
from etl.template_check import staged_template

ROLES = {".csv": "template_csv", ".xlsx": "template_xlsx"}


def school_year_start(school_year: str) -> int:
    """'2024-2025' -> 2024."""
    return int(school_year.split("-")[0])


def size_problem(name: str, size: int, max_bytes: int) -> Problem:
    """The refusal of an upload over the size limit."""
    return Problem(
        PurePath(name).name,
        f"bestand is te groot: {size} bytes, de grens is {max_bytes} bytes",
        value=str(size),
    )


def check_upload(
    name: str,
    content: bytes,
    gemeentecodes: frozenset[str],
    school_year: str,
    max_bytes: int,
) -> pd.DataFrame:
    """Check one upload as the build would, plus the round's own rules.

    Args:
        name: the file name as sent (only its last part is used, in messages).
        content: the exact bytes received.
        gemeentecodes: the organisation's gemeenten (GM####).
        school_year: the round's school year ('2024-2025').
        max_bytes: upload size limit.

    Returns:
        The staged rows (`staged.verzuim__counts` columns).

    Raises:
        InputError: naming file, row, column and value of every problem found.
    """
    shown = PurePath(name).name or "upload"
    role = ROLES.get(PurePath(shown).suffix.lower())
    if role is None:
        raise InputError(
            Problem(
                shown,
                "alleen een Excel-bestand (.xlsx) of CSV-bestand (.csv) kan worden ingeleverd",
                value=PurePath(shown).suffix or shown,
            )
        )
    if len(content) > max_bytes:
        raise InputError(size_problem(shown, len(content), max_bytes))
    with tempfile.TemporaryDirectory(prefix="kompas-opgave-") as folder:
        path = Path(folder) / f"upload{PurePath(shown).suffix.lower()}"
        path.write_bytes(content)
        staged = staged_template(RawFile(path=path, name=shown, role=role), max_bytes)
    problems = _round_problems(shown, staged, gemeentecodes, school_year_start(school_year))
    if problems:
        raise InputError(problems)
    return staged


def _round_problems(
    file: str, staged: pd.DataFrame, gemeentecodes: frozenset[str], year_start: int
) -> list[Problem]:
    problems: list[Problem] = []
    expected = f"{year_start}-{year_start + 1}"
    for row in staged.to_dict("records"):
        line, code, start = (
            int(row["_row_number"]),
            row["municipality_code"],
            row["school_year_start"],
        )
        if code not in gemeentecodes:
            problems.append(
                Problem(
                    file,
                    "u kunt alleen cijfers inleveren voor de gemeenten van uw organisatie",
                    line,
                    "gemeentecode",
                    str(code),
                )
            )
        if int(start) != year_start:
            given = f"{int(start)}-{int(start) + 1}"
            problems.append(
                Problem(
                    file,
                    f"deze uitvraag gaat over schooljaar {expected}",
                    line,
                    "schooljaar",
                    given,
                )
            )
    return problems
