"""Convention tests: the project's layer and import boundaries hold in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import duckdb
import yaml

from etl.paths import REPO_ROOT

ETL = REPO_ROOT / "etl"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_pages_import_only_streamlit_dashboard_and_the_workshop() -> None:
    pages = sorted((REPO_ROOT / "app_pages").glob("*.py"))
    assert pages, "no pages found"
    for page in pages:
        for name in _imports(page):
            root = name.split(".")[0]
            assert root in {"streamlit", "dashboard", "workshop", "__future__"}, (
                f"{page.name} imports {name}"
            )


def _etl_imports(path: Path) -> set[str]:
    """What a file takes from the ETL: `import etl.x` and `from etl.x import y` give `etl.x`,
    except `from <package> import <module>`, which gives `<package>.<module>`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            is_package = node.module in {"etl", "etl.uitvraag"}
            found |= (
                {f"{node.module}.{a.name}" for a in node.names} if is_package else {node.module}
            )
    return {name for name in found if name.split(".")[0] == "etl"}


#: The dashboard files that may open the uitvraag store, each through its one door.
UITVRAAG_DOORS = {
    # the bureau's page, which must close a round through the very function behind
    # `etl uitvraag close`
    "bureau_view.py": {"etl.uitvraag.bureau"},
    # the inzet figures (bureau and members only), which never enter the warehouse
    "inzet_view.py": {"etl.uitvraag.inzet"},
    # the member page, which must open links and check uploads through the very functions
    # behind `etl uitvraag submit`
    "opgave_view.py": {"etl.uitvraag.member"},
}


def test_dashboard_imports_nothing_from_etl_but_paths() -> None:
    """The warehouse is read only through dashboard/sql; from the ETL the dashboard takes its
    paths and, in the files of `UITVRAAG_DOORS` only, one door each into the uitvraag store."""
    for path in (REPO_ROOT / "dashboard").rglob("*.py"):
        allowed = {"etl.paths"} | UITVRAAG_DOORS.get(path.name, set())
        assert _etl_imports(path) <= allowed, f"{path.name} imports {_etl_imports(path)}"


def test_paths_module_imports_nothing_from_the_project() -> None:
    assert not {n for n in _imports(ETL / "paths.py") if n.split(".")[0] in {"etl", "dashboard"}}


def _tables_read(sql: str) -> set[str]:
    return set(re.findall(r"\b(?:from|join)\s+([a-z_]+\.[a-z_]+(?:\.[a-z_]+)?)", sql, re.I))


def test_each_layer_reads_only_the_layer_before_it() -> None:
    allowed = {
        "staged": {"raw"},
        "harmonised": {"staged", "harmonised"},
        "marts": {"harmonised", "marts"},
    }
    for layer, sources in allowed.items():
        for path in (ETL / layer).glob("*.sql"):
            for table in _tables_read(path.read_text(encoding="utf-8")):
                assert table.split(".")[0] in sources, f"{layer}/{path.name} reads {table}"


def test_staged_sql_reads_only_its_own_source() -> None:
    for path in (ETL / "staged").glob("*.sql"):
        source = path.stem.split("__")[0]
        for table in _tables_read(path.read_text(encoding="utf-8")):
            assert table.startswith(f"raw.{source}__"), f"{path.name} reads {table}"


def test_dashboard_queries_read_counts_only_through_the_suppression_view() -> None:
    for path in (REPO_ROOT / "dashboard" / "sql").glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "_safe_views":
            continue
        assert "indicator_values" not in text.replace("safe.indicator_values", ""), path.name
        assert "published_values" not in text, path.name
        for table in _tables_read(text):
            assert table.split(".")[0] in {"safe", "db"}, f"{path.name} reads {table}"


def test_every_sql_file_starts_with_a_header_comment() -> None:
    for folder in ("staged", "harmonised", "marts", "checks"):
        for path in (ETL / folder).glob("*.sql"):
            assert path.read_text(encoding="utf-8").startswith("--"), path
    for path in (REPO_ROOT / "dashboard" / "sql").glob("*.sql"):
        assert path.read_text(encoding="utf-8").startswith("--"), path


def test_contract_matches_the_warehouse_exactly(fixture_warehouse: Path) -> None:
    contract = yaml.safe_load((ETL / "marts" / "_marts.yml").read_text(encoding="utf-8"))
    con = duckdb.connect(str(fixture_warehouse), read_only=True)
    actual: dict[str, list[str]] = {}
    for schema, table, column in con.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_schema in ('marts', 'meta') order by ordinal_position"
    ).fetchall():
        actual.setdefault(f"{schema}.{table}", []).append(column)
    con.close()
    assert set(actual) == set(contract)
    for table, spec in contract.items():
        assert actual[table] == list(spec["columns"]), table
