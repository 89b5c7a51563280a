"""Build settings: defaults, overridable by environment variables or CLI flags."""

from __future__ import annotations

import os

#: Files larger than this are refused before parsing (bytes). `KOMPAS_MAX_FILE_BYTES`.
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024

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
