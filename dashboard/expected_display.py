"""Verwacht versus werkelijk for the screen: query frames in, Dutch display tables and texts out.

Pure functions over the frames of `dashboard.queries_structure` (no Streamlit). "Verwacht" is
the model's prediction for a gemeente with its structural characteristics; the texts say what
that means and what it does not (no norm, no cause).
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.formatting import format_number, join_dutch

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
