"""Safe reading of raw files: bytes -> checked text -> rows of strings -> text DataFrames.

Every structural problem (too large, empty, wrong encoding, an XLSX renamed to `.csv`, a field
count that does not match the header, a missing or extra column, JSON that does not parse, an
XLSX that is damaged) raises `etl.errors.InputError` naming the file, the line, the column and the
value, so a user can find and fix the spot. Values are never trimmed or converted: the raw layer
keeps them exactly as published.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from etl.errors import InputError, Problem

SOURCE_FILE = "_source_file"
ROW_NUMBER = "_row_number"

# An .xlsx file is a zip archive; a zip archive starts with these bytes.
_ZIP_MAGIC = b"PK\x03\x04"
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ENCODING_NAMES = {
    "cp1252": "Windows-1252",
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
}
# Guard against zip bombs: an XLSX may unpack to at most this many times the size limit.
_XLSX_EXPANSION = 10

Progress = Callable[[str], None]
# Dutch wording of the json module's most common messages.
_JSON_MESSAGES = {
    "Expecting value": "waarde verwacht",
    "Unterminated string starting at": "tekst tussen aanhalingstekens niet afgesloten",
    "Expecting ',' delimiter": "',' verwacht",
    "Expecting ':' delimiter": "':' verwacht",
    "Expecting property name enclosed in double quotes": "naam tussen dubbele aanhalingstekens "
    "verwacht",
    "Extra data": "extra tekst na het einde van het document",
    "Invalid control character at": "ongeldig stuurteken",
}


@dataclass(frozen=True)
class RawFile:
    """One file found in the raw dir.

    Args:
        path: absolute path.
        name: path relative to the raw dir, posix style (what error messages show).
        source_key: key of the source it belongs to; None when it is ignored.
        role: what the file is for its source (e.g. 'odata_page'); None when ignored.
        note: why the file is ignored (Dutch), None otherwise.
    """

    path: Path
    name: str
    source_key: str | None = None
    role: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReadContext:
    """Settings every parser needs.

    Args:
        max_bytes: largest file accepted, in bytes.
        progress: optional callback receiving short Dutch progress lines.
    """

    max_bytes: int
    progress: Progress | None = None

    def report(self, message: str) -> None:
        """Pass a progress line to the callback, if any."""
        if self.progress is not None:
            self.progress(message)


@dataclass(frozen=True)
class Rows:
    """Parsed tabular content of one file, all values text.

    Args:
        file: file name as shown to users.
        header: column names as published.
        rows: data rows; each has exactly `len(header)` values (None = empty XLSX cell).
        row_numbers: 1-based line or sheet row of each data row (header = 1).
    """

    file: str
    header: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]


def fail(
    file: str,
    message: str,
    row: int | None = None,
    column: str | None = None,
    value: str | None = None,
) -> InputError:
    """Build the InputError for one bad spot (callers `raise fail(...)`)."""
    return InputError(Problem(file=file, message=message, row=row, column=column, value=value))


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_bytes(file: RawFile, max_bytes: int) -> bytes:
    """Read a whole file after checking its size; refuse empty files.

    Raises:
        InputError: the file is larger than `max_bytes` or has 0 bytes.
    """
    size = file.path.stat().st_size
    if size > max_bytes:
        raise fail(
            file.name,
            f"bestand is te groot: {size} bytes, de grens is {max_bytes} bytes "
            "(stel een hogere grens in als het bestand klopt)",
            value=str(size),
        )
    if size == 0:
        raise fail(file.name, "bestand is leeg (0 bytes)")
    return file.path.read_bytes()


def _line_of(data: bytes, offset: int, newline: bytes = b"\n") -> int:
    return data.count(newline, 0, offset) + 1


def decode(data: bytes, file: str, encoding: str, delimiter: str | None = None) -> str:
    """Decode bytes strictly in the expected encoding.

    Args:
        data: the file's bytes.
        file: file name for messages.
        encoding: 'cp1252', 'utf-8' (a BOM is allowed and removed) or 'utf-16' (BOM required).
        delimiter: field separator; used to name the column of a bad byte.

    Raises:
        InputError: an XLSX file, a different encoding (BOM or NUL bytes), or an invalid byte,
            named by line, column and byte value.
    """
    expected = _ENCODING_NAMES[encoding]
    if data.startswith(_ZIP_MAGIC):
        raise fail(
            file,
            "dit is een Excel-bestand (xlsx) met de extensie .csv; sla het op als CSV of geef "
            "het de extensie .xlsx",
        )
    if encoding == "utf-16":
        if not data.startswith(_UTF16_BOMS):
            raise fail(file, f"bestand is niet in {expected} opgeslagen (geen UTF-16-BOM)")
        if len(data) % 2:
            raise fail(file, "bestand is afgebroken: oneven aantal bytes voor UTF-16")
        return _decode_strict(data, file, "utf-16", expected, delimiter, newline=b"\n\x00")
    if data.startswith(_UTF16_BOMS):
        raise fail(file, f"bestand is in UTF-16 opgeslagen; verwacht {expected}")
    if encoding == "cp1252" and data.startswith(_UTF8_BOM):
        raise fail(file, f"bestand is in UTF-8 opgeslagen; verwacht {expected}")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise fail(
            file,
            f"bestand bevat NUL-bytes (0x00): het is waarschijnlijk UTF-16 of geen tekst; "
            f"verwacht {expected}",
            row=_line_of(data, nul),
        )
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    return _decode_strict(data, file, codec, expected, delimiter, newline=b"\n")


def _decode_strict(
    data: bytes, file: str, codec: str, expected: str, delimiter: str | None, newline: bytes
) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        start = error.start
        line = _line_of(data, start, newline)
        line_start = data.rfind(newline, 0, start)
        line_start = 0 if line_start < 0 else line_start + len(newline)
        line_end = data.find(newline, start)
        line_end = len(data) if line_end < 0 else line_end
        line_bytes = data[line_start:line_end]
        before = data[line_start:start].decode(codec, errors="replace")
        text = line_bytes.decode(codec, errors="replace")
        column = None
        value = text
        if delimiter is not None:
            index = before.count(delimiter)
            fields = text.split(delimiter)
            value = fields[index] if index < len(fields) else text
            header_end = data.find(newline)
            header = data[: header_end if header_end >= 0 else len(data)]
            names = header.decode(codec, errors="replace").lstrip("\ufeff").split(delimiter)
            if line > 1 and index < len(names):
                column = names[index].strip('"\r')
        bad = data[start : min(error.end, start + 4)].hex(" ").upper()
        hint = " Sla het bestand op als 'CSV UTF-8'." if expected == "UTF-8" else ""
        raise fail(
            file,
            f"ongeldige byte 0x{bad} voor de tekenset {expected}: het bestand is in een andere "
            f"tekenset opgeslagen.{hint}",
            row=line,
            column=column,
            value=value.rstrip("\r"),
        ) from error


def parse_csv(text: str, file: str, delimiter: str, quoted: bool) -> tuple[list[str], Rows]:
    """Split CSV text into header and rows; every row must have as many fields as the header.

    Args:
        text: decoded text.
        file: file name for messages.
        delimiter: field separator.
        quoted: True when fields may be double-quoted (quotes may hold newlines); False for
            files without quoting, where a `"` is an ordinary character.

    Returns:
        The header and the rows (fields exactly as published, no trimming).

    Raises:
        InputError: only a header or nothing at all, a quote left open at the end (a cut-off
            file), or a row whose field count differs from the header's.
    """
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=delimiter,
        quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
        strict=quoted,
    )
    records: list[list[str]] = []
    starts: list[int] = []
    previous_end = 0
    try:
        for record in reader:
            records.append(record)
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error as error:
        raise fail(
            file,
            f"bestand is afgebroken of beschadigd: aanhalingsteken niet afgesloten ({error})",
            row=previous_end + 1,
        ) from error
    if not records or not any(records[0]):
        raise fail(file, "bestand bevat geen kopregel", row=1)
    header = records[0]
    body: list[list[str | None]] = [list(record) for record in records[1:]]
    return header, Rows(file=file, header=header, rows=body, row_numbers=starts[1:])


def check_field_counts(rows: Rows, extra_allowed: int = 0) -> None:
    """Check each row has `len(header)` (+ `extra_allowed`) fields.

    Raises:
        InputError: naming the first row with a different field count.
    """
    width = len(rows.header)
    for values, line in zip(rows.rows, rows.row_numbers, strict=True):
        if len(values) != width + extra_allowed:
            described = ";".join(v or "" for v in values)
            raise fail(
                rows.file,
                f"regel heeft {len(values)} velden, verwacht {width + extra_allowed} "
                "(afgebroken regel of verkeerd scheidingsteken)",
                row=line,
                value=described,
            )


def check_columns(
    header: Sequence[str],
    expected: Sequence[str],
    file: str,
    optional: Iterable[str] = (),
    delimiter: str | None = None,
) -> None:
    """Check a header holds exactly the expected columns (in any order).

    Args:
        header: columns found.
        expected: columns that must be present.
        file: file name for messages.
        optional: columns that may be present as well.
        delimiter: separator the file should use; used to hint at a wrong separator.

    Raises:
        InputError: a duplicate, missing or unexpected column (all listed, one problem each).
    """
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, "kolom komt twee keer voor", 1, name, name))
        seen.add(name)
    allowed = set(expected) | set(optional)
    for name in expected:
        if name not in seen:
            problems.append(Problem(file, "verplichte kolom ontbreekt", 1, name))
    for name in header:
        if name not in allowed:
            message = "onverwachte kolom (niet in het beschreven formaat)"
            if delimiter is not None and len(header) == 1 and delimiter not in name:
                message += f"; gebruikt het bestand wel '{delimiter}' als scheidingsteken?"
            problems.append(Problem(file, message, 1, name, name))
    if problems:
        raise InputError(problems)


def require_rows(rows: Rows) -> None:
    """Refuse a file with a header but no data rows."""
    if not rows.rows:
        raise fail(rows.file, "bestand bevat alleen een kopregel en geen gegevens", row=1)


def to_frame(rows: Rows, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Turn rows into a text DataFrame with `_source_file` and `_row_number`.

    Args:
        rows: checked rows (field counts equal to the header).
        columns: columns to keep, in this order; default all, in file order.
    """
    frame = pd.DataFrame(rows.rows, columns=rows.header, dtype=object)
    keep = list(columns) if columns is not None else list(rows.header)
    return finish_frame(frame.reindex(columns=keep), rows.file, rows.row_numbers)


def finish_frame(frame: pd.DataFrame, file: str, row_numbers: Sequence[int]) -> pd.DataFrame:
    """Make every column pandas text (`str`; a missing value is NA, NULL in DuckDB) and add the
    provenance columns `_source_file` and `_row_number`."""
    frame = frame.astype("str") if len(frame.columns) else frame
    frame[SOURCE_FILE] = pd.Series([file] * len(frame), dtype="str", index=frame.index)
    frame[ROW_NUMBER] = pd.Series(list(row_numbers), dtype="int64", index=frame.index)
    return frame.reset_index(drop=True)


def empty_frame(columns: Sequence[str]) -> pd.DataFrame:
    """An empty text DataFrame with the given columns and the provenance columns."""
    frame = pd.DataFrame({name: pd.Series([], dtype="str") for name in columns})
    return finish_frame(frame, "", [])


def concat_frames(frames: Sequence[pd.DataFrame], columns: Sequence[str]) -> pd.DataFrame:
    """Stack frames of the same layout; an empty list gives an empty frame."""
    if not frames:
        return empty_frame(columns)
    return pd.concat(list(frames), ignore_index=True)


def parse_json(data: bytes, file: str, *, numbers_as_text: bool) -> Any:
    """Parse UTF-8 JSON; on failure name line, position and the text around the error.

    Args:
        data: the file's bytes.
        file: file name for messages.
        numbers_as_text: keep numbers as their published text ('2.20' stays '2.20').
    """
    text = decode(data, file, "utf-8")
    try:
        if numbers_as_text:
            return json.loads(text, parse_int=str, parse_float=str, parse_constant=str)
        return json.loads(text)
    except json.JSONDecodeError as error:
        snippet = text[max(0, error.pos - 20) : error.pos + 20].replace("\n", " ")
        at_end = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated")
        what = "bestand is afgebroken (JSON houdt halverwege op)" if at_end else "geen geldige JSON"
        reason = _JSON_MESSAGES.get(error.msg, error.msg)
        raise fail(
            file,
            f"{what}: {reason} (positie {error.colno} van de regel)",
            row=error.lineno,
            value=snippet,
        ) from error


def read_xlsx_sheet(file: RawFile, sheet: str, max_bytes: int) -> Rows:
    """Read one sheet of an .xlsx file into rows of text.

    Empty trailing header cells and fully empty rows are skipped (Excel leaves them behind).
    Numbers become their plain text (`12`, `1.5`), dates ISO text; empty cells become None;
    a formula stays its text (`=A1+1`).

    Raises:
        InputError: not an xlsx (or cut off/damaged), the sheet is missing, the file unpacks to
            more than the size limit allows, or a value sits outside the header's columns.
    """
    data = read_bytes(file, max_bytes)
    if not data.startswith(_ZIP_MAGIC):
        raise fail(file.name, "dit is geen geldig Excel-bestand (xlsx)")
    # Imported here: openpyxl is slow to import and only needed for xlsx input.
    import openpyxl

    try:
        # Sizes first, from the archive's directory: nothing is unpacked before they pass.
        # A member that lies about its size is cut off at the stated size by zipfile and then
        # fails its CRC check in testzip.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > _XLSX_EXPANSION * max_bytes:
                raise fail(
                    file.name,
                    f"Excel-bestand is uitgepakt te groot ({unpacked} bytes, grens "
                    f"{_XLSX_EXPANSION * max_bytes})",
                    value=str(unpacked),
                )
            broken = archive.testzip()
        if broken is not None:
            raise zipfile.BadZipFile(broken)
        # data_only=False: a formula cell arrives as its text ('=A1+1'), never as a value that
        # a spreadsheet computed; validation then refuses it like any other non-number.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, EOFError, KeyError, OSError, ValueError) as error:
        raise fail(
            file.name,
            f"Excel-bestand is afgebroken of beschadigd en kan niet worden gelezen"
            f" ({type(error).__name__})",
        ) from error
    try:
        if sheet not in book.sheetnames:
            raise fail(
                file.name,
                f"werkblad '{sheet}' niet gevonden (gevonden: {', '.join(book.sheetnames)})",
                value=", ".join(book.sheetnames),
            )
        raw_rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    return _sheet_rows(file.name, raw_rows)


def _sheet_rows(file: str, raw_rows: list[tuple[Any, ...]]) -> Rows:
    if not raw_rows or all(cell is None for cell in raw_rows[0]):
        raise fail(file, "werkblad is leeg: rij 1 moet de kolomnamen bevatten", row=1)
    header_cells = list(raw_rows[0])
    while header_cells and header_cells[-1] is None:
        header_cells.pop()
    header = [cell_text(cell) or "" for cell in header_cells]
    width = len(header)
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    for index, raw in enumerate(raw_rows[1:], start=2):
        values = [cell_text(cell) for cell in raw]
        if all(v is None or v == "" for v in values):
            continue
        for position in range(width, len(values)):
            if values[position] not in (None, ""):
                raise fail(
                    file,
                    "waarde buiten de kolommen van de kopregel (onverwachte kolom)",
                    row=index,
                    column=_column_letter(position),
                    value=values[position],
                )
        values = values[:width] + [None] * (width - len(values))
        rows.append(values)
        numbers.append(index)
    return Rows(file=file, header=header, rows=rows, row_numbers=numbers)


def _column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_text(value: Any) -> str | None:
    """Text of one XLSX cell value: None stays None; whole floats lose their '.0'."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def json_value_text(value: Any) -> str | None:
    """Text of one JSON value read with numbers as text: objects and lists become JSON."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)
