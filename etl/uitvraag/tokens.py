"""Personal link secrets: random, shown once, stored only as their SHA-256.

A secret is `secrets.token_urlsafe(32)`: 256 random bits. Its SHA-256 is what the store keeps;
a plain (unkeyed) hash suffices because the secret is random and long, so nobody can find a
secret from its hash by trying candidates. The secret itself is written once, to the links file
the bureau sends out, and is never stored or logged.
"""

from __future__ import annotations

import hashlib
import secrets
from urllib.parse import urlencode

#: Random bytes per secret (256 bits; the issue asks for at least 128).
SECRET_BYTES = 32
#: Path of the member page the link opens.
MEMBER_PAGE = "/opgave"


def new_secret() -> str:
    """A fresh random secret, URL-safe text that does not start with `-` (so a command line
    never reads it as an option, nor a spreadsheet as a formula; costs under one bit)."""
    while True:
        secret = secrets.token_urlsafe(SECRET_BYTES)
        if not secret.startswith("-"):
            return secret


def secret_hash(secret: str) -> str:
    """Hex SHA-256 of a secret: the only form the store keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def member_url(base: str, secret: str) -> str:
    """The personal link: `<base>/opgave?token=<secret>`."""
    return base.rstrip("/") + MEMBER_PAGE + "?" + urlencode({"token": secret})
