"""The bureau's view of a round: the password of the `/bureau` page, the response per
organisation (also as the CSV of `python -m etl uitvraag status`, with the same states) and per
RMC-regio, the open plausibility questions, and closing the round.

This module is the one door through which the bureau's page reaches the uitvraag store (it
imports `dashboard.bureau_view`, which imports only this module from `etl`; the member page has
its own door, `member`): reading goes through
the SQL files next to it, closing through `rounds.close`, the very function behind
`python -m etl uitvraag close`, and the slowdown of wrong passwords through `throttle`, the same
per-client counter the members' links use.

The password is never stored: `.streamlit/secrets.toml` holds `[bureau] password_hash`, a salted
scrypt hash made by `python -m etl uitvraag bureau-hash` (format `scrypt$n$r$p$salt$key`, salt and
key URL-safe base64). The page compares in constant time (`hmac.compare_digest`).

States of an organisation (`response`), from what the store records of its accepted submission
in force (the last accepted upload; a refused upload changes nothing):
- `nog niet`: no accepted submission;
- `open vragen`: accepted, with plausibility questions the member has not confirmed yet (a
  question is open until its figure has a row in `flag_confirmations`);
- `gecontroleerd`: accepted, compared with last year's figures in the warehouse (at least one
  of its gemeenten had one), and every question it raised confirmed with an explanation (or
  none raised);
- `ingediend`: accepted but never compared with last year (no warehouse when it came in, or
  none of its gemeenten had a figure last year), so the absence of questions says nothing.
"""

from __future__ import annotations

import base64
import binascii
import csv
import hashlib
import hmac
import io
import secrets
import sqlite3
from pathlib import Path

import pandas as pd

from etl.errors import BuildError
from etl.uitvraag import throttle
from etl.uitvraag.rounds import Round, close, current_round
from etl.uitvraag.store import connect

__all__ = [
    "BuildError",
    "NOT_YET",
    "OPEN_QUESTIONS",
    "CHECKED",
    "SUBMITTED",
    "STATES",
    "MalformedHash",
    "check_hash",
    "Round",
    "close",
    "connect",
    "current_round",
    "hash_password",
    "new_password",
    "open_flags",
    "record_failure",
    "response",
    "response_rates",
    "status_csv",
    "verify_password",
    "wait_for_turn",
]

NOT_YET, SUBMITTED, OPEN_QUESTIONS, CHECKED = (
    "nog niet",
    "ingediend",
    "open vragen",
    "gecontroleerd",
)
#: The states in the order the page lists them.
STATES = (NOT_YET, OPEN_QUESTIONS, SUBMITTED, CHECKED)
#: Columns of `python -m etl uitvraag status` (`status_csv`).
STATUS_COLUMNS = [
    "organisation_id",
    "organisatie",
    "email",
    "gemeenten",
    "status",
    "laatste_opgave",
    "open_vragen",
]
# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Cost of the password hash: 16 MiB of memory per try (RFC 7914's interactive setting).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_SALT_BYTES, _KEY_BYTES = 16, 32
# Bounds on the parameters a configured hash may ask for (a typo must not eat the server).
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
#: Client names of the bureau page in the store's failure counter (kept apart from the links').
CLIENT_PREFIX = "bureau:"
NATIONAL = "Nederland"
UNKNOWN_REGION = "onbekend (niet in de indeling van het magazijn)"
_SQL = Path(__file__).parent


class MalformedHash(ValueError):
    """The configured password hash is not one `hash_password` makes (message in Dutch)."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"bureau.password_hash is geen geldige wachtwoordhash ({reason}); verwacht "
            "scrypt$n$r$p$zout$sleutel, zoals `python -m etl uitvraag bureau-hash` die maakt"
        )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str, what: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise MalformedHash(f"{what} is geen base64") from error


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    # maxmem: twice what the parameters need (128 * r * n bytes), which the bounds limit
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length, maxmem=256 * r * n
    )


def new_password() -> str:
    """A random password for the bureau: 128 random bits as URL-safe text."""
    return secrets.token_urlsafe(16)


def hash_password(password: str) -> str:
    """The salted scrypt hash of `password` as `scrypt$n$r$p$salt$key` (random salt)."""
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, _KEY_BYTES)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def _parse(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise MalformedHash("niet zes delen gescheiden door $, beginnend met scrypt")
    try:
        n, r, p = (int(part) for part in parts[1:4])
    except ValueError as error:
        raise MalformedHash("n, r en p zijn geen gehele getallen") from error
    if not (1 < n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise MalformedHash(f"n={n}, r={r}, p={p} buiten de toegestane waarden")
    salt, key = _unb64(parts[4], "het zout"), _unb64(parts[5], "de sleutel")
    if len(salt) < 8 or len(key) < 16:
        raise MalformedHash("zout of sleutel te kort")
    return n, r, p, salt, key


def check_hash(stored: str) -> None:
    """Raise `MalformedHash` when `stored` is not a usable hash (checked before any password)."""
    _parse(stored)


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the hash (constant-time comparison).

    Raises:
        MalformedHash: `stored` is not a hash `hash_password` makes.
    """
    n, r, p, salt, key = _parse(stored)
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, len(key)), key)


def wait_for_turn(con: sqlite3.Connection, client: str) -> None:
    """Sleep as long as the client's recent wrong passwords ask for (see `throttle`)."""
    throttle.wait_for_turn(con, CLIENT_PREFIX + client)


def record_failure(con: sqlite3.Connection, client: str) -> None:
    """Count one more wrong password for `client`."""
    throttle.record_failure(con, CLIENT_PREFIX + client)


def _query(con: sqlite3.Connection, name: str, round_id: int) -> pd.DataFrame:
    cursor = con.execute((_SQL / f"{name}.sql").read_text(encoding="utf-8"), {"round_id": round_id})
    columns = [column[0] for column in cursor.description]
    return pd.DataFrame(cursor.fetchall(), columns=columns)


def response(con: sqlite3.Connection, round_id: int) -> pd.DataFrame:
    """Per organisation of the round its gemeenten, submission in force and state
    (`bureau_response.sql`; states in this module's docstring)."""
    return _query(con, "bureau_response", round_id)


def status_csv(con: sqlite3.Connection) -> str:
    """The response table of the current round as CSV text (`python -m etl uitvraag status`;
    columns `STATUS_COLUMNS`): per organisation of `response` its gemeenten, state, the time of
    its accepted submission in force and its open questions. Cells a spreadsheet would run as a
    formula get a leading apostrophe.

    Raises:
        BuildError: the store holds no round.
    """
    found = current_round(con)
    if found is None:
        raise BuildError("er is nog geen uitvraag geopend")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(STATUS_COLUMNS)
    for org in response(con, found.round_id).to_dict("records"):
        cells = [
            org["organisation_id"],
            org["name"],
            org["email"],
            org["gemeenten"],
            org["state"],
            org["received_at"],
            int(org["open_questions"]),
        ]
        writer.writerow([_as_text_cell("" if pd.isna(cell) else str(cell)) for cell in cells])
    return buffer.getvalue()


def _as_text_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading `'` before `=`, `+`, `-`, `@`."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def open_flags(con: sqlite3.Connection, round_id: int) -> pd.DataFrame:
    """The plausibility questions on submissions in force that are not confirmed yet
    (`bureau_open_flags.sql`)."""
    return _query(con, "bureau_open_flags", round_id)


def response_rates(organisations: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Response per RMC-regio and for Nederland, by gemeenten and by organisations.

    Args:
        organisations: `response` (organisation_id, gemeenten as space-separated codes, state).
        regions: the warehouse's gemeenten (region_code, rmc_code, rmc_name).

    Returns:
        One row per RMC-regio with gemeenten in the round (by name; gemeenten the warehouse does
        not know under `UNKNOWN_REGION`), then `NATIONAL`: regio, gemeenten (in the round),
        gemeenten_ingediend (covered by an accepted submission in force), gemeenten_pct,
        organisaties (with a gemeente in the regio), organisaties_ingediend, organisaties_pct.
        Percentages are 0-100, None when there is nothing to divide by.
    """
    rows = [
        (org["organisation_id"], code, org["state"] != NOT_YET)
        for org in organisations.to_dict("records")
        for code in str(org["gemeenten"] or "").split()
    ]
    members = pd.DataFrame(rows, columns=["organisation_id", "region_code", "submitted"])
    names = regions.set_index("region_code")["rmc_name"].to_dict()
    members["regio"] = [names.get(code) or UNKNOWN_REGION for code in members["region_code"]]
    summary = []
    groups = sorted(members.groupby("regio"), key=lambda item: (item[0] == UNKNOWN_REGION, item[0]))
    for regio, group in [*groups, (NATIONAL, members)]:
        per_org = group.groupby("organisation_id")["submitted"].any()
        summary.append(
            {
                "regio": regio,
                "gemeenten": len(group),
                "gemeenten_ingediend": int(group["submitted"].sum()),
                "organisaties": len(per_org),
                "organisaties_ingediend": int(per_org.sum()),
            }
        )
    out = pd.DataFrame(
        summary,
        columns=[
            "regio",
            "gemeenten",
            "gemeenten_ingediend",
            "organisaties",
            "organisaties_ingediend",
        ],
    )
    for what in ("gemeenten", "organisaties"):
        total = out[what].astype(float)
        share = out[f"{what}_ingediend"] / total.where(total > 0) * 100
        out.insert(out.columns.get_loc(f"{what}_ingediend") + 1, f"{what}_pct", share)
    return out
