"""Errors that name the file, row, column and value, so a user can fix the input.

`InputError` is raised for one bad spot in an input file; `InputErrors` carries several. The CLI
prints them and exits non-zero; the previous warehouse is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One bad spot in an input file.

    Args:
        file: path of the file (relative to the raw dir where possible).
        message: what is wrong, in plain words.
        row: 1-based line or sheet row (header = 1); None when the whole file is wrong.
        column: column or field name; None when not about one column.
        value: the offending value as text; None when there is none.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def describe(self) -> str:
        """One line: `file, regel 12, kolom 'x', waarde '-3': message`."""
        parts = [self.file]
        if self.row is not None:
            parts.append(f"regel {self.row}")
        if self.column is not None:
            parts.append(f"kolom '{self.column}'")
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            parts.append(f"waarde '{shown}'")
        return ", ".join(parts) + f": {self.message}"


class InputError(Exception):
    """Input that Kompas cannot use; carries one or more `Problem`s."""

    def __init__(self, problems: Problem | list[Problem]):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.describe() for p in self.problems))


class BuildError(Exception):
    """The build could not complete for a reason other than one bad input spot."""
