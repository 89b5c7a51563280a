"""What Vergelijken shows for one selection, built once per selection and warehouse: the
comparison, its three figures, the summary sentences, the charts' text alternatives and the
table.

A change of focus region, indicator or set makes a new selection; coming back to one, or a
rerun that changes nothing in it (another session, a changed expander), only sends what was
built before. Writing the sentences and the table reads every region of the level (340
gemeenten) several times, which was most of such a rerun. The results are shared read-only
between sessions and reruns (st.markdown sends strings, st.dataframe serialises a copy).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import components, formatting, markup, narrative, queries
from dashboard.formatting import format_school_year, row_response
from dashboard.texts import vergelijken as text
from stats import funnel
from stats.response import NO_SUBMISSION


@dataclass(frozen=True)
class ComparisonView:
    """One Vergelijken selection, ready to show.

    Attributes:
        comparison: The ranked and classified values (`queries.comparison`).
        figures: Map, ranking and funnel (`components.comparison_figures`).
        set_text: The comparison set in words (`alle gemeenten`, `de gemeenten in ...`).
        sentences: The summary's paragraphs, escaped: one per focus region, then the set's.
        notes: The summary's notes under them, escaped (estimate, no focus, voorlopig).
        map_alt: Text alternative of the map.
        ranking_alt: Text alternative of the ranking.
        funnel_alt: Text alternative of the funnel plot.
        table: The comparison set as a display table.
    """

    comparison: queries.Comparison
    figures: dict[str, go.Figure]
    set_text: str
    sentences: tuple[str, ...]
    notes: tuple[str, ...]
    map_alt: str
    ranking_alt: str
    funnel_alt: str
    table: pd.DataFrame


def _summary(
    comp: queries.Comparison,
    spec: queries.Indicator,
    region_level: str,
    school_year: str,
    is_voorlopig: bool,
    set_text: str,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The plain-Dutch result: a sentence per focus region and one for the set, then notes."""
    national = comp.national.value if comp.national else None
    focus_rows = comp.values[comp.values["is_focus"]].to_dict("records")
    sentences = [
        narrative.region_sentence(
            region_name=str(row["region_name"]),
            value=None if pd.isna(row["value"]) else float(row["value"]),
            flag=str(row.get("flag") or ""),
            national_value=national,
            classification=str(row["classification"]),
            unit=spec.unit,
            decimals=spec.decimals,
            higher_is_worse=spec.higher_is_worse,
            school_year=format_school_year(school_year, is_voorlopig),
            region_level=region_level,
            is_voorlopig=False,
            response=row_response(row),
        )
        for row in focus_rows
    ]
    shown = comp.in_set[comp.in_set["value"].notna()]
    sentences.append(
        narrative.set_summary(
            funnel.count_classes(list(comp.in_set["classification"])),
            region_level=region_level,
            set_description=set_text,
            total=len(comp.in_set),
            estimates=int(shown["is_estimate"].fillna(False).astype(bool).sum()),
            without_opgave=int((comp.in_set["flag"] == NO_SUBMISSION).sum()),
        )
    )
    notes: list[str] = []
    if comp.national and comp.national.response:
        notes.append(
            narrative.national_estimate_note(
                comp.national.value, spec.unit, spec.decimals, comp.national.response
            )
        )
    if not focus_rows:
        notes.append(text.CHOOSE_FOCUS)
    if is_voorlopig:
        notes.append(narrative.voorlopig_note(school_year))
    return tuple(map(markup.escape, sentences)), tuple(map(markup.escape, notes))


@st.cache_resource(max_entries=64, show_spinner=False)
def _view(
    indicator_key: str,
    region_level: str,
    school_year: str,
    is_voorlopig: bool,
    mode: str,
    focus: tuple[str, ...],
    chosen: tuple[str, ...],
    area_text: str,
    warehouse: queries.Warehouse,
) -> ComparisonView:
    spec = queries.indicator_specs()[indicator_key]
    comp = queries.comparison(indicator_key, region_level, school_year, mode, focus, chosen)
    figures = components.comparison_figures(
        indicator_key, region_level, school_year, mode, focus, chosen
    )
    set_text = (
        area_text
        if area_text and comp.mode == queries.COMPARE_CHOSEN
        else narrative.set_description(region_level, comp.mode, comp.parent_names)
    )
    year_text = format_school_year(school_year, is_voorlopig)
    national = comp.national.value if comp.national else None
    sentences, notes = _summary(comp, spec, region_level, school_year, is_voorlopig, set_text)
    focus_names = list(comp.values.loc[comp.values["is_focus"], "region_name"])
    return ComparisonView(
        comparison=comp,
        figures=figures,
        set_text=set_text,
        sentences=sentences,
        notes=notes,
        map_alt=narrative.map_alt(
            set_text,
            formatting.sentence_label(spec.short_label, spec.unit),
            year_text,
            focus_names,
            comp.in_set,
        )
        + components.map_names_note(figures["map"], len(comp.in_set)),
        ranking_alt=narrative.ranking_alt(comp.in_set, spec.unit, spec.decimals, set_text, national)
        + text.RANKING_TABLE_NOTE,
        funnel_alt=narrative.funnel_alt(
            list(comp.in_set["classification"]),
            set_text,
            comp.fit,
            region_level,
            comp.in_set,
            comp.national.response if comp.national else "",
        )
        + text.FUNNEL_TABLE_NOTE,
        table=formatting.comparison_display(comp.in_set, spec.unit, spec.decimals),
    )


def comparison_view(
    indicator_key: str,
    region_level: str,
    school_year: str,
    is_voorlopig: bool,
    mode: str,
    focus: Sequence[str],
    chosen: Sequence[str],
    area_text: str = "",
) -> ComparisonView:
    """Vergelijken's selection ready to show (see `ComparisonView`).

    Args:
        indicator_key, region_level, school_year, mode, focus, chosen: The selection, as
            for `queries.comparison`.
        is_voorlopig: Whether the school year's figures are voorlopig.
        area_text: The carried area in words (`de gemeenten in RMC-regio Utrecht`) when the
            chosen set is that area's regions; it then names the set ('' otherwise).
    """
    return _view(
        indicator_key,
        region_level,
        school_year,
        is_voorlopig,
        mode,
        tuple(focus),
        tuple(chosen),
        area_text,
        queries.warehouse_id(),
    )
