"""Query rows -> Dutch display tables and plain-Dutch sentences for the explore pages.

Pure functions (no Streamlit). Numbers are written the Dutch way (2,7%; 12,3 per 1.000;
1.234), school years as `2023-2024` with `*` when voorlopig; a suppressed count shows as `<5`,
a missing figure as `–`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.charts_patterns import LineFit, heatmap_cells, heatmap_matrix, year_rows
from dashboard.formatting import (
    ESTIMATE_REASON,
    LEVEL_LABELS,
    PRIMARY,
    SECONDARY,
    count_noun,
    count_regions,
    format_change,
    format_count,
    format_interval,
    format_number,
    format_school_year,
    format_value,
    hidden_label,
    is_missing,
    join_dutch,
    regions_noun,
    response_column,
    response_sentence,
    response_years,
    row_response,
    sentence_label,
    value_or_label,
    with_response,
    with_response_columns,
)
from dashboard.texts import verdicts as verdict_words
from stats.change import change_of_rows
from stats.response import NO_INTERVAL_VERDICT, NO_SUBMISSION, NO_SUBMISSION_LABEL


def fmt_year(label: str, status: Any) -> str:
    """School-year label with '*' when voorlopig."""
    return format_school_year(str(label), status == "voorlopig")


def fmt_interval(lower: Any, upper: Any, decimals: int) -> str:
    """(2.51, 2.93) -> '2,5 – 2,9'; missing -> '–'."""
    return format_interval(lower, upper, None, decimals)


def _name(indicator: Mapping[str, Any]) -> str:
    """The indicator's short label as it reads inside a sentence (`vsv-percentage`)."""
    return sentence_label(str(indicator["short_label"]), str(indicator["unit"]))


def _unit(indicator: Mapping[str, Any]) -> tuple[str, int]:
    return str(indicator["unit"]), int(indicator["decimals"])


def trend_table(
    series: pd.DataFrame, indicator: Mapping[str, Any], region_name: str
) -> pd.DataFrame:
    """The data behind one Regioprofiel line chart: a row per school year."""
    unit, dec = _unit(indicator)
    rows = series[series["indicator_key"] == indicator["indicator_key"]]
    rows = rows.sort_values("school_year_start")
    country = rows[[c for c in rows.columns if c.startswith("nl_")]].rename(
        columns=lambda c: c.removeprefix("nl_")
    )
    table = pd.DataFrame(
        {
            "Schooljaar": [
                fmt_year(y, s) for y, s in zip(rows["school_year"], rows["status"], strict=True)
            ],
            region_name: [
                value_or_label(v, str(f or ""), unit, dec)
                for v, f in zip(rows["value"], rows["flag"], strict=True)
            ],
            "95%-interval": [
                fmt_interval(lo, hi, dec)
                for lo, hi in zip(rows["ci_lower"], rows["ci_upper"], strict=True)
            ],
            "Teller": [
                format_count(n, str(f or ""))
                for n, f in zip(rows["numerator"], rows["flag"], strict=True)
            ],
            "Noemer": [format_count(d) for d in rows["denominator"]],
            "Respons": response_column(rows),
            "Nederland": [format_value(v, unit, dec) for v in rows["nl_value"]],
            "95%-interval NL": [
                fmt_interval(lo, hi, dec)
                for lo, hi in zip(rows["nl_ci_lower"], rows["nl_ci_upper"], strict=True)
            ],
        }
    )
    return with_response_columns(table, {"Respons NL": response_column(country)})


def members_table(
    members: pd.DataFrame, indicator: Mapping[str, Any], verdicts: Sequence[str] | None = None
) -> pd.DataFrame:
    """The gemeenten of an RMC-regio with value, interval, counts and, when given, the funnel
    verdict against Nederland (`funnel_class` codes of the published rows)."""
    unit, dec = _unit(indicator)
    table = pd.DataFrame(
        {
            "Gemeente": members["region_name"],
            "Waarde": [
                value_or_label(v, str(f or ""), unit, dec)
                for v, f in zip(members["value"], members["flag"], strict=True)
            ],
            "95%-interval": [
                fmt_interval(lo, hi, dec)
                for lo, hi in zip(members["ci_lower"], members["ci_upper"], strict=True)
            ],
            "Teller": [
                format_count(n, str(f or ""))
                for n, f in zip(members["numerator"], members["flag"], strict=True)
            ],
            "Noemer": [format_count(d) for d in members["denominator"]],
            "Respons": response_column(members),
        }
    )
    if verdicts is not None:
        table[verdict_words.COLUMN] = [verdict_words.short(v) for v in verdicts]
    return table


def scatter_table(
    pairs: pd.DataFrame, x_indicator: Mapping[str, Any], y_indicator: Mapping[str, Any]
) -> pd.DataFrame:
    """The regions behind the scatter: both values and the denominator (marker size)."""
    x_unit, x_dec = _unit(x_indicator)
    y_unit, y_dec = _unit(y_indicator)
    return pd.DataFrame(
        {
            "Regio": pairs["region_name"],
            "Provincie": pairs["provincie_name"],
            str(x_indicator["short_label"]): [
                with_response(format_value(row["value"], x_unit, x_dec), row)
                for row in axis_rows(pairs, "x")
            ],
            str(y_indicator["short_label"]): [
                with_response(format_value(row["value"], y_unit, y_dec), row)
                for row in axis_rows(pairs, "y")
            ],
            "Noemer (grootte)": [format_count(d) for d in pairs["y_denominator"]],
        }
    )


def axis_rows(pairs: pd.DataFrame, axis: str) -> list[dict[str, Any]]:
    """The rows of `patterns_scatter.sql` for one axis (`x` or `y`) with its columns' prefix
    dropped (value, flag, is_estimate, gemeenten_responding, gemeenten_total, ...)."""
    prefix = f"{axis}_"
    part = pairs[[c for c in pairs.columns if c.startswith(prefix)]]
    return part.rename(columns=lambda c: c.removeprefix(prefix)).to_dict("records")


def heatmap_table(values: pd.DataFrame, indicator: Mapping[str, Any]) -> pd.DataFrame:
    """The heatmap as text: a row per region, a column per school year (`heatmap_cells`:
    `geen opgave` and an estimate's response where they apply)."""
    return heatmap_cells(values, "", int(indicator["decimals"])).reset_index(names="Regio")


def changes_table(
    changes: pd.DataFrame, indicator: Mapping[str, Any], year_from: str, year_to: str
) -> pd.DataFrame:
    """The regions of the slope chart: both values with intervals and the change."""
    unit, dec = _unit(indicator)
    return pd.DataFrame(
        {
            "Regio": changes["region_name"],
            year_from: [
                with_response(format_value(row["value"], unit, dec), row)
                for row in year_rows(changes, "from")
            ],
            f"95%-interval {year_from}": [
                fmt_interval(lo, hi, dec)
                for lo, hi in zip(changes["ci_lower_from"], changes["ci_upper_from"], strict=True)
            ],
            year_to: [
                with_response(format_value(row["value"], unit, dec), row)
                for row in year_rows(changes, "to")
            ],
            f"95%-interval {year_to}": [
                fmt_interval(lo, hi, dec)
                for lo, hi in zip(changes["ci_lower_to"], changes["ci_upper_to"], strict=True)
            ],
            "Verandering": [format_change(c, unit, dec) for c in changes["change"]],
        }
    )


def export_display(table: pd.DataFrame, decimals: pd.Series) -> pd.DataFrame:
    """The export table (from `export.export_table`) with Dutch number text for the screen.

    Args:
        table: The export table.
        decimals: Decimals of each row's indicator (the `decimals` column of the query rows).
    """
    shown = table.copy()
    digits = [int(d) for d in decimals.fillna(1)]
    shown["Noemer"] = [format_count(v) for v in table["Noemer"]]
    shown["Teller"] = [v if isinstance(v, str) else format_count(v) for v in table["Teller"]]
    for column in ("Waarde", "Ondergrens 95%", "Bovengrens 95%", "Verschil met Nederland"):
        if column in table:
            shown[column] = [
                format_number(v, d) for v, d in zip(table[column], digits, strict=True)
            ]
    shown["Schooljaar"] = [
        fmt_year(y, s) for y, s in zip(table["Schooljaar"], table["Status"], strict=True)
    ]
    return shown


def profile_summary(series: pd.DataFrame, indicators: pd.DataFrame, region_name: str) -> list[str]:
    """What stands out in a region's profile, as short plain-Dutch sentences.

    Newest school year: which indicators lie clearly above or below the country (the
    country's value lies outside the region's 95% interval). Then the largest change against
    the year before, relative to its size, with whether it is more than chance (approximate
    interval of the difference from both intervals), and a trend break between the two years.

    Args:
        series: Rows of `profile_series.sql` for the region.
        indicators: The indicator registry.
        region_name: Name of the region, used in the sentences.

    Returns:
        Sentences in reading order; empty when the region has no figures.
    """
    if series.empty:
        return []
    registry = {row["indicator_key"]: row for row in indicators.to_dict("records")}
    newest_start = int(series["school_year_start"].max())
    newest = series[series["school_year_start"] == newest_start]
    year = fmt_year(str(newest["school_year"].iloc[0]), newest["status"].iloc[0])
    above: list[str] = []
    below: list[str] = []
    within: list[str] = []
    hidden: list[str] = []
    absent: list[str] = []
    estimated: dict[str, list[str]] = {}
    for row in newest.to_dict("records"):
        meta = registry.get(row["indicator_key"])
        if meta is None:
            continue
        unit, dec = _unit(meta)
        name = _name(meta)
        note = row_response(row)
        if note == NO_SUBMISSION_LABEL:
            absent.append(name)
            continue
        if is_missing(row["value"]) or is_missing(row["nl_value"]):
            hidden.append(name)
            continue
        if note:  # an estimate has no interval, so no verdict against the country
            estimated.setdefault(note, []).append(name)
            continue
        own, country = (
            format_value(row["value"], unit, dec),
            format_value(row["nl_value"], unit, dec),
        )
        pair = f"{name} ({own} tegen {country})"
        if row["ci_lower"] > row["nl_value"]:
            above.append(pair)
        elif row["ci_upper"] < row["nl_value"]:
            below.append(pair)
        else:
            within.append(name)
    sentences: list[str] = []
    if above:
        sentences.append(
            f"In {year} ligt {region_name} duidelijk boven het landelijke cijfer bij "
            f"{join_dutch(above)}: het 95%-interval van de regio ligt helemaal boven Nederland."
        )
    if below:
        sentences.append(
            f"In {year} ligt {region_name} duidelijk onder het landelijke cijfer bij "
            f"{join_dutch(below)}."
        )
    if within and (above or below):
        sentences.append(
            f"Bij {join_dutch(within)} valt het landelijke cijfer binnen het 95%-interval van de "
            "regio: dat verschil met Nederland kan toeval zijn."
        )
    elif within:
        sentences.append(
            f"In {year} valt bij elke indicator met een cijfer het landelijke cijfer binnen het "
            f"95%-interval van {region_name}: geen verschil met Nederland dat groter is dan "
            "toeval."
        )
    for note, names in estimated.items():
        sentences.append(
            f"Bij {join_dutch(names)} is het cijfer van {region_name} in {year} {note}: een "
            "schatting krijgt geen oordeel ten opzichte van Nederland."
        )
    if hidden:
        sentences.append(
            f"Voor {join_dutch(hidden)} is er in {year} geen cijfer (te kleine aantallen of niet "
            "gepubliceerd)."
        )
    if absent:
        sentences.append(
            f"Voor {join_dutch(absent)} is er in {year} geen opgave: {region_name} gaf geen cijfer."
        )
    change = _largest_change(series, registry, newest_start)
    if change:
        sentences.append(change)
    return sentences


def _largest_change(
    series: pd.DataFrame, registry: Mapping[str, Mapping[str, Any]], newest_start: int
) -> str | None:
    """Sentence about the indicator that changed most (relatively) since the year before."""
    best: tuple[float, str] | None = None
    for key, rows in series.groupby("indicator_key"):
        meta = registry.get(str(key))
        if meta is None:
            continue
        now = rows[rows["school_year_start"] == newest_start]
        before = rows[rows["school_year_start"] == newest_start - 1]
        if now.empty or before.empty:
            continue
        a, b = before.iloc[0], now.iloc[0]
        if is_missing(a["value"]) or is_missing(b["value"]) or float(a["value"]) == 0:
            continue
        relative = (float(b["value"]) - float(a["value"])) / float(a["value"])
        if best is not None and abs(relative) <= best[0]:
            continue
        unit, dec = _unit(meta)
        difference = float(b["value"]) - float(a["value"])
        change = change_of_rows(
            b.to_dict(), a.to_dict(), str(meta["model"]), float(meta["multiplier"])
        )
        word = "gestegen" if difference > 0 else "gedaald"
        previous = fmt_year(str(a["school_year"]), a["status"])
        percent = ("+" if relative > 0 else "") + format_number(100 * relative, 0) + "%"
        text = (
            f"De grootste verandering ten opzichte van {previous}: "
            f"{_name(meta)} is {word} van {format_value(a['value'], unit, dec)} naar "
            f"{format_value(b['value'], unit, dec)} ({percent}). "
            + (
                f"{NO_INTERVAL_VERDICT[:1].upper()}{NO_INTERVAL_VERDICT[1:]}."
                if not change.has_interval
                else "Dat is meer dan toeval."
                if change.more_than_chance
                else "Dat verschil kan toeval zijn (het valt binnen de onzekerheid)."
            )
        )
        breaks = meta.get("trend_breaks")
        if breaks is not None and str(b["school_year"]) in list(breaks):
            text += " Let op: tussen deze jaren zit een trendbreuk."
        best = (abs(relative), text)
    return best[1] if best else None


def scatter_sentence(
    fit: LineFit | None,
    x_indicator: Mapping[str, Any],
    y_indicator: Mapping[str, Any],
    left_out: int,
    level: str | None = None,
) -> str:
    """Plain-Dutch reading of the scatter: r with its interval, n, and how the line was fitted.

    `level` names the regions (`n = 36 gemeenten`); without it they are `regio's`.
    """
    x_name, y_name = _name(x_indicator), _name(y_indicator)
    plural = regions_noun(level)
    if fit is None:
        return (
            f"Te weinig {plural} met beide cijfers om een lijn of correlatie te berekenen "
            "(minimaal 3 nodig)."
        )
    strength = abs(fit.r)
    word = (
        "nauwelijks een"
        if strength < 0.1
        else "een zwak"
        if strength < 0.3
        else "een matig"
        if strength < 0.5
        else "een sterk"
    )
    direction = "positief" if fit.r > 0 else "negatief"
    interval = (
        f" (95%-interval {format_number(fit.r_lower, 2)} tot {format_number(fit.r_upper, 2)})"
        if not math.isnan(fit.r_lower)
        else ""
    )
    chance = (
        " Het interval bevat 0: het verband kan toeval zijn."
        if not math.isnan(fit.r_lower) and fit.r_lower <= 0 <= fit.r_upper
        else ""
    )
    kind = "" if strength < 0.1 else f" {direction}"
    text = (
        f"Tussen {x_name} en {y_name} is er {word}{kind} verband: Pearson r = "
        f"{format_number(fit.r, 2)}{interval}, n = {count_regions(fit.n, level)}.{chance} De "
        "lijn en r zijn gewogen met de noemer van de y-as, zodat grote "
        f"{plural} zwaarder tellen. Een verband zegt niets over oorzaak en gevolg."
    )
    if left_out:
        verb = "is" if left_out == 1 else "zijn"
        text += f" {count_regions(left_out, level)} zonder beide cijfers {verb} weggelaten."
    return text


def region_options(regions: pd.DataFrame, levels: Sequence[str]) -> dict[str, str]:
    """Region code -> display label for the given levels, levels in the given order.

    Labels carry the level when more than one level is offered ("Veenkoloniën (RMC-regio)").
    """
    options: dict[str, str] = {}
    for level in levels:
        rows = regions[regions["region_level"] == level].sort_values("region_name")
        for code, name in zip(rows["region_code"], rows["region_name"], strict=True):
            options[str(code)] = f"{name} ({LEVEL_LABELS[level]})" if len(levels) > 1 else str(name)
    return options


def parent_options(regions: pd.DataFrame, level: str) -> dict[str, str]:
    """Groups a heatmap can be narrowed to: '' (all of the level), provincies, and RMC-regio's
    for gemeenten."""
    options = {"": f"alle {regions_noun(level)}"}
    if level in ("gemeente", "rmc"):
        options |= {
            code: f"provincie {label}"
            for code, label in region_options(regions, ["provincie"]).items()
        }
    if level == "gemeente":
        options |= {
            code: f"RMC-regio {label}" for code, label in region_options(regions, ["rmc"]).items()
        }
    return options


def indicator_map(indicators: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Indicator key -> registry row, in display order."""
    return {str(row["indicator_key"]): row for row in indicators.to_dict("records")}


def year_labels(years: pd.DataFrame) -> dict[str, str]:
    """School year -> display label ('2024-2025*' when voorlopig), oldest first."""
    return {
        str(y): fmt_year(str(y), s)
        for y, s in zip(years["school_year"], years["status"], strict=True)
    }


def trend_alt_text(series: pd.DataFrame, indicator: Mapping[str, Any], region_name: str) -> str:
    """Text alternative for one profile line chart: first and last value, region and country."""
    unit, dec = _unit(indicator)
    rows = series[
        (series["indicator_key"] == indicator["indicator_key"]) & series["value"].notna()
    ].sort_values("school_year_start")
    if rows.empty:
        return f"Geen cijfers voor {_name(indicator)} in {region_name}."
    first, last = rows.iloc[0], rows.iloc[-1]
    text = (
        f"{indicator['label']}: {region_name} van {format_value(first['value'], unit, dec)} in "
        f"{first['school_year']} naar {format_value(last['value'], unit, dec)} in "
        f"{fmt_year(str(last['school_year']), last['status'])}; Nederland van "
        f"{format_value(first['nl_value'], unit, dec)} naar "
        f"{format_value(last['nl_value'], unit, dec)}."
    )
    breaks = indicator.get("trend_breaks")
    if breaks is not None and len(list(breaks)):
        text += f" Trendbreuk vanaf {join_dutch([str(b) for b in breaks])}."
    every = series[series["indicator_key"] == indicator["indicator_key"]].sort_values(
        "school_year_start"
    )
    country = every[["school_year", *(c for c in every.columns if c.startswith("nl_"))]].rename(
        columns=lambda c: c.removeprefix("nl_")
    )
    notes = response_sentence(
        [response_years(every, region_name), response_years(country, "Nederland")]
    )
    if notes:
        text += f" {notes[:1].upper()}{notes[1:]}; zie de tabel."
    return text


def members_alt_text(members: pd.DataFrame, indicator: Mapping[str, Any], year: str) -> str:
    """Text alternative for the small map: highest and lowest gemeente."""
    unit, dec = _unit(indicator)
    known = members[members["value"].notna()].sort_values("value")
    if known.empty:
        return f"Geen gemeente heeft in {year} een cijfer voor {_name(indicator)}."
    low, high = known.iloc[0], known.iloc[-1]
    missing = len(members) - len(known)
    text = (
        f"Kaart van {len(members)} gemeenten, {_name(indicator)} in {year}: hoogste "
        f"{high['region_name']} ({format_value(high['value'], unit, dec)}), laagste "
        f"{low['region_name']} ({format_value(low['value'], unit, dec)})."
    )
    if missing:
        text += f" {missing} zonder cijfer (grijs)."
    return text


def heatmap_gaps(values: pd.DataFrame) -> str:
    """The heatmap's empty and estimated cells, counted apart: ` Zonder cijfer: 3 cellen
    zonder opgave (dat is geen 0) en 2 cellen verborgen (<5 of x). 4 cellen zijn geschat (niet
    alle gemeenten gaven een cijfer op).`; '' when every cell is a figure of all gemeenten.

    Args:
        values: Rows of `patterns_heatmap.sql` (flag, is_estimate).
    """
    flags = values["flag"].fillna("").astype(str)
    without = int((flags == NO_SUBMISSION).sum())
    hidden = int(flags.isin([PRIMARY, SECONDARY]).sum())
    estimated = int((values["is_estimate"].fillna(False).astype(bool) & (flags == "")).sum())
    empty = join_dutch(
        [
            f"{count_noun(without, 'cel', 'cellen')} zonder opgave (dat is geen 0)"
            if without
            else "",
            f"{count_noun(hidden, 'cel', 'cellen')} verborgen ({hidden_label(PRIMARY)} of x)"
            if hidden
            else "",
        ]
    )
    text = f" Zonder cijfer: {empty}." if empty else ""
    if estimated:
        verb = "is" if estimated == 1 else "zijn"
        text += f" {count_noun(estimated, 'cel', 'cellen')} {verb} geschat ({ESTIMATE_REASON})."
    return text


def heatmap_alt_text(values: pd.DataFrame, indicator: Mapping[str, Any], level: str) -> str:
    """Text alternative for the heatmap: size, the highest cell of the newest year and the
    cells without opgave, hidden or estimated (`heatmap_gaps`)."""
    matrix = heatmap_matrix(values)
    if matrix.empty:
        return "Geen cijfers voor deze keuze."
    unit, dec = _unit(indicator)
    newest = matrix.columns[-1]
    top = matrix[newest].dropna()
    head = (
        f" In {newest} is {top.index[0]} het hoogst ({format_value(top.iloc[0], unit, dec)})."
        if len(top)
        else ""
    )
    return (
        f"Heatmap van {_name(indicator)}: {count_regions(len(matrix), level)} (rijen, hoogste "
        f"in het nieuwste jaar bovenaan) over {len(matrix.columns)} schooljaren (kolommen); "
        f"donkerder is hoger.{head}{heatmap_gaps(values)}"
    )


def changes_alt_text(
    changes: pd.DataFrame, indicator: Mapping[str, Any], year_from: str, year_to: str, level: str
) -> str:
    """Text alternative for the slope chart: how many rose and fell, and the largest change."""
    if changes.empty:
        return f"Geen {regions_noun(level)} met een cijfer in zowel {year_from} als {year_to}."
    unit, dec = _unit(indicator)
    rises = int((changes["change"] > 0).sum())
    top = changes.iloc[0]
    return (
        f"Hellingsgrafiek van de {len(changes)} grootste veranderingen in "
        f"{_name(indicator)} van {year_from} naar {year_to}: {rises} gestegen, "
        f"{len(changes) - rises} gedaald. Grootste: {top['region_name']} van "
        f"{format_value(top['value_from'], unit, dec)} naar "
        f"{format_value(top['value_to'], unit, dec)}."
    )


def breaks_between(indicator: Mapping[str, Any], year_from: str, year_to: str) -> list[str]:
    """Trend breaks of the indicator in (year_from, year_to]: the series changes in between."""
    breaks = indicator.get("trend_breaks")
    labels = [] if breaks is None else [str(b) for b in breaks]
    return [b for b in labels if year_from < b <= year_to]
