"""One verdict vocabulary: every table, chart, sentence and export names a verdict alike."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard import charts, export, formatting, narrative
from dashboard import explore_tables as tables
from dashboard.texts import verdicts
from stats import funnel

ROOT = Path(__file__).resolve().parents[3]
CODES = ["above_998", "above_95", "within", "below_95", "below_998", ""]
# written out by hand: the words a reader sees for each code, in that order
SHORT = [
    "hoger, buiten 99,8%-grens",
    "hoger, buiten 95%-grens",
    "binnen de grenzen",
    "lager, buiten 95%-grens",
    "lager, buiten 99,8%-grens",
    "niet te beoordelen",
]


def regions() -> pd.DataFrame:
    """Six gemeenten, one per verdict (the last one hidden)."""
    numerators = [90.0, 60.0, 40.0, 25.0, 10.0, None]
    return pd.DataFrame(
        {
            "rank": pd.array([1, 2, 3, 4, 5, None], dtype="Int64"),
            "region_name": [f"G{i}" for i in range(6)],
            "region_code": [f"GM{i}" for i in range(6)],
            "is_focus": [False] * 6,
            "value": [None if n is None else n / 10 for n in numerators],
            "numerator": numerators,
            "denominator": [1000.0] * 6,
            "ci_lower": [None] * 6,
            "ci_upper": [None] * 6,
            "is_suppressed": [False] * 5 + [True],
            "flag": [""] * 5 + ["primary"],
            "diff_with_centre": [None] * 6,
            "classification": CODES,
            "funnel_class": CODES,
        }
    )


def test_the_vocabulary_covers_every_verdict_code() -> None:
    assert set(verdicts.VERDICTS) == set(funnel.CLASS_CODES) == set(CODES)
    assert [verdicts.short(c) for c in CODES] == SHORT
    assert verdicts.short(None) == verdicts.short(float("nan")) == "niet te beoordelen"
    for code in CODES:  # the long form starts with the short form's words
        assert verdicts.long(code).startswith(verdicts.short(code).split(",")[0])


def test_tables_exports_and_the_funnel_chart_use_the_same_short_labels() -> None:
    values = regions()
    indicator = {"unit": "%", "decimals": 1}
    assert list(tables.members_table(values, indicator, CODES)["t.o.v. Nederland"]) == SHORT
    assert list(formatting.comparison_display(values, "%", 1)["t.o.v. Nederland"]) == SHORT
    exported = export.export_table(
        values.assign(
            indicator_key="vsv_pct",
            indicator_label="vsv",
            unit="%",
            decimals=1,
            region_level="gemeente",
            school_year="2023-2024",
            status="definitief",
        ),
        5,
    )
    assert list(exported["t.o.v. Nederland"]) == SHORT
    fit = funnel.FunnelFit("binomial", 6000, 0.04, 1.0, 0.0, 5)
    shown = values[values["value"].notna()]
    fig = charts.funnel_plot(
        shown,
        fit.limits(funnel.funnel_grid(shown["denominator"])),
        unit="%",
        decimals=1,
        value_label="vsv",
        denominator_label="leerlingen",
    )
    legend = [t.name for t in fig.data if t.name in SHORT]
    assert legend == SHORT[:5]
    hovers = [str(row[3]) for t in fig.data if t.name in SHORT for row in t.customdata]
    assert hovers == SHORT[:5]
    alt = narrative.funnel_alt(CODES, "alle gemeenten", fit, "gemeente")
    assert all(label[:1].lower() + label[1:] in alt.lower() for label in SHORT[:5])


def test_the_export_explains_the_column_with_every_label() -> None:
    text = export.COLUMNS["t.o.v. Nederland"]
    assert all(f"'{label}'" in text for label in SHORT)


def test_no_module_keeps_its_own_verdict_words() -> None:
    """Old or private verdict labels anywhere else would be a second vocabulary."""
    retired = ["hoger (99,8%)", "hoger (95%)", "boven de 95%-grens", "onder de 95%-grens"]
    retired += ["Ten opzichte van de grenzen", "CLASS_LABELS"]
    for folder in ("dashboard", "app_pages", "stats", "ocw"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "verdicts.py":
                continue
            source = path.read_text(encoding="utf-8")
            found = [word for word in retired if word in source]
            assert not found, f"{path.relative_to(ROOT)}: {found}"


def test_funnel_wording_fits_the_level() -> None:
    """At gemeente level the texts name gemeenten, never "regio's", with ligt/liggen agreeing."""
    counts = funnel.count_classes(["above_998", "within"])
    one = narrative.set_summary(
        counts, region_level="gemeente", set_description="alle gemeenten", total=2
    )
    assert "ligt er 1 buiten" in one and "regio" not in one
    alt = narrative.funnel_alt(["within"], "alle gemeenten", None, "gemeente")
    assert "elke stip is een gemeente" in alt and "regio's" not in alt
    sentence = narrative.region_sentence(
        region_name="Regio X",
        value=3.9,
        flag="",
        national_value=2.4,
        classification=funnel.ABOVE_998,
        unit="%",
        decimals=1,
        higher_is_worse=True,
        school_year="2023-2024",
        region_level="rmc",
    )
    assert "de gewone verschillen tussen RMC-regio's." in sentence
