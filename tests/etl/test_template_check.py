"""`staged_template` checks one template file with the build's own rules: the same file gives
the same messages as `python -m etl build` gives for it in a raw dir."""

from __future__ import annotations

from pathlib import Path

from etl.demo.writers import template_csv
from etl.errors import InputError
from etl.sources.readers import RawFile
from etl.sources.verzuim import TEMPLATE_COLUMNS
from etl.template_check import staged_template
from tests.conftest_helpers import run_etl


def _bad_rows() -> list[list[str]]:
    good = [
        "GM9101",
        "Brakveen",
        "2030-2031",
        "definitief",
        "1000",
        "5",
        "40",
        "30",
        "10",
        "3",
        "2",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
    ]
    negative = [*good[:5], "-3", *good[6:]]
    above = [*good[:6], "1001", *good[7:]]  # relatief_verzuim above leerplichtigen
    no_year = [good[0], good[1], "2030", *good[3:]]
    return [negative, above, no_year]


def test_same_problems_as_the_build(raw_copy: Path, tmp_path: Path) -> None:
    name = "verzuim/extra.csv"
    path = raw_copy / name
    path.write_bytes(template_csv(TEMPLATE_COLUMNS, _bad_rows()))
    built = run_etl("build", "--raw-dir", str(raw_copy), "--db", str(tmp_path / "k.duckdb"))
    assert built.returncode == 2
    from_build = sorted(
        line.removeprefix("FOUT: ") for line in built.stderr.splitlines() if line.startswith("FOUT")
    )
    try:
        staged_template(RawFile(path=path, name=name, role="template_csv"), 1 << 20)
    except InputError as error:
        from_check = sorted(problem.describe() for problem in error.problems)
    else:
        raise AssertionError("the bad file was accepted")
    assert from_check == from_build
    assert from_check == [
        f"{name}, regel 2, kolom 'absoluut_verzuim', waarde '-3': negatief aantal; een aantal "
        "is 0 of meer",
        f"{name}, regel 3, kolom 'municipality_code + school_year_start', waarde "
        f"'GM9101 / 2030': dubbele sleutel: komt al voor in {name} regel 2",
        f"{name}, regel 3, kolom 'relatief_verzuim', waarde '1001': is groter dan "
        "'leerplichtigen' in dezelfde rij",
        f"{name}, regel 4, kolom 'schooljaar', waarde '2030': ongeldige of lege waarde "
        "(verwacht een schooljaar als 2023-2024)",
    ]


def test_valid_file_gives_typed_rows(tmp_path: Path) -> None:
    rows = _bad_rows()[:1]
    rows[0][5] = "7"
    path = tmp_path / "goed.csv"
    path.write_bytes(template_csv(TEMPLATE_COLUMNS, rows))
    staged = staged_template(RawFile(path=path, name="goed.csv", role="template_csv"), 1 << 20)
    record = staged.to_dict("records")[0]
    assert (record["municipality_code"], record["school_year_start"]) == ("GM9101", 2030)
    assert (record["absoluut_verzuim_count"], record["relatief_verzuim_count"]) == (7, 40)
    assert record["_row_number"] == 2


def test_a_count_with_a_separator_or_a_fraction_is_refused_not_misread(tmp_path: Path) -> None:
    """'1.000' is a Dutch thousand: read as 1 it would silently lose 999 pupils; '3.5' and
    '3,5' are no count; '1e3' is no way to write one. Each is named, none is rounded."""
    good = _bad_rows()[0]
    good[5] = "5"
    written = ["1.000", "3.5", "3,5", "1e3", " 40 "]  # the last one is fine
    rows = []
    for number, value in enumerate(written):
        row = list(good)
        row[0] = f"GM91{number:02d}"
        row[6] = value  # relatief_verzuim
        rows.append(row)
    path = tmp_path / "scheiding.csv"
    path.write_bytes(template_csv(TEMPLATE_COLUMNS, rows))
    try:
        staged_template(RawFile(path=path, name="scheiding.csv", role="template_csv"), 1 << 20)
    except InputError as error:
        found = sorted(problem.describe() for problem in error.problems)
    else:
        raise AssertionError("a count with a separator was accepted")
    hint = "geen geheel getal (schrijf een aantal zonder punt of komma, bijvoorbeeld 1000)"
    assert found == [
        f"scheiding.csv, regel {line}, kolom 'relatief_verzuim', waarde '{value}': {hint}"
        for line, value in zip(range(2, 6), written[:4], strict=True)
    ]


def test_checks_one_after_another_answer_each_file_alone(tmp_path: Path) -> None:
    """A process reuses its databases: a refused file leaves nothing behind for the next one."""
    bad, good = tmp_path / "fout.csv", tmp_path / "goed.csv"
    bad.write_bytes(template_csv(TEMPLATE_COLUMNS, _bad_rows()))
    rows = _bad_rows()[:1]
    rows[0][5] = "7"
    good.write_bytes(template_csv(TEMPLATE_COLUMNS, rows))
    refused = [
        "fout.csv, regel 2, kolom 'absoluut_verzuim', waarde '-3': negatief aantal; een aantal "
        "is 0 of meer",
        "fout.csv, regel 3, kolom 'municipality_code + school_year_start', waarde "
        "'GM9101 / 2030': dubbele sleutel: komt al voor in fout.csv regel 2",
        "fout.csv, regel 3, kolom 'relatief_verzuim', waarde '1001': is groter dan "
        "'leerplichtigen' in dezelfde rij",
        "fout.csv, regel 4, kolom 'schooljaar', waarde '2030': ongeldige of lege waarde "
        "(verwacht een schooljaar als 2023-2024)",
    ]
    for _ in range(2):
        staged = staged_template(RawFile(path=good, name="goed.csv", role="template_csv"), 1 << 20)
        assert staged[["municipality_code", "absoluut_verzuim_count"]].values.tolist() == [
            ["GM9101", 7]
        ]
        try:
            staged_template(RawFile(path=bad, name="fout.csv", role="template_csv"), 1 << 20)
        except InputError as error:
            assert sorted(problem.describe() for problem in error.problems) == refused
        else:
            raise AssertionError("the bad file was accepted")
