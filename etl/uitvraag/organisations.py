"""The bureau's list of organisations (CSV) -> checked `Organisation`s for a new round.

Columns: `organisation_id`, `name`, `email`, `gemeentecodes` (one or more codes, separated by
spaces or commas; `GM0014`, `0014` and `14` all mean GM0014, as in the verzuim template).
Separator `;` or `,` (whichever the header uses), UTF-8 with or without BOM. Every problem is
reported at once with file, row, column and value; the round is only opened when there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.errors import InputError, Problem
from etl.sources.readers import RawFile, check_columns, decode, parse_csv, read_bytes

COLUMNS = ["organisation_id", "name", "email", "gemeentecodes"]
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_EMAIL = re.compile(r"[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+")
_CODE = re.compile(r"(?:GM)?(\d{1,4})", re.IGNORECASE)


@dataclass(frozen=True)
class Organisation:
    """One member organisation of a round.

    Args:
        organisation_id: the bureau's own short id.
        name: name as the bureau writes it.
        email: contact address for the link and reminders.
        gemeentecodes: the gemeenten it reports for, as GM#### codes.
    """

    organisation_id: str
    name: str
    email: str
    gemeentecodes: tuple[str, ...]


def gemeentecode(text: str) -> str | None:
    """`GM0014`, `gm14`, `0014` or `14` -> `GM0014`; anything else None."""
    match = _CODE.fullmatch(text.strip())
    return f"GM{int(match.group(1)):04d}" if match else None


def read_organisations(path: Path, max_bytes: int) -> list[Organisation]:
    """Read and check the organisations file.

    Raises:
        InputError: structural problems (encoding, columns, field counts) or bad values: an
            empty or malformed id, name or e-mail, a repeated id, an unreadable gemeentecode, a
            gemeente listed for two organisations.
    """
    name = path.name
    text = decode(read_bytes(RawFile(path=path, name=name), max_bytes), name, "utf-8")
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if ";" in first_line else ","
    header, rows = parse_csv(text, name, delimiter, quoted=True)
    check_columns(header, COLUMNS, name, delimiter=delimiter)
    problems: list[Problem] = []
    found: list[Organisation] = []
    ids: dict[str, int] = {}
    gemeenten: dict[str, int] = {}
    for values, line in zip(rows.rows, rows.row_numbers, strict=True):
        if not any(values):
            continue
        if len(values) != len(header):
            problems.append(
                Problem(name, f"regel heeft {len(values)} velden, verwacht {len(header)}", line)
            )
            continue
        record = {
            column: (value or "").strip() for column, value in zip(header, values, strict=True)
        }
        row_problems = _check_row(name, line, record, ids, gemeenten)
        problems += row_problems
        if not row_problems:
            codes = tuple(gemeentecode(code) or "" for code in _codes(record["gemeentecodes"]))
            found.append(
                Organisation(record["organisation_id"], record["name"], record["email"], codes)
            )
    if not problems and not found:
        problems.append(Problem(name, "bestand bevat geen organisaties", 1))
    if problems:
        raise InputError(problems)
    return found


def _codes(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,]+", text) if part]


def _check_row(
    file: str, line: int, record: dict[str, str], ids: dict[str, int], gemeenten: dict[str, int]
) -> list[Problem]:
    problems: list[Problem] = []
    organisation_id = record["organisation_id"]
    if not _ID.fullmatch(organisation_id):
        problems.append(
            Problem(
                file,
                "verwacht een id van letters, cijfers, '.', '_' of '-' (hoogstens 64 tekens)",
                line,
                "organisation_id",
                organisation_id,
            )
        )
    elif organisation_id in ids:
        problems.append(
            Problem(
                file,
                f"id komt al voor op regel {ids[organisation_id]}",
                line,
                "organisation_id",
                organisation_id,
            )
        )
    else:
        ids[organisation_id] = line
    if not record["name"]:
        problems.append(Problem(file, "naam ontbreekt", line, "name", ""))
    if not _EMAIL.fullmatch(record["email"]):
        problems.append(
            Problem(
                file,
                "verwacht een e-mailadres als naam@voorbeeld.nl",
                line,
                "email",
                record["email"],
            )
        )
    codes = _codes(record["gemeentecodes"])
    if not codes:
        problems.append(Problem(file, "geen gemeentecode opgegeven", line, "gemeentecodes", ""))
    for code in codes:
        normal = gemeentecode(code)
        if normal is None:
            problems.append(
                Problem(
                    file,
                    "verwacht een gemeentecode als GM0014, 0014 of 14",
                    line,
                    "gemeentecodes",
                    code,
                )
            )
        elif normal in gemeenten:
            problems.append(
                Problem(
                    file,
                    f"gemeente staat al bij de organisatie op regel {gemeenten[normal]}",
                    line,
                    "gemeentecodes",
                    code,
                )
            )
        else:
            gemeenten[normal] = line
    return problems
