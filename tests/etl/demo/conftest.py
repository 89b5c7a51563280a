"""Demo raw dirs written once per test session (fictional country and real structure)."""

from __future__ import annotations

import pytest

from etl.demo.generator import DemoSummary, write_demo
from etl.raw.load import RawLoad, load_raw
from tests.conftest_helpers import require_shared_raw
from tests.etl.demo.readback import MAX_BYTES


@pytest.fixture(scope="session")
def fictional(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    return write_demo(tmp_path_factory.mktemp("demo") / "fictief")


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> DemoSummary:
    shared = require_shared_raw()
    return write_demo(tmp_path_factory.mktemp("demo") / "echt", structure_from=shared)


@pytest.fixture(scope="session")
def fictional_load(fictional: DemoSummary) -> RawLoad:
    return load_raw(fictional.raw_dir, MAX_BYTES)


@pytest.fixture(scope="session")
def real_load(real: DemoSummary) -> RawLoad:
    return load_raw(real.raw_dir, MAX_BYTES)
