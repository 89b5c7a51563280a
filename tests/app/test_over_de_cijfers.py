"""Over de cijfers: definitions, sources, years, build, checks, suppression rule, demo reason."""

from __future__ import annotations

from dashboard import queries
from tests.app.conftest import open_page, readable, texts


def test_every_indicator_has_its_definition_and_years() -> None:
    at = open_page("over_de_cijfers")
    assert not at.exception
    labels = [readable(e.label) for e in at.expander]
    for key, spec in queries.indicator_specs().items():
        assert spec.label in labels, key
    body = texts(at)
    build = queries.build_info()
    assert f"tot en met {build['last_school_year']}" in body
    assert "<5" in body.replace("\\<", "<") or "**<5**" in body


def test_build_checks_and_demo_reason_are_shown() -> None:
    at = open_page("over_de_cijfers")
    checks = queries.checks()
    body = texts(at)
    assert f"Alle {len(checks)} controles zijn geslaagd." in body or "mislukt" in body
    check_table = [d.value for d in at.dataframe if "Controle" in d.value.columns][0]
    assert len(check_table) == len(checks)
    assert "synthetische gegevens" in body
