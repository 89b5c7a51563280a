"""Dutch formats: numbers, units, counts with suppression, school years, dates."""

from __future__ import annotations

import math

import pandas as pd

from dashboard import formatting as f


def test_numbers_use_decimal_comma_and_thousands_dot() -> None:
    assert f.format_number(1234) == "1.234"
    assert f.format_number(1234567.891, 2) == "1.234.567,89"
    assert f.format_number(2.65, 1) in {"2,6", "2,7"}  # binary rounding, never "2.7"
    assert f.format_number(-0.04, 1) == "0,0"  # no negative zero
    assert f.format_number(None) == f.MISSING
    assert f.format_number(math.nan) == f.MISSING


def test_values_carry_their_unit() -> None:
    assert f.format_value(2.7, "%", 1) == "2,7%"
    assert f.format_value(12.345, "per 1.000", 1) == "12,3 per 1.000"
    assert f.format_interval(2.51, 3.14, "%", 1) == "2,5 – 3,1%"
    assert f.format_interval(None, 3.1) == f.MISSING


def test_changes_are_signed_and_shares_change_in_percentage_points() -> None:
    assert f.format_change(0.31, "%", 1) == "+0,3 procentpunt"
    assert f.format_change(-1.24, "per 1.000", 1) == "-1,2 per 1.000"
    assert f.format_change(0.001, "%", 1) == "0,0 procentpunt"
    assert f.format_compact_change(0.06, "%", 2) == "+0,06 %-punt"
    assert f.format_compact_change(-0.011, "per 1.000", 3) == "-0,011"


def test_hidden_counts_show_their_label() -> None:
    # the fixture warehouse is built with the default threshold 5 (meta.build)
    assert f.format_count(1234) == "1.234"
    assert f.format_count(None, "primary") == "<5"
    assert f.format_count(None, "secondary") == "x"
    assert "0 tot en met 4" in f.label_legend() and "5 of meer" in f.label_legend()


def test_the_label_legend_explains_geen_opgave_and_geschat_too() -> None:
    assert f.label_legend() == (
        "<5: minder dan 5 (0 tot en met 4). x: niet getoond zodat een kleine telling elders "
        "niet terug te rekenen is; het getal zelf is 5 of meer. geen opgave: de gemeente gaf "
        "voor dat schooljaar geen cijfer op (bij een regio: geen enkele gemeente); dat is geen "
        "0. geschat: een totaal waarin de gemeenten zonder opgave zijn bijgeschat (zie Over de "
        "cijfers)."
    )


def test_the_nederland_line_names_an_estimate_with_its_response() -> None:
    assert f.centre_name("12,3 per 1.000") == "Nederland (12,3 per 1.000)"
    assert (
        f.centre_name("12,3 per 1.000", "geschat; respons 300 van 342 gemeenten (88 %)")
        == "Nederland (12,3 per 1.000; geschat,<br>respons 300 van 342 gemeenten (88 %))"
    )


def test_school_years_mark_voorlopig_with_an_asterisk() -> None:
    assert f.format_school_year("2023-2024") == "2023-2024"
    assert f.format_school_year("2024-2025", True) == "2024-2025*"
    assert f.VOORLOPIG_FOOTNOTE.startswith("* Voorlopig")


def test_dates_are_written_out_in_dutch() -> None:
    assert f.format_date("2025-06-30T12:34:56Z") == "30 juni 2025"
    assert f.format_date(None) == f.MISSING
    assert f.format_date("onbekend") == "onbekend"


def test_join_dutch() -> None:
    assert f.join_dutch(["a"]) == "a"
    assert f.join_dutch(["a", "b", "c"]) == "a, b en c"


def test_comparison_display_ranks_formats_and_hides_suppressed_counts() -> None:
    values = pd.DataFrame(
        {
            "rank": pd.array([2, 1, None], dtype="Int64"),
            "region_name": ["B", "A", "C"],
            "is_focus": [True, False, False],
            "value": [2.5, 3.25, None],
            "numerator": [25.0, 13.0, None],
            "denominator": [1000.0, 400.0, 50.0],
            "ci_lower": [1.7, 1.9, None],
            "ci_upper": [3.7, 5.5, None],
            "is_suppressed": [False, False, True],
            "flag": ["", "", "primary"],
            "diff_with_centre": [0.1, 0.85, None],
            "classification": ["within", "above_95", ""],
        }
    )
    table = f.comparison_display(values, "%", 1)
    assert list(table["Regio"]) == ["A", "B", "C"]
    assert list(table["Rang"]) == ["1", "2", f.MISSING]  # hidden row: a dash, last; not "None"
    # 3,25 is written with a 5 in the second decimal: half up, as a reader and Excel round
    assert list(table["Waarde (%)"]) == ["3,3", "2,5", f.MISSING]
    assert list(table["Teller"]) == ["13", "25", "<5"]
    assert table["Verschil met Nederland (procentpunt)"].iloc[1] == "+0,1"
    assert table["t.o.v. Nederland"].iloc[0] == "hoger, buiten 95%-grens"


def test_counts_take_the_level_noun_in_singular_or_plural() -> None:
    assert f.count_regions(36, "gemeente") == "36 gemeenten"
    assert f.count_regions(1, "gemeente") == "1 gemeente"
    assert f.count_regions(6, "rmc") == "6 RMC-regio's"
    assert f.count_regions(1, "provincie") == "1 provincie"
    assert f.count_regions(0, "provincie") == "0 provincies"
    assert f.count_regions(2) == "2 regio's"
    assert f.count_regions(1_200, "gemeente") == "1.200 gemeenten"


def test_level_titles_are_consistent() -> None:
    assert [f.level_title(level) for level in ("gemeente", "rmc", "provincie")] == [
        "Gemeente",
        "RMC-regio",
        "Provincie",
    ]


def test_sentence_label_replaces_the_percent_sign() -> None:
    assert f.sentence_label("vsv %", "%") == "vsv-percentage"
    assert f.sentence_label("thuiszitters", "per 1.000") == "thuiszitters"


def test_rounding_is_half_up_on_the_number_as_written() -> None:
    """Python's round(3.25, 1) gives 3.2 and round(2.45, 1) gives 2.5 (binary values); Kompas
    shows 3,3 and 2,5, and 0,125 per 1.000 as 0,13."""
    assert f.format_number(3.25, 1) == "3,3"
    assert f.format_number(2.45, 1) == "2,5"
    assert f.format_number(0.125, 2) == "0,13"
    assert f.format_number(-0.05, 1) == "-0,1"
    assert f.format_number(1234.5) == "1.235"


def test_submissions_are_picked_from_the_files_by_their_export_path() -> None:
    files = pd.DataFrame(
        {
            "file": [
                "verzuim/sjabloon.csv",
                "verzuim/opgaven/2024-2025/rmc-a-12.csv",
                "verzuim/opgaven/2024-2025/GM0014-3.xlsx",
                "verzuim/opgaven/2024-2025/rmc-a-12.csv.origin.json",
            ],
            "sha256": ["a" * 64, "0123456789abcdef" + "f" * 48, "b" * 64, "c" * 64],
            "bytes": [10, 1234, 99, 5],
        }
    )
    table = f.submissions_display(files)
    assert table.to_dict("records") == [
        {
            "Schooljaar": "2024-2025",
            "Organisatie": "rmc-a",
            "Opgave": "12",
            "SHA-256 (begin)": "0123456789abcdef",
            "Grootte (bytes)": "1.234",
        },
        {
            "Schooljaar": "2024-2025",
            "Organisatie": "GM0014",
            "Opgave": "3",
            "SHA-256 (begin)": "bbbbbbbbbbbbbbbb",
            "Grootte (bytes)": "99",
        },
    ]
