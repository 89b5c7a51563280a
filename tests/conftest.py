"""Session fixtures: a demo raw dir and a fixture warehouse built by the real pipeline.

The warehouse is built once per session from the fictional-country demo (fixed seed) and
`KOMPAS_DB` points at it for every test, so AppTests and query tests read a real DuckDB file
made by `etl.pipeline.build`, never a hand-made one.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.etl.uitvraag.conftest import BureauRound
    from tests.etl.uitvraag.inzet_round import InzetRound

FIXTURE_SEED = 7

logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def demo_raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fictional-country demo raw dir (read-only by convention: copy before changing)."""
    from etl.demo.generator import write_demo

    raw_dir = tmp_path_factory.mktemp("demo-raw")
    write_demo(raw_dir, seed=FIXTURE_SEED)
    return raw_dir


@pytest.fixture(scope="session", autouse=True)
def fixture_warehouse(
    tmp_path_factory: pytest.TempPathFactory, demo_raw_dir: Path
) -> Iterator[Path]:
    """Warehouse built by the real pipeline from the demo raw dir; KOMPAS_DB points at it."""
    from etl.pipeline import build

    db = tmp_path_factory.mktemp("warehouse") / "kompas.duckdb"
    build(demo_raw_dir, db)
    previous = os.environ.get("KOMPAS_DB")
    os.environ["KOMPAS_DB"] = str(db)
    yield db
    if previous is None:
        os.environ.pop("KOMPAS_DB", None)
    else:
        os.environ["KOMPAS_DB"] = previous


@pytest.fixture(scope="session")
def real_structure_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo on the real indeling (342 gemeenten), written and built as a user would:
    `python -m etl demo --structure-from REFERENCE_DIR` (default seed) then `python -m etl build`.
    Shared by the tests that need the real structure (one build per worker, not per test)."""
    from tests.conftest_helpers import require_shared_raw, run_etl

    shared = require_shared_raw()
    root = tmp_path_factory.mktemp("real-structure")
    raw, db = root / "raw", root / "kompas.duckdb"
    made = run_etl("demo", "--raw-dir", str(raw), "--structure-from", str(shared))
    assert made.returncode == 0, made.stderr
    built = run_etl("build", "--raw-dir", str(raw), "--db", str(db))
    assert built.returncode == 0, built.stderr
    return db


@pytest.fixture(scope="session")
def nonresponse_raw(demo_raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo raw dir without the 2022-2023 rows of GM9101 and GM9102 (RMC-regio MC51), the
    2021-2022 rows of the six gemeenten of MC55 (tests/etl/marts/test_nonresponse.py) and the
    newest school year's (2024-2025) row of GM9304 (RMC-regio MC54), so the pages that show
    only the newest year (Overzicht, the embed views) have an estimate and a gemeente without
    opgave too."""
    import openpyxl

    from tests.conftest_helpers import duo_regions

    raw = tmp_path_factory.mktemp("nonresponse") / "raw"
    shutil.copytree(demo_raw_dir, raw)
    path = raw / "verzuim" / "kompas_verzuim_2016-2017_tm_2022-2023.csv"
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    regions = duo_regions(demo_raw_dir)
    mc55 = set(regions[regions["rmc_code"] == "MC55"]["gemeente"])
    assert len(mc55) == 6
    kept = [
        line
        for line in lines
        if not (line.split(";")[0] in {"GM9101", "GM9102"} and ";2022-2023;" in line)
        and not (line.split(";")[0] in mc55 and ";2021-2022;" in line)
    ]
    assert len(lines) - len(kept) == 8
    path.write_text("\ufeff" + "\n".join(kept) + "\n", encoding="utf-8")
    path.with_name(path.name + ".origin.json").unlink()
    newest = raw / "verzuim" / "kompas_verzuim_2023-2024_tm_2024-2025.xlsx"
    book = openpyxl.load_workbook(newest)
    sheet = book.worksheets[0]
    (row,) = [
        cells[0].row
        for cells in sheet.iter_rows(min_row=2)
        if (cells[0].value, cells[2].value) == ("9304", "2024-2025")
    ]
    sheet.delete_rows(row)
    book.save(newest)
    newest.with_name(newest.name + ".origin.json").unlink()
    return raw


@pytest.fixture(scope="session")
def nonresponse_warehouse(nonresponse_raw: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by the real pipeline from `nonresponse_raw`."""
    from etl.pipeline import build

    db = tmp_path_factory.mktemp("nonresponse-db") / "kompas.duckdb"
    build(nonresponse_raw, db)
    return db


@pytest.fixture
def raw_copy(demo_raw_dir: Path, tmp_path: Path) -> Path:
    """A private copy of the demo raw dir that a test may damage."""
    target = tmp_path / "raw"
    shutil.copytree(demo_raw_dir, target)
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites tests/fixtures/expected/* from the current build."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files instead of comparing against them",
    )


@pytest.fixture(scope="session")
def bureau_round(tmp_path_factory: pytest.TempPathFactory, fixture_warehouse: Path) -> BureauRound:
    """A round in every state of the bureau's view, built once through the real CLI
    (`tests.etl.uitvraag.conftest.make_bureau_round`); copy its store before changing it."""
    from tests.etl.uitvraag.conftest import make_bureau_round

    return make_bureau_round(tmp_path_factory.mktemp("bureau-round"), fixture_warehouse)


@pytest.fixture(scope="session")
def inzet_round(tmp_path_factory: pytest.TempPathFactory) -> InzetRound:
    """A round with inzet figures, built once in-process (`tests.etl.uitvraag.inzet_round`);
    copy its store before changing it."""
    from tests.etl.uitvraag.inzet_round import make_inzet_round

    return make_inzet_round(tmp_path_factory.mktemp("inzet-round"))
