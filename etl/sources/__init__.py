"""Registry of the publisher sources: key -> `Source` (origin metadata) and its module.

Each module in this package declares `SOURCE`, `FILE_PATTERNS` (role -> globs relative to the raw
dir), `REQUIRED_ROLES` (acceptable combinations of roles) and `parse(files, ctx)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd

from etl.sources import cbs_bevolking, cbs_grenzen, cbs_kerncijfers, cbs_vsv, duo, rvig, verzuim
from etl.sources.base import Source
from etl.sources.readers import RawFile, ReadContext


class SourceModule(Protocol):
    """What every source module offers."""

    SOURCE: Source
    FILE_PATTERNS: dict[str, tuple[str, ...]]
    REQUIRED_ROLES: tuple[frozenset[str], ...]

    def parse(self, files: Sequence[RawFile], ctx: ReadContext) -> dict[str, pd.DataFrame]:
        """Parse the source's files into raw tables (name without the source prefix)."""
        ...


SOURCE_MODULES: dict[str, SourceModule] = {
    module.SOURCE.key: module
    for module in (duo, cbs_grenzen, rvig, cbs_bevolking, cbs_vsv, cbs_kerncijfers, verzuim)
}
SOURCES: dict[str, Source] = {key: module.SOURCE for key, module in SOURCE_MODULES.items()}
