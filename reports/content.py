"""Warehouse -> the content of one Regiorapport: Dutch texts, tables and SVG charts, as plain data.

Every number comes through the query layer the pages use (`dashboard.queries*`, which reads the
build's published figures and disclosure decision) and is written by `dashboard.formatting`, so
the report shows what the app shows, with the same `<5` and `x` labels; nothing is recomputed
here (the peers' median and range are taken over their published values only). The
vergelijkbare regio's come from `queries.peer_groups` (Vergelijken's), verwacht versus werkelijk
from `queries_structure` and `expected_display` (Regioprofiel's). The charts are the pages' own
figures (`charts_profile.indicator_trend`, `charts.funnel_plot`, `charts_profile.members_map`)
drawn as SVG by `reports.svg`. The result is a JSON-ready dict that the typst template lays
out; region names and other data stay data there (never typst markup).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from dashboard import (
    charts,
    charts_profile,
    expected_display,
    markup,
    queries,
    queries_explore,
    queries_structure,
)
from dashboard import explore_tables as tables
from dashboard.export import DEMO_NOTICE, MODEL_TEXT
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
    level_title,
    row_response,
    short_denominator_label,
    sources_display,
)
from dashboard.texts import regioprofiel as profile_text
from dashboard.texts import verdicts
from dashboard.texts import vergelijken as compare_text
from reports.svg import figure_svg, map_svg
from stats.response import ESTIMATE_LABEL, NO_SUBMISSION_LABEL

LEVELS = ("gemeente", "rmc", "provincie")
TREND_SIZE = (400, 225)
FUNNEL_SIZE = (400, 225)
MAP_SIZE = (230, 175)
PEER_LEVELS = ("gemeente", "rmc")
# "werkelijk / verwacht" clearly above or below 1 (the whole 95% interval), in the table of
# gemeenten next to the value
RATIO_MARKS = {"meer dan verwacht": "▲", "minder dan verwacht": "▼"}


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


@dataclass(frozen=True)
class _Shared:
    """What every report of one warehouse shows alike, read once per process and warehouse
    (a batch of reports would otherwise read it through the query caches again per report).
    Read-only: the report contents share these objects."""

    newest: dict[str, tuple[str, bool]]
    national: dict[str, float | None]  # indicator key -> Nederland in its newest year
    # indicator key -> `geschat; respons 41 van 42 gemeenten (98 %)` when that is an estimate
    national_notes: dict[str, str]
    definitions: list[dict[str, str]]
    sources: dict[str, Any]


@lru_cache(maxsize=2)
def _shared(warehouse: queries.Warehouse) -> _Shared:
    newest = _newest_years()
    national, notes = {}, {}
    for key, (year, _) in newest.items():
        figure = queries.national_figure(key, year)
        national[key] = figure.value if figure else None
        notes[key] = figure.response if figure else ""
    return _Shared(
        newest=newest,
        national=national,
        national_notes=notes,
        definitions=definitions(),
        sources=_table(sources_display(queries.sources()).drop(columns=["Demo"])),
    )


def _shown_value(row: Mapping[str, Any] | None, decimals: int) -> str:
    """A region's value as published, without unit (the indicator's label names it): the
    number (`4,9 (geschat)` for an estimate, its response in `response_notes`), `<5`/`x` when
    hidden, `geen opgave` when never sent, '–' when absent."""
    if row is None:
        return MISSING
    flag = str(row.get("flag") or "")
    if flag:
        return hidden_label(flag)
    shown = format_number(row["value"], decimals)
    return f"{shown} ({ESTIMATE_LABEL})" if row_response(row) else shown


def response_notes(values: pd.DataFrame, region_name: str) -> str:
    """The response of every estimate among a region's rows (`every_region_values.sql`), by school
    year: `Wadmark Zuid 2022-2023: geschat; respons 4 van 6 gemeenten (67 %).`; '' when every
    figure rests on all its gemeenten."""
    notes = (
        f"{region_name} {row['school_year']}: {note}."
        for row in values.sort_values("school_year_start").to_dict("records")
        if (note := row_response(row)) and note != NO_SUBMISSION_LABEL
    )
    return " ".join(dict.fromkeys(notes))


def key_figures(
    values: pd.DataFrame,
    newest: Mapping[str, tuple[str, bool]],
    national: Mapping[str, float | None],
    peers: Mapping[str, pd.DataFrame] | None = None,
    level: str = "gemeente",
    national_notes: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Newest school year per indicator: value, interval, counts, Nederland, the published
    funnel verdict (rows of `every_region_values.sql`, as the Overzicht cards read them) and, with
    peers (`peer_values`), their median and range. An estimate reads `(geschat)` after its
    value (the region's, or Nederland's by `national_notes`) and its response in place of the
    verdict it does not get."""
    national_notes = national_notes or {}
    rows = []
    for key, spec in queries.indicator_specs().items():
        if key not in newest:
            continue
        year, voorlopig = newest[key]
        found = values[(values["indicator_key"] == key) & (values["school_year"] == year)]
        row = found.iloc[0].to_dict() if not found.empty else None
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
                format_number(national.get(key), spec.decimals)
                + (f" ({ESTIMATE_LABEL})" if national_notes.get(key) else ""),
                (row_response(row) if row is not None and not hidden else "")
                or verdicts.short(None if row is None else row["funnel_class"]),
                *([peer_summary(peers[key], spec.decimals)] if peers else []),
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
        *([f"Vergelijkbare {level_label(level, plural=True)}"] if peers else []),
    ]
    return {"header": header, "rows": rows}


def _is_shown(frame: pd.DataFrame) -> pd.Series:
    """Rows whose value is published (not hidden, not absent)."""
    return frame["value"].notna() & (frame["flag"].fillna("") == "")


def peer_values(
    level: str, peers: pd.DataFrame, newest: Mapping[str, tuple[str, bool]]
) -> dict[str, pd.DataFrame]:
    """Indicator key -> the peers' published rows (`level_values.sql`, the values of the whole
    level that Vergelijken shows) in its newest school year, indexed by region code."""
    codes = list(peers["peer_code"])
    out = {}
    for key, (year, _) in newest.items():
        values = queries.level_values(key, level, year)
        out[key] = values[values["region_code"].isin(codes)].set_index("region_code")
    return out


def peer_summary(values: pd.DataFrame, decimals: int) -> str:
    """`3,1 (2,2 – 4,5)`: median and range of the peers' shown values. Only published values
    count (a hidden one is left out, never guessed), so nothing here reveals a hidden count."""
    shown = values.loc[_is_shown(values), "value"]
    if shown.empty:
        return MISSING
    return (
        f"{format_number(shown.median(), decimals)} "
        f"({format_interval(shown.min(), shown.max(), None, decimals)})"
    )


def peers_section(
    level: str, peers: pd.DataFrame, by_key: Mapping[str, pd.DataFrame]
) -> dict[str, Any]:
    """The vergelijkbare regio's of a gemeente or RMC-regio (`marts.peer_groups`, as
    Vergelijken's "Waarom vergelijkbaar?"): per peer its published values in the newest school
    year and why it is similar. A provincie has no peers, and says so."""
    if level not in PEER_LEVELS:
        return {
            "title": "Vergelijkbare regio's",
            "note": (
                "Voor provincies zijn er geen vergelijkbare regio's: Kompas zoekt die alleen "
                "voor gemeenten en RMC-regio's. Vergelijk de provincie met Nederland (Kerncijfers) "
                "en met de andere provincies (trechterdiagrammen)."
            ),
            "header": [],
            "rows": [],
        }
    title = f"Vergelijkbare {level_label(level, plural=True)}"
    if peers.empty:
        return {
            "title": title,
            "note": (
                "Dit cijferbestand heeft geen vergelijkbare regio's: de kenmerken uit de "
                "Regionale kerncijfers van het CBS (tabel 70072ned) ontbraken bij het bouwen."
            ),
            "header": [],
            "rows": [],
        }
    specs = {k: s for k, s in queries.indicator_specs().items() if k in by_key}

    def cell(key: str, code: str) -> str:
        rows = by_key[key]
        row = rows.loc[code].to_dict() if code in rows.index else None
        return _shown_value(row, specs[key].decimals)

    rows = [
        {
            "cells": [
                str(rank),
                str(name),
                *(cell(key, str(code)) for key in specs),
            ],
            "reason": str(reason),
        }
        for rank, code, name, reason in zip(
            peers["peer_rank"], peers["peer_code"], peers["peer_name"], peers["reason"], strict=True
        )
    ]
    basis = compare_text.peers_basis(len(peers), int(peers["characteristics_year"].iloc[0]))
    return {
        "title": title,
        "note": (
            f"{basis} Per regio de waarden in het nieuwste schooljaar (zonder eenheid: de "
            "kolomkop noemt haar) en eronder waarom ze lijkt. In de Kerncijfers staan de "
            "mediaan en (laagste – hoogste) van hun getoonde waarden; verborgen cijfers (<5, x) "
            "tellen daar niet mee."
        ),
        "header": [
            "Nr.",
            level_title(level),
            *(axis_label(s.short_label, s.unit) for s in specs.values()),
        ],
        "rows": rows,
    }


def bold_runs(markdown: str) -> list[dict[str, Any]]:
    """`**Verwacht** is ...` as text runs with a bold flag (the template sets them as text,
    never as markup)."""
    return [
        {"text": part, "bold": number % 2 == 1}
        for number, part in enumerate(markdown.split("**"))
        if part
    ]


def expected_section(
    level: str, code: str, region_name: str, newest: Mapping[str, tuple[str, bool]]
) -> dict[str, Any]:
    """Verwacht versus werkelijk as the Regioprofiel shows it (`expected_region.sql` in the
    build's newest school year, `expected_display.expected_table`, `EXPECTED_MEANING`). The
    model is fitted on gemeenten only: an RMC-regio or provincie gets the ratios of its
    gemeenten in their table instead, and says so."""
    year = str(queries.build_info()["last_school_year"])
    voorlopig = any(v for y, v in newest.values() if y == year)
    out: dict[str, Any] = {
        "title": profile_text.expected_header(format_school_year(year, voorlopig)),
        "meaning": bold_runs(expected_display.EXPECTED_MEANING),
        "table": None,
        "note": "",
    }
    if level != "gemeente":
        out["note"] = (
            "Verwachte aantallen zijn er alleen voor gemeenten: het model rekent met de kenmerken "
            f"van gemeenten. In de tabel Gemeenten in {region_name} staat daarom per gemeente "
            "naast de waarde, klein en grijs, werkelijk / verwacht; ▲ is meer dan verwacht (het "
            "hele 95%-interval ligt boven 1), ▼ minder dan verwacht (het hele interval ligt "
            "onder 1)."
        )
        return out
    frame = queries_structure.expected_region(code, year)
    if frame.empty:
        out["note"] = f"Voor {region_name} zijn er in {year} geen verwachte aantallen."
    else:
        out["table"] = _table(expected_display.expected_table(frame))
    return out


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
        # the comparison of all regions does not depend on the focus: one (cached) for every
        # report of the level, the focus marked here
        comp = queries.comparison(key, level, year, queries.COMPARE_ALL)
        in_set = comp.in_set.assign(is_focus=comp.in_set["region_code"] == code)
        national_note = comp.national.response if comp.national else ""
        centre = f"Nederland ({national_note})" if national_note else "Nederland"
        fig = charts.funnel_plot(
            markup.plotly_names(in_set),
            comp.limits,
            unit=spec.unit,
            decimals=spec.decimals,
            value_label=axis_label(spec.short_label, spec.unit),
            denominator_label=short_denominator_label(spec.denominator_definition),
            centre_response=national_note,
        )
        title = f"Trechterdiagram {format_school_year(year, voorlopig)}"
        fig.update_layout(title={"text": title, "font": {"size": 15}})
        focus = in_set[in_set["is_focus"]]
        note = row_response(focus.iloc[0]) if not focus.empty else ""
        verdict = (
            MISSING
            if focus.empty
            else f"{note}, geen punt in de trechter"
            if note and note != NO_SUBMISSION_LABEL
            else verdicts.short(focus["classification"].iloc[0])
        )
        out.append(
            {
                "svg": figure_svg(fig, *FUNNEL_SIZE),
                "alt": (
                    f"Trechterdiagram {spec.label}, {format_school_year(year, voorlopig)}: "
                    f"{count_regions(int(comp.in_set['value'].notna().sum()), level)} met de "
                    f"95%- en 99,8%-grenzen rond {centre}; {region_name} (ruit): {verdict}."
                ),
            }
        )
    return out


def _ratio_text(row: Mapping[str, Any] | None) -> str:
    """`1,12▲`: werkelijk / verwacht with a mark when the whole interval lies above (▲) or
    below (▼) 1; '' without an expected value (a hidden count has none)."""
    if row is None:
        return ""
    verdict = expected_display.ratio_verdict(row["ratio_ci_lower"], row["ratio_ci_upper"])
    return format_number(row["ratio"], 2) + RATIO_MARKS.get(verdict, "")


def members_table(members: pd.DataFrame, region_name: str) -> dict[str, Any]:
    """The gemeenten of an RMC-regio or provincie (rows of `report_members.sql`) with every
    indicator, values as published (`<5` and `x` where the build hid them), each with the
    gemeente's werkelijk / verwacht of the same school year (`expected_funnel.sql`, the points of
    the Regioprofiel's ratio funnel)."""
    specs = queries.indicator_specs()
    names = dict(zip(members["region_code"], members["region_name"], strict=True))
    by_cell = {
        (str(r["region_code"]), str(r["indicator_key"])): r for r in members.to_dict("records")
    }
    ratios: dict[tuple[str, str], dict[str, Any]] = {}
    for (key, year), _ in members.groupby(["indicator_key", "school_year"]):
        expected = queries_structure.expected_funnel(str(key), str(year))
        for row in expected[expected["region_code"].isin(names)].to_dict("records"):
            ratios[(str(row["region_code"]), str(key))] = row
    header = ["Gemeente", *(axis_label(s.short_label, s.unit) for s in specs.values())]
    rows = [
        [
            str(name),
            *(
                {
                    "value": _shown_value(by_cell.get((code, key)), spec.decimals),
                    "ratio": _ratio_text(ratios.get((code, key))),
                }
                for key, spec in specs.items()
            ),
        ]
        for code, name in names.items()
    ]
    years = sorted({str(y) for y in members["school_year"].dropna()})
    return {
        "title": f"Gemeenten in {region_name}",
        "note": (
            f"{count_regions(len(names), 'gemeente')}, schooljaar {join_dutch(years)} "
            "(per indicator het nieuwste schooljaar). Waarden zonder eenheid: de kolomkop noemt "
            "haar. Klein en grijs erachter: werkelijk / verwacht (▲ meer, ▼ minder dan verwacht; "
            "zie Verwacht versus werkelijk)."
        ),
        **{"header": header, "rows": rows},
    }


def member_maps(
    members: pd.DataFrame, region_name: str, newest: Mapping[str, tuple[str, bool]]
) -> list[dict[str, str]]:
    """Per indicator the Regioprofiel's small map of the gemeenten (`charts_profile.members_map`
    on the app's shapes), newest school year, as SVG with its text alternative; the gemeenten
    without a figure are grey and hatched."""
    geojson = queries.region_geojson("gemeente")
    out = []
    for key, indicator in tables.indicator_map(queries.indicators()).items():
        rows = members[members["indicator_key"] == key]
        if rows.empty or key not in newest:
            continue
        fig = charts_profile.members_map(markup.plotly_names(rows), indicator, geojson)
        year = format_school_year(*newest[key])
        out.append(
            {
                "title": axis_label(str(indicator["short_label"]), str(indicator["unit"])),
                "svg": map_svg(fig, *MAP_SIZE, hatched=(1,)),
                "alt": f"{region_name}. {tables.members_alt_text(rows, indicator, year)}",
            }
        )
    return out


def definitions() -> list[dict[str, str]]:
    """Per indicator: label, definition, teller, noemer, unit and interval, source and trend
    breaks (the Regiorapport's and the OCW verantwoording's definitions)."""
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
                "unit": f"{spec.unit}, {MODEL_TEXT.get(spec.model, 'onbekend')}",
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
    shared = _shared(queries.warehouse_id())
    newest = shared.newest
    build = queries.build_info()
    peers = queries.peer_groups(level, code) if level in PEER_LEVELS else pd.DataFrame()
    by_key = peer_values(level, peers, newest) if not peers.empty else {}
    members = queries_explore.report_members(level, code) if level != "gemeente" else None
    return {
        "title": f"Regiorapport {name}",
        "region_name": name,
        "region_code": code,
        "level": level_label(level),
        "context": context_line(region),
        "is_demo": bool(build.get("is_demo")),
        "demo_notice": DEMO_NOTICE,
        "summary": tables.profile_summary(series, queries.indicators(), name),
        "key_figures": key_figures(
            values, newest, shared.national, by_key, level, shared.national_notes
        ),
        "responses": " ".join(
            dict.fromkeys(
                [
                    response_notes(values, name),
                    *(
                        f"Nederland {newest[key][0]}: {note}."
                        for key, note in shared.national_notes.items()
                        if note
                    ),
                ]
            )
        ).strip(),
        "peers": peers_section(level, peers, by_key),
        "expected": expected_section(level, code, name, newest),
        "yearly": yearly_values(values),
        "trends": trend_charts(series, name, newest),
        "funnels": funnel_charts(level, code, name, newest),
        "funnel_level": level_label(level, plural=True),
        "members": None if members is None else members_table(members, name),
        "maps": [] if members is None else member_maps(members, name, newest),
        "definitions": shared.definitions,
        "sources": shared.sources,
        "vintage": vintage(build),
        "voorlopig": VOORLOPIG_FOOTNOTE,
        "labels": label_legend(),
        "built_at": str(build.get("built_at") or ""),
    }
