"""Over de cijfers: definitions, sources, years, build, checks, suppression rule, demo reason."""

from __future__ import annotations

import os

import duckdb

from dashboard import markup, queries
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
    # expected from the warehouse file itself, not from the page's query
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        ((total, failed),) = con.sql(
            "select count(*), count(*) filter (where not passed) from meta.checks"
        ).fetchall()
    assert total > 0
    at = open_page("over_de_cijfers")
    body = texts(at)
    if failed == 0:
        assert f"Alle {total} controles zijn geslaagd." in body
        assert "mislukt" not in body
    else:
        assert f"{failed} van de {total} controles zijn mislukt; zie de tabel." in body
    check_table = [d.value for d in at.dataframe if "Controle" in d.value.columns][0]
    assert len(check_table) == total
    assert "synthetische gegevens" in body


def test_each_indicator_says_where_its_definition_comes_from() -> None:
    """The definition's origin (law article, publication) is on screen, in Dutch words."""
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        rows = con.sql("select label, definition_source from marts.indicators").fetchall()
    assert rows and all(source for _, source in rows)
    at = open_page("over_de_cijfers")
    blocks = {
        readable(e.label): "\n".join(readable(m.value).replace("**", "") for m in e.markdown)
        for e in at.expander
    }
    for label, source in rows:
        assert f"Definitie volgens: {source}" in blocks[label], label


def test_files_name_their_source_by_title_not_by_key() -> None:
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        pairs = con.sql(
            "select distinct f.source_key, s.title from meta.files f "
            "join marts.sources s using (source_key)"
        ).fetchall()
    assert pairs
    at = open_page("over_de_cijfers")
    files = [d.value for d in at.dataframe if "Bestand" in d.value.columns][0]
    assert set(files["Bron"]) == {title for _, title in pairs}
    assert not {key for key, _ in pairs} & set(files["Bron"])


def test_the_expected_value_models_are_shown_with_their_fit() -> None:
    at = open_page("over_de_cijfers")
    assert not at.exception
    year = queries.build_info()["last_school_year"]
    con = duckdb.connect(os.environ["KOMPAS_DB"], read_only=True)
    try:
        models = con.execute(
            "select i.label, m.gemeenten_used from marts.expected_models m "
            "join marts.indicators i using (indicator_key) where m.school_year = ? "
            "order by i.sort_order",
            [year],
        ).fetchall()
    finally:
        con.close()
    tables = [d.value for d in at.dataframe if "Gemeenten" in d.value.columns]
    assert len(tables) == 1
    assert [tuple(r) for r in tables[0][["Indicator", "Gemeenten"]].values] == [
        (label, str(used)) for label, used in models
    ]
    assert "Factor per SD: bijstand per 1.000 inwoners (tot de AOW-leeftijd)" in tables[0].columns
    assert "alleen getoonde aantallen" in texts(at)


def test_a_build_without_submissions_says_so() -> None:
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        ((count,),) = con.sql(
            "select count(*) from meta.files where starts_with(file, 'verzuim/opgaven/')"
        ).fetchall()
    assert count == 0  # the demo warehouse is built from the template alone
    at = open_page("over_de_cijfers")
    assert "Opgaven uit de uitvraag" in [h.value for h in at.header]
    assert any("gebruikt geen opgaven uit de uitvraag" in m.value for m in at.markdown)
    assert not [d for d in at.dataframe if "Opgave" in d.value.columns]


def test_each_source_stands_on_its_own_line_under_demo_or_real() -> None:
    """The four synthetic sources ran together into one sentence of long titles."""
    with duckdb.connect(os.environ["KOMPAS_DB"], read_only=True) as con:
        sources = con.sql("select title, is_demo from marts.sources").fetchall()
    at = open_page("over_de_cijfers")
    text = next(m.value for m in at.markdown if "Verzonnen:" in m.value)
    demo_part, _, real_part = text.partition("Wel echt (de indeling en kaarten):")
    demo_lines = [line[2:] for line in demo_part.splitlines() if line.startswith("- ")]
    real_lines = [line[2:] for line in real_part.splitlines() if line.startswith("- ")]
    assert sorted(demo_lines) == sorted(markup.escape(t) for t, demo in sources if demo)
    assert sorted(real_lines) == sorted(markup.escape(t) for t, demo in sources if not demo)
