"""Link secrets: long, random, never starting with '-', stored as their SHA-256."""

from __future__ import annotations

import hashlib

from etl.uitvraag.tokens import member_url, new_secret, secret_hash


def test_secrets_are_long_distinct_and_never_start_with_a_dash() -> None:
    drawn = [new_secret() for _ in range(2000)]
    assert len(set(drawn)) == len(drawn)
    assert all(len(s) == 43 and not s.startswith("-") for s in drawn)  # 32 bytes in base64


def test_hash_is_plain_sha256_and_url_carries_the_secret() -> None:
    assert secret_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert member_url("https://k.example.nl/", "a_b-c") == "https://k.example.nl/opgave?token=a_b-c"
