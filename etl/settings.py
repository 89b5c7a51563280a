"""Build settings: defaults, overridable by environment variables or CLI flags."""

from __future__ import annotations

import os

#: Files larger than this are refused before parsing (bytes). `KOMPAS_MAX_FILE_BYTES`.
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024

#: Largest upload accepted in the uitvraag (bytes); an XLSX may unpack to ten times this.
#: `KOMPAS_UITVRAAG_MAX_BYTES`.
DEFAULT_UPLOAD_MAX_BYTES = 5 * 1024 * 1024

#: Address members reach Kompas at; the personal links start with it. `KOMPAS_PUBLIC_URL`.
DEFAULT_PUBLIC_URL = "http://localhost:8501"

#: Counts below this are hidden (`<5`) in marts.published_values. `KOMPAS_SUPPRESS_BELOW`.
DEFAULT_SUPPRESSION_THRESHOLD = 5

#: Youngest and oldest age (inclusive) of the verzuim denominator: inwoners 5-17 (BBV "5-18 jaar").
COMPULSORY_AGES = (5, 17)

#: Ages of the vsv context population: inwoners 12-22 (vsv'ers are 12 to 22 years old).
VSV_AGES = (12, 22)


def max_file_bytes() -> int:
    """Size limit per raw file, from `KOMPAS_MAX_FILE_BYTES` or the default."""
    raw = os.environ.get("KOMPAS_MAX_FILE_BYTES", "")
    return int(raw) if raw.isdigit() else DEFAULT_MAX_FILE_BYTES


def boundary_year_override() -> int | None:
    """Boundary year from `KOMPAS_BOUNDARY_YEAR`, or None to use the newest in the data."""
    raw = os.environ.get("KOMPAS_BOUNDARY_YEAR", "")
    return int(raw) if raw.isdigit() else None


def suppression_threshold() -> int:
    """Small-count threshold from `KOMPAS_SUPPRESS_BELOW` (at least 1), or the default.

    Read once per build: disclosure control decides what is hidden for this threshold and
    records it in meta.build; the dashboard shows that decision and never re-decides.
    """
    raw = os.environ.get("KOMPAS_SUPPRESS_BELOW", "").strip()
    return max(int(raw), 1) if raw.isdigit() else DEFAULT_SUPPRESSION_THRESHOLD


def upload_max_bytes() -> int:
    """Size limit of one uitvraag upload, from `KOMPAS_UITVRAAG_MAX_BYTES` or the default."""
    raw = os.environ.get("KOMPAS_UITVRAAG_MAX_BYTES", "").strip()
    return int(raw) if raw.isdigit() else DEFAULT_UPLOAD_MAX_BYTES


def public_url() -> str:
    """Base address of the member links, from `KOMPAS_PUBLIC_URL` or the default."""
    return os.environ.get("KOMPAS_PUBLIC_URL", "").strip() or DEFAULT_PUBLIC_URL
