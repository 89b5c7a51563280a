"""Helpers for the raw-layer tests: a private copy of raw_mini and parsing one source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from etl.errors import InputError, Problem
from etl.raw.load import discover
from etl.sources import SOURCE_MODULES
from etl.sources.readers import RawFile, ReadContext
from tests.fixtures.make_raw_mini import RAW_MINI

BIG = 1 << 30


def copy_mini(target: Path) -> Path:
    """Copy tests/fixtures/raw_mini to `target/raw` (tests may then damage files freely)."""
    destination = target / "raw"
    shutil.copytree(RAW_MINI, destination)
    return destination


def files_of(raw_dir: Path, key: str) -> list[RawFile]:
    """The files `discover` assigns to one source."""
    return [file for file in discover(raw_dir) if file.source_key == key]


def parse_source(raw_dir: Path, key: str, max_bytes: int = BIG) -> dict[str, pd.DataFrame]:
    """Run one source's parser on the files of a raw dir."""
    return SOURCE_MODULES[key].parse(files_of(raw_dir, key), ReadContext(max_bytes=max_bytes))


def single_problem(excinfo: pytest.ExceptionInfo[InputError]) -> Problem:
    """The one problem an InputError carries (fails when there are several)."""
    problems = excinfo.value.problems
    assert len(problems) == 1, [p.describe() for p in problems]
    return problems[0]
