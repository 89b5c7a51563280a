"""Verwacht versus werkelijk for the screen: query frames in, Dutch display tables and texts out.

Pure functions over the frames of `dashboard.queries_structure` (no Streamlit). "Verwacht" is
the model's prediction for a gemeente with its structural characteristics; the texts say what
that means and what it does not (no norm, no cause).
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.formatting import format_number, join_dutch
from dashboard.texts import verdicts
from stats import funnel

EXPECTED_MEANING = (
    "**Verwacht** is het aantal dat een gemeente met dezelfde kenmerken (aantal inwoners, "
    "bevolkingsdichtheid, aandeel 15- tot 25-jarigen en bijstand per 1.000 inwoners) gemiddeld "
    "heeft, berekend uit alle gemeenten samen. Een verhouding van 1,0 is precies zoveel als "
    "verwacht, 1,2 is 20% meer. Verwacht is geen norm en geen doel, en het zegt niet waarom een "
    "gemeente afwijkt: de kenmerken zijn geen oorzaken, en wat ze niet meten (beleid, "
    "registratie, scholen in de buurt) zit in het verschil. Bij een verborgen aantal (<5 of x) "
    "staat er geen verwachting."
)


def ratio_verdict(lower: float, upper: float) -> str:
    """`meer dan verwacht` when the whole interval lies above 1, `minder ...` below, else within."""
    if lower > 1:
        return "meer dan verwacht"
    if upper < 1:
        return "minder dan verwacht"
    return "binnen de verwachting"


def expected_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: werkelijk, verwacht, verhouding with 95% interval and verdict.

    Args:
        frame: rows of `expected_region.sql`.
    """
    return pd.DataFrame(
        {
            "Indicator": frame["label"],
            "Werkelijk": [format_number(v) for v in frame["observed"]],
            "Verwacht": [format_number(v, 1) for v in frame["expected"]],
            "Werkelijk / verwacht": [format_number(v, 2) for v in frame["ratio"]],
            "95%-interval": [
                f"{format_number(lo, 2)} – {format_number(hi, 2)}"
                for lo, hi in zip(frame["ratio_ci_lower"], frame["ratio_ci_upper"], strict=True)
            ],
            "Oordeel": [
                ratio_verdict(lo, hi)
                for lo, hi in zip(frame["ratio_ci_lower"], frame["ratio_ci_upper"], strict=True)
            ],
        }
    )


def fit_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator: model, gemeenten, spreiding and per characteristic the factor
    per standard deviation with its 95% interval (`1,12 (1,05 – 1,19)`).

    Args:
        frame: rows of `expected_fit.sql`.
    """
    rows = []
    for _, group in frame.groupby("indicator_key", sort=False):
        first = group.iloc[0]
        row = {
            "Indicator": first["label"],
            "Model": first["family"],
            "Gemeenten": format_number(first["gemeenten_used"]),
            "Weggelaten (verborgen aantal)": format_number(first["gemeenten_hidden"]),
            "Spreiding (Pearson)": format_number(first["pearson_dispersion"], 2),
            "Deviantie / vrijheidsgraden": (
                f"{format_number(first['deviance'], 1)} / {format_number(first['residual_df'])}"
            ),
        }
        for term in group[group["term"] != "intercept"].itertuples():
            row[f"Factor per SD: {term.term_label}"] = (
                f"{format_number(math.exp(term.coefficient), 2)} "
                f"({format_number(math.exp(term.ci_lower), 2)} – "
                f"{format_number(math.exp(term.ci_upper), 2)})"
            )
        rows.append(row)
    return pd.DataFrame(rows)


def fit_text(frame: pd.DataFrame, school_year: str) -> str:
    """Plain Dutch on how the model was fitted, for "Over de cijfers"."""
    if frame.empty:
        return (
            "Dit cijferbestand heeft geen verwachte aantallen: de kenmerken uit de Regionale "
            "kerncijfers van het CBS (tabel 70072ned) ontbraken bij het bouwen."
        )
    families = join_dutch(sorted(set(frame["family"])))
    year = int(frame["characteristics_year"].iloc[0])
    return (
        f"Per indicator en schooljaar rekent Kompas met een telmodel ({families}) over de "
        "gemeenten: het aantal hangt af van de noemer en van vier kenmerken op 1 januari "
        f"{year} (CBS, Regionale kerncijfers). Het model gebruikt alleen getoonde aantallen, zodat "
        "het niets verraadt over verborgen aantallen. Negatief binomiaal wordt gebruikt als de "
        "aantallen meer spreiden dan toeval (Poisson) verklaart (spreiding boven 1,5). Een factor "
        "per SD is hoeveel keer zo groot het verwachte aantal is bij een gemeente die één "
        f"standaardafwijking hoger scoort op dat kenmerk. Schooljaar {school_year}:"
    )


def ratio_funnel(points: pd.DataFrame, focus: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Funnel of standardised ratios (FunnelPlotR's "SR"): observed/expected against the
    expected count, limits around 1 from Poisson(expected) widened for over-dispersion.

    This is `stats.funnel` with the expected count as denominator and 1 as the national value,
    so the same method (exact limits, Spiegelhalter's widening) as the other funnels applies.

    Args:
        points: rows of `expected_funnel.sql` (shown counts only).
        focus: gemeente code to mark.

    Returns:
        (values for `charts.funnel_plot`: region_name, value = ratio, denominator = expected,
        numerator = observed, is_focus, classification; limits over a grid of expected counts).
    """
    fit = funnel.fit(points["observed"], points["expected"], 1.0, 1.0, "poisson", 1.0)
    values = pd.DataFrame(
        {
            "region_code": points["region_code"],
            "region_name": points["region_name"],
            "value": points["ratio"],
            "denominator": points["expected"],
            "numerator": points["observed"],
            "is_focus": points["region_code"] == focus,
        }
    )
    if fit is None:
        return values.assign(classification=funnel.NOT_ASSESSED), pd.DataFrame()
    values["classification"] = fit.classify(values["numerator"], values["denominator"])
    return values, fit.limits(funnel.funnel_grid(values["denominator"]))


def ratio_funnel_table(values: pd.DataFrame) -> pd.DataFrame:
    """The funnel's points as a table: gemeente, werkelijk, verwacht, verhouding, verdict."""
    ordered = values.sort_values("value", ascending=False)
    return pd.DataFrame(
        {
            "Gemeente": ordered["region_name"],
            "Werkelijk": [format_number(v) for v in ordered["numerator"]],
            "Verwacht": [format_number(v, 1) for v in ordered["denominator"]],
            "Werkelijk / verwacht": [format_number(v, 2) for v in ordered["value"]],
            "Trechter": [verdicts.short(c) for c in ordered["classification"]],
        }
    )


def ratio_funnel_alt(values: pd.DataFrame, label: str, region_name: str) -> str:
    """Text alternative of the ratio funnel: how many gemeenten lie outside, and the focus."""
    outside = values["classification"].isin(
        [funnel.ABOVE_95, funnel.ABOVE_998, funnel.BELOW_95, funnel.BELOW_998]
    )
    text = (
        f"Trechterdiagram van {label}: werkelijk gedeeld door verwacht voor "
        f"{len(values)} gemeenten, tegen het verwachte aantal. {int(outside.sum())} "
        f"{'ligt' if int(outside.sum()) == 1 else 'liggen'} buiten de 95%-grenzen."
    )
    focus = values[values["is_focus"]]
    if not focus.empty:
        row = focus.iloc[0]
        verdict = verdicts.short(row["classification"])
        text += (
            f" {region_name}: {format_number(row['value'], 2)} keer het verwachte aantal, "
            f"{verdict}."
        )
    return text
