"""Dashboard settings read from the environment once, with safe defaults."""

from __future__ import annotations

import os

DEFAULT_SUPPRESSION_THRESHOLD = 5


def suppression_threshold() -> int:
    """Counts below this show as `<N`, without value or interval (`KOMPAS_SUPPRESS_BELOW`)."""
    raw = os.environ.get("KOMPAS_SUPPRESS_BELOW", "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_SUPPRESSION_THRESHOLD
    return max(value, 1)
