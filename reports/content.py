"""Warehouse -> the content of one Regiorapport: Dutch texts, tables and SVG charts, as plain data.

Every number comes through the query layer the pages use (`dashboard.queries*`, which reads the
build's published figures and disclosure decision) and is written by `dashboard.formatting`, so
the report shows what the app shows, with the same `<5` and `x` labels; nothing is recomputed
here. The charts are the pages' own figures (`charts_profile.indicator_trend`,
`charts.funnel_plot`) drawn as SVG by `reports.svg`. The result is a JSON-ready dict that the
typst template lays out; region names and other data stay data there (never typst markup).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard import charts, charts_profile, markup, queries, queries_explore
from dashboard import explore_tables as tables
from dashboard.export import DEMO_NOTICE
from dashboard.formatting import (
    MISSING,
    VOORLOPIG_FOOTNOTE,
    axis_label,
    count_regions,
    format_count,
    format_date,
    format_interval,
    format_number,
    format_school_year,
    hidden_label,
    join_dutch,
    label_legend,
    level_label,
    short_denominator_label,
    sources_display,
)
from dashboard.texts import verdicts
from reports.svg import figure_svg

LEVELS = ("gemeente", "rmc", "provincie")
TREND_SIZE = (400, 255)
FUNNEL_SIZE = (400, 255)


class UnknownRegion(ValueError):
    """The code names no gemeente, RMC-regio or provincie of the warehouse."""


def _table(frame: pd.DataFrame) -> dict[str, Any]:
    """A display frame as header + rows of text."""
    return {
        "header": [str(c) for c in frame.columns],
        "rows": [[str(v) for v in row] for row in frame.itertuples(index=False)],
    }


def _newest_years() -> dict[str, tuple[str, bool]]:
    """Indicator key -> (newest school year with a national figure, is_voorlopig)."""
    newest: dict[str, tuple[str, bool]] = {}
    for key in queries.indicator_specs():
        national = queries.national_series(key)
        if not national.empty:
            row = national.iloc[-1]
            newest[key] = (str(row["school_year"]), row["status"] == "voorlopig")
    return newest


def _shown_value(row: Mapping[str, Any] | None, decimals: int) -> str:
    """A region's value as published, without unit (the indicator's label names it): the
    number, `<5`/`x` when hidden, '–' when absent."""
    if row is None:
        return MISSING
    flag = str(row.get("flag") or "")
    return hidden_label(flag) if flag else format_number(row["value"], decimals)


def key_figures(
    values: pd.DataFrame, region_name: str, newest: Mapping[str, tuple[str, bool]]
) -> dict[str, Any]:
    """Newest school year per indicator: value, interval, counts, Nederland and the published
    funnel verdict (rows of `region_values.sql`, as the Overzicht cards read them)."""
    rows = []
    for key, spec in queries.indicator_specs().items():
        if key not in newest:
            continue
        year, voorlopig = newest[key]
        found = values[(values["indicator_key"] == key) & (values["school_year"] == year)]
        row = found.iloc[0].to_dict() if not found.empty else None
        national = queries.national_figure(key, year)
        hidden = row is None or bool(row["flag"])
        rows.append(
            [
                spec.label,
                format_school_year(year, voorlopig),
                _shown_value(row, spec.decimals),
                MISSING
                if hidden or row is None
                else format_interval(row["ci_lower"], row["ci_upper"], None, spec.decimals),
                MISSING if row is None else format_count(row["numerator"], str(row["flag"])),
                MISSING if row is None else format_count(row["denominator"]),
                format_number(national.value if national else None, spec.decimals),
                verdicts.short(None if row is None else row["funnel_class"]),
            ]
        )
    header = [
        "Indicator",
        "Schooljaar",
        "Regio",
        "95%-interval",
        "Teller",
        "Noemer",
        "Nederland",
        "t.o.v. Nederland",
    ]
    return {"header": header, "rows": rows}


def yearly_values(series: pd.DataFrame) -> dict[str, Any]:
    """Every indicator (rows) in every school year (columns), values as published."""
    years = queries_explore.export_years()
    labels = [
        format_school_year(str(y), s == "voorlopig")
        for y, s in zip(years["school_year"], years["status"], strict=True)
    ]
    rows = []
    for key, spec in queries.indicator_specs().items():
        own = series[series["indicator_key"] == key].set_index("school_year")
        name = axis_label(spec.short_label, spec.unit)
        if spec.trend_breaks:
            name += f" (trendbreuk vanaf {join_dutch(spec.trend_breaks)})"
        cells = [
            _shown_value(own.loc[y].to_dict() if y in own.index else None, spec.decimals)
            for y in years["school_year"]
        ]
        rows.append([name, *cells])
    return {"header": ["Indicator", *labels], "rows": rows}


def trend_charts(
    series: pd.DataFrame, region_name: str, newest: Mapping[str, tuple[str, bool]]
) -> list[dict[str, str]]:
    """The Regioprofiel line chart of every indicator with national figures, as SVG with its
    text alternative (in the order of `funnel_charts`)."""
    safe_name = markup.plotly_text(region_name)
    charts_out = []
    for key, indicator in tables.indicator_map(queries.indicators()).items():
        if key not in newest:
            continue
        fig = charts_profile.indicator_trend(series, indicator, safe_name)
        charts_out.append(
            {
                "svg": figure_svg(fig, *TREND_SIZE),
                "alt": tables.trend_alt_text(series, indicator, region_name),
            }
        )
    return charts_out


def funnel_charts(
    level: str, code: str, region_name: str, newest: Mapping[str, tuple[str, bool]]
) -> list[dict[str, str]]:
    """The region's place in the funnel plot of its level (newest year of every indicator),
    the Vergelijken figure with the region as focus, as SVG with its text alternative."""
    out = []
    for key, spec in queries.indicator_specs().items():
        if key not in newest:
            continue
        year, voorlopig = newest[key]
        comp = queries.comparison(key, level, year, queries.COMPARE_ALL, focus=[code])
        fig = charts.funnel_plot(
            markup.plotly_names(comp.in_set),
            comp.limits,
            unit=spec.unit,
            decimals=spec.decimals,
            value_label=axis_label(spec.short_label, spec.unit),
            denominator_label=short_denominator_label(spec.denominator_definition),
        )
        title = f"Trechterdiagram {format_school_year(year, voorlopig)}"
        fig.update_layout(title={"text": title, "font": {"size": 15}})
        focus = comp.values[comp.values["is_focus"]]
        verdict = verdicts.short(focus["classification"].iloc[0]) if not focus.empty else MISSING
        out.append(
            {
                "svg": figure_svg(fig, *FUNNEL_SIZE),
                "alt": (
                    f"Trechterdiagram {spec.label}, {format_school_year(year, voorlopig)}: "
                    f"{count_regions(int(comp.in_set['value'].notna().sum()), level)} met de "
                    f"95%- en 99,8%-grenzen rond Nederland; {region_name} (ruit): {verdict}."
                ),
            }
        )
    return out


def members_table(level: str, code: str, region_name: str) -> dict[str, Any] | None:
    """For an RMC-regio or provincie: its gemeenten with every indicator, values as published
    (`<5` and `x` where the build hid them); None for a gemeente."""
    if level == "gemeente":
        return None
    members = queries_explore.report_members(level, code)
    specs = queries.indicator_specs()
    names = list(dict.fromkeys(members["region_name"]))
    by_cell = {
        (str(r["region_name"]), str(r["indicator_key"])): r for r in members.to_dict("records")
    }
    header = ["Gemeente", *(axis_label(s.short_label, s.unit) for s in specs.values())]
    rows = [
        [
            name,
            *(_shown_value(by_cell.get((name, key)), spec.decimals) for key, spec in specs.items()),
        ]
        for name in names
    ]
    years = sorted({str(y) for y in members["school_year"].dropna()})
    return {
        "title": f"Gemeenten in {region_name}",
        "note": (
            f"{count_regions(len(names), 'gemeente')}, schooljaar {join_dutch(years)} "
            "(per indicator het nieuwste schooljaar). Waarden zonder eenheid: de kolomkop noemt "
            "haar."
        ),
        **{"header": header, "rows": rows},
    }


def definitions() -> list[dict[str, str]]:
    """Per indicator: label, definition, teller, noemer, source and trend breaks."""
    sources = queries.sources().set_index("source_key")
    out = []
    for spec in queries.indicator_specs().values():
        source = (
            f"{sources.loc[spec.source_key, 'producer']}, {sources.loc[spec.source_key, 'title']}"
            if spec.source_key in sources.index
            else spec.source_key
        )
        out.append(
            {
                "label": spec.label,
                "definition": spec.definition,
                "numerator": spec.numerator_definition,
                "denominator": spec.denominator_definition,
                "source": source,
                "breaks": (
                    f"Trendbreuk vanaf {join_dutch(spec.trend_breaks)}: de cijfers ervoor en erna "
                    "zijn niet goed vergelijkbaar."
                    if spec.trend_breaks
                    else ""
                ),
            }
        )
    return out


def vintage(build: Mapping[str, Any]) -> str:
    """Which build the report shows: date, version, indeling and the school years."""
    version = f", Kompas {build['kompas_version']}" if build.get("kompas_version") else ""
    return (
        f"Magazijn gebouwd op {format_date(build.get('built_at'))}{version}; gemeentelijke "
        f"indeling {build.get('boundary_year')}; schooljaren {build.get('first_school_year')} "
        f"tot en met {build.get('last_school_year')}."
    )


def context_line(region: Mapping[str, Any]) -> str:
    """Where the region lies: `Gemeente in RMC-regio X, provincie Y.` and so on."""
    level = str(region["region_level"])
    if level == "gemeente":
        return f"Gemeente in RMC-regio {region['rmc_name']}, provincie {region['provincie_name']}."
    if level == "rmc":
        return f"RMC-regio in provincie {region['provincie_name']}."
    return "Provincie."


def report_content(code: str) -> dict[str, Any]:
    """Everything the Regiorapport of one region shows, as a JSON-ready dict.

    Raises:
        UnknownRegion: the code is no gemeente, RMC-regio or provincie of the warehouse.
    """
    region = queries.region_row(code)
    if region is None or region["region_level"] not in LEVELS:
        raise UnknownRegion(code)
    level, name = str(region["region_level"]), str(region["region_name"])
    series = queries_explore.profile_series(level, code)
    values = queries.region_values(code)
    newest = _newest_years()
    build = queries.build_info()
    return {
        "title": f"Regiorapport {name}",
        "region_name": name,
        "region_code": code,
        "level": level_label(level),
        "context": context_line(region),
        "is_demo": bool(build.get("is_demo")),
        "demo_notice": DEMO_NOTICE,
        "summary": tables.profile_summary(series, queries.indicators(), name),
        "key_figures": key_figures(values, name, newest),
        "yearly": yearly_values(values),
        "trends": trend_charts(series, name, newest),
        "funnels": funnel_charts(level, code, name, newest),
        "funnel_level": level_label(level, plural=True),
        "members": members_table(level, code, name),
        "definitions": definitions(),
        "sources": _table(sources_display(queries.sources()).drop(columns=["Demo"])),
        "vintage": vintage(build),
        "voorlopig": VOORLOPIG_FOOTNOTE,
        "labels": label_legend(),
        "built_at": str(build.get("built_at") or ""),
    }
