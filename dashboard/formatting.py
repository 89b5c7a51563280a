"""Numbers, counts, school years and dates turned into the Dutch text the pages show.

Dutch conventions: decimal comma, thousands dot (2,7%; 12,3 per 1.000; 1.234). A hidden count
shows as `<5` or `x` (the build's decision; threshold from meta.build), a figure that was never
sent as `geen opgave` (never 0 or an empty cell), an estimated total with `geschat` and its
response (stats.response), a provisional school year carries an asterisk that
`VOORLOPIG_FOOTNOTE` explains.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pandas as pd

from dashboard.db import suppression_threshold
from dashboard.texts import verdicts
from etl.paths import parse_submission_path
from stats.response import ESTIMATE_LABEL, NO_SUBMISSION, NO_SUBMISSION_LABEL, response_note
from stats.rows import records

MISSING = "–"
VOORLOPIG_MARK = "*"
VOORLOPIG_FOOTNOTE = (
    "* Voorlopig cijfer: dit schooljaar kan nog veranderen als de definitieve cijfers verschijnen."
)
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def is_missing(value: object) -> bool:
    """None, NA and NaN: a figure that is not there (shown as '–')."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def round_half_up(value: float, decimals: int) -> float:
    """Round as a reader (and Excel) rounds the number as written: 3,25 -> 3,3 and 2,45 -> 2,5
    (Python's round works on the binary value: 3.25 -> 3.2 but 2.45 -> 2.5). Screen and export
    both round with this one rule."""
    exact = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return float(exact)


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Format a number the Dutch way: `1.234`, `2,7`, `-0,3`; missing gives an en dash."""
    if is_missing(value):
        return MISSING
    return _dutch_number(float(value), decimals)  # type: ignore[arg-type]


@lru_cache(maxsize=1 << 16)
def _dutch_number(value: float, decimals: int) -> str:
    """`format_number` of a present value. A page writes the same figures on every run (the
    table, the hover texts and the sentences of 340 gemeenten: thousands of numbers), so
    each is rounded with Decimal once."""
    text = f"{round_half_up(value, decimals):,.{decimals}f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    # avoid a negative zero after rounding ("-0,0")
    if text.startswith("-") and set(text[1:]) <= {"0", ",", "."}:
        text = text[1:]
    return text


def unit_suffix(unit: str) -> str:
    """The text that follows a value: `%` sticks to the number, `per 1.000` after a space."""
    return "%" if unit == "%" else f" {unit}"


def format_value(value: float | None, unit: str, decimals: int = 1) -> str:
    """An indicator value with its unit: `2,7%` or `12,3 per 1.000`."""
    if is_missing(value):
        return MISSING
    return f"{format_number(value, decimals)}{unit_suffix(unit)}"


def format_interval(
    lower: float | None, upper: float | None, unit: str | None = None, decimals: int = 1
) -> str:
    """A 95% interval as `2,5 – 3,1` (with the unit appended when given)."""
    if is_missing(lower) or is_missing(upper):
        return MISSING
    text = f"{format_number(lower, decimals)} – {format_number(upper, decimals)}"
    return text + unit_suffix(unit) if unit else text


def change_unit(unit: str) -> str:
    """Unit of a difference: percentage points for shares, the same rate unit otherwise."""
    return "procentpunt" if unit == "%" else unit


def format_change(delta: float | None, unit: str, decimals: int = 1) -> str:
    """A signed difference: `+0,3 procentpunt`, `-1,2 per 1.000`, `0,0 procentpunt`."""
    if is_missing(delta):
        return MISSING
    text = format_number(delta, decimals)
    is_zero = set(text.lstrip("-")) <= {"0", ",", "."}
    if not is_zero and not text.startswith("-"):
        text = "+" + text
    return f"{text} {change_unit(unit)}"


def format_compact(value: float | None, unit: str, decimals: int = 1) -> str:
    """A value for a narrow tile: `2,7%`, or `4,9` when the unit is named nearby."""
    if is_missing(value):
        return MISSING
    return format_value(value, unit, decimals) if unit == "%" else format_number(value, decimals)


def format_compact_change(delta: float | None, unit: str, decimals: int = 1) -> str:
    """A signed difference for a narrow tile: `+0,06 %-punt` or `-0,11`."""
    text = format_change(delta, unit, decimals)
    if text == MISSING:
        return text
    number = text.split(" ")[0]
    return f"{number} %-punt" if unit == "%" else number


PRIMARY, SECONDARY = "primary", "secondary"


def hidden_label(flag: str) -> str:
    """Label of a count not shown: `<5` for a small count (primary), `x` for a count hidden so
    a small count elsewhere cannot be derived (secondary; itself 5 or more), `geen opgave` for
    a figure never sent; '' when shown."""
    if flag == PRIMARY:
        return f"<{suppression_threshold()}"
    if flag == NO_SUBMISSION:
        return NO_SUBMISSION_LABEL
    return "x" if flag == SECONDARY else ""


def value_or_label(value: float | None, flag: str, unit: str, decimals: int = 1) -> str:
    """A value with its unit, or the label of a figure not shown (`<5`, `x`, `geen opgave`)."""
    return hidden_label(flag) if flag else format_value(value, unit, decimals)


#: The columns of a published row that `row_response` reads.
RESPONSE_FIELDS = ("flag", "is_estimate", "gemeenten_responding", "gemeenten_total")


def _field(row: object, name: str) -> object:
    """A column of a row given as a mapping, a Series or a namedtuple (None when absent)."""
    return row.get(name) if isinstance(row, dict | pd.Series) else getattr(row, name, None)


def row_response(row: object) -> str:
    """The response note of a published row (a mapping or a namedtuple with flag, is_estimate,
    gemeenten_responding, gemeenten_total): `geschat; respons 4 van 6 gemeenten (67 %)`,
    `geen opgave` or ''."""
    responding, total = _field(row, "gemeenten_responding"), _field(row, "gemeenten_total")
    if is_missing(responding) or is_missing(total):
        return ""
    estimate = _field(row, "is_estimate")
    return response_note(
        str(_field(row, "flag") or ""),
        not is_missing(estimate) and bool(estimate),
        int(responding),  # type: ignore[call-overload]
        int(total),  # type: ignore[call-overload]
    )


def with_response(text: str, row: object) -> str:
    """A row's shown value (`text`, formatted by the caller) with its response beside it:
    `41,4 (geschat; respons 4 van 6 gemeenten (67 %))` for an estimate, `geen opgave` for a
    row without a figure, `text` unchanged otherwise (a hidden estimate keeps its label)."""
    flag = str(_field(row, "flag") or "")
    if flag == NO_SUBMISSION:
        return NO_SUBMISSION_LABEL
    note = row_response(row)
    return f"{text} ({note})" if note and not flag else text


def response_column(rows: pd.DataFrame) -> list[str]:
    """Per row `geschat; respons 4 van 6 gemeenten (67 %)`, `geen opgave` or '' (`row_response`).

    Reads only the columns `row_response` needs (`stats.rows.records`): a page builds this
    column for each of its tables."""
    names = [name for name in RESPONSE_FIELDS if name in rows.columns]
    return [row_response(row) for row in records(rows, names)]


def response_years(rows: pd.DataFrame, subject: str) -> str:
    """Which school years of a series are estimates or without opgave, for a chart's text
    alternative: `Nederland geschat in 2021-2022 en 2022-2023; Brakveen geen opgave in
    2022-2023`; '' when every year rests on all gemeenten (`response_sentence` joins them).

    Args:
        rows: Rows of one region with school_year, flag and is_estimate (oldest first).
        subject: The region's name.
    """
    if rows.empty or "is_estimate" not in rows:
        return ""
    # plain lists: a card builds this for every series, and pandas masks cost far more here
    years = [str(year) for year in rows["school_year"].tolist()]
    flags = ["" if is_missing(flag) else str(flag) for flag in rows["flag"].tolist()]
    estimates = [not is_missing(e) and bool(e) for e in rows["is_estimate"].tolist()]
    estimated = [
        year
        for year, flag, estimate in zip(years, flags, estimates, strict=True)
        if estimate and flag != NO_SUBMISSION
    ]
    absent = [year for year, flag in zip(years, flags, strict=True) if flag == NO_SUBMISSION]
    parts = []
    if estimated:
        parts.append(f"{subject} geschat in {join_dutch(estimated)}")
    if absent:
        parts.append(f"{subject} {NO_SUBMISSION_LABEL} in {join_dutch(absent)}")
    return "; ".join(parts)


def label_legend() -> str:
    """What each label means, a sentence per label (for every table, chart and download):
    the two privacy labels, `geen opgave` (never 0) and `geschat` (docs/nonresponse.md)."""
    t = suppression_threshold()
    return (
        f"<{t}: minder dan {t} (0 tot en met {t - 1}). x: niet getoond zodat een kleine telling "
        f"elders niet terug te rekenen is; het getal zelf is {t} of meer. {NO_SUBMISSION_LABEL}: "
        "de gemeente gaf voor dat schooljaar geen cijfer op (bij een regio: geen enkele "
        f"gemeente); dat is geen 0. {ESTIMATE_LABEL}: een totaal waarin de gemeenten zonder "
        "opgave zijn bijgeschat (zie Over de cijfers)."
    )


def centre_name(value_text: str, response: str = "") -> str:
    """The legend name of a chart's Nederland line: `Nederland (12,3 per 1.000)`; for an
    estimate with its response (`response`: `row_response` of the national row) on two lines,
    so the entry fits a phone's width: `Nederland (12,3 per 1.000; geschat,<br>respons 41 van
    42 gemeenten (98 %))`."""
    label, _, rest = response.partition("; ")
    note = f"; {label},<br>{rest}" if rest else ""
    return f"Nederland ({value_text}{note})"


def format_count(count: float | int | None, flag: str = "") -> str:
    """A count like `1.234`; a hidden count as `<5` or `x` (see hidden_label); a missing one
    as an en dash."""
    if flag:
        return hidden_label(flag)
    if is_missing(count):
        return MISSING
    return format_number(count, 0)


def format_school_year(label: str, is_voorlopig: bool = False) -> str:
    """`2023-2024`, with an asterisk when provisional (`2024-2025*`)."""
    return f"{label}{VOORLOPIG_MARK}" if is_voorlopig else label


def format_date(value: str | date | datetime | None) -> str:
    """`30 juni 2025` from an ISO 8601 text or a date; unparseable text is returned as is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, str):
        try:
            parsed: date = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    else:
        parsed = value
    return f"{parsed.day} {MONTHS[parsed.month - 1]} {parsed.year}"


def format_moment(value: str | None) -> str:
    """`30 juni 2025 14:05 UTC` from a UTC ISO 8601 time as the uitvraag store writes it."""
    if value is None or value != value:
        return MISSING
    return f"{format_date(value)} {str(value)[11:16]} UTC"


def join_dutch(items: Iterable[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    parts = [item for item in items if item]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


LEVEL_LABELS = {
    "gemeente": "gemeente",
    "rmc": "RMC-regio",
    "provincie": "provincie",
    "nederland": "Nederland",
}
LEVEL_PLURALS = {"gemeente": "gemeenten", "rmc": "RMC-regio's", "provincie": "provincies"}


def level_label(level: str, plural: bool = False) -> str:
    """Dutch name of a region level (`RMC-regio`, or `RMC-regio's` in plural)."""
    return LEVEL_PLURALS.get(level, level) if plural else LEVEL_LABELS.get(level, level)


def level_title(level: str) -> str:
    """A level name standing alone (option, column value): `Gemeente`, `RMC-regio`, `Provincie`."""
    label = level_label(level)
    return label[:1].upper() + label[1:]


def count_noun(count: int, singular: str, plural: str) -> str:
    """`1 gemeente`, `6 gemeenten`, `0 gemeenten`: the noun that goes with the count."""
    return f"{format_number(count)} {singular if count == 1 else plural}"


def regions_noun(level: str | None) -> str:
    """The plural noun for the regions of a level (`gemeenten`); `regio's` when unknown."""
    return LEVEL_PLURALS.get(level or "", "regio's")


def count_regions(count: int, level: str | None = None) -> str:
    """A count of regions in the level's own noun (`36 gemeenten`, `1 RMC-regio`);
    `regio`/`regio's` when the level is unknown or mixed."""
    if level in LEVEL_PLURALS:
        return count_noun(count, level_label(level), level_label(level, plural=True))
    return count_noun(count, "regio", "regio's")


def sentence_label(short_label: str, unit: str) -> str:
    """An indicator's short label as it reads inside a sentence: `vsv %` -> `vsv-percentage`."""
    if unit == "%" and short_label.endswith("%"):
        return short_label.removesuffix("%").rstrip() + "-percentage"
    return short_label


def short_denominator_label(definition: str) -> str:
    """Funnel x-axis title short enough for a phone: `Leerlingen op 1 oktober (CBS 84780NED,
    afgerond op tientallen)` -> `Leerlingen (log-schaal)`; the full definition stays on Over
    de cijfers."""
    return f"{definition.split(' (')[0].split(' op ')[0].strip()} (log-schaal)"


def axis_label(short_label: str, unit: str) -> str:
    """Axis title with the unit, without repeating it (`vsv %`, `absoluut verzuim (per 1.000)`)."""
    return short_label if unit in short_label else f"{short_label} ({unit})"


def value_column(values: pd.Series, unit: str, decimals: int) -> pd.Series:
    """Format a column of values (no unit: the column header carries it)."""
    del unit  # the header names the unit; kept in the signature for symmetry with counts
    return values.map(lambda v: format_number(v, decimals))


def count_column(counts: pd.Series, flags: pd.Series | None = None) -> pd.Series:
    """Format a column of counts, `<5` or `x` where hidden (flag column of safe.*)."""
    flags = flags if flags is not None else pd.Series("", index=counts.index)
    return pd.Series(
        [format_count(c, str(f or "")) for c, f in zip(counts, flags, strict=True)],
        index=counts.index,
        dtype=object,
    )


def interval_column(lower: pd.Series, upper: pd.Series, decimals: int) -> pd.Series:
    """Format a column of 95% intervals (`2,5 – 3,1`)."""
    return pd.Series(
        [format_interval(lo, hi, None, decimals) for lo, hi in zip(lower, upper, strict=True)],
        index=lower.index,
        dtype=object,
    )


def comparison_display(values: pd.DataFrame, unit: str, decimals: int) -> pd.DataFrame:
    """The Vergelijken table: one row per region of the set, ranked, in Dutch formats.

    Args:
        values: Rows with rank, region_name, is_focus, value, numerator, denominator, ci_lower,
            ci_upper, is_suppressed, diff_with_centre, classification.
        unit: Indicator unit (named in the value header).
        decimals: Decimals to show.
    """
    ordered = values.sort_values(["rank", "region_name"], na_position="last")
    diff_unit = change_unit(unit)
    table = pd.DataFrame(
        {
            "Rang": [MISSING if is_missing(r) else format_number(r) for r in ordered["rank"]],
            "Regio": ordered["region_name"].astype(str),
            "Focus": ordered["is_focus"].astype(bool),
            f"Waarde ({unit})": [
                NO_SUBMISSION_LABEL if flag == NO_SUBMISSION else text
                for text, flag in zip(
                    value_column(ordered["value"], unit, decimals), ordered["flag"], strict=True
                )
            ],
            "Teller": count_column(ordered["numerator"], ordered["flag"]),
            "Noemer": count_column(ordered["denominator"]),
            "95%-interval": interval_column(ordered["ci_lower"], ordered["ci_upper"], decimals),
            f"Verschil met Nederland ({diff_unit})": [
                MISSING if is_missing(d) else format_change(d, unit, decimals).split(" ")[0]
                for d in ordered["diff_with_centre"]
            ],
            verdicts.COLUMN: [verdicts.short(c) for c in ordered["classification"]],
        }
    ).reset_index(drop=True)
    return with_response_columns(
        table, {"Respons": response_column(ordered)}, after=f"Waarde ({unit})"
    )


ESTIMATE_REASON = "niet alle gemeenten gaven een cijfer op"


def response_sentence(notes: Iterable[str]) -> str:
    """`response_years` of several series as one clause, the reason of an estimate said once:
    `Nederland geschat in 2022-2023; Wadmark Zuid geschat in 2022-2023 (geschat: niet alle
    gemeenten gaven een cijfer op)`; '' when there are none."""
    kept = list(dict.fromkeys(note for note in notes if note))
    if not kept:
        return ""
    text = "; ".join(kept)
    return text + (f" (geschat: {ESTIMATE_REASON})" if " geschat in " in text else "")


def with_response_columns(
    table: pd.DataFrame, columns: dict[str, list[str]], after: str | None = None
) -> pd.DataFrame:
    """`table` plus each response column that has an estimate in it (a column of only
    'geen opgave' and '' adds nothing: the value cells say it already), at the end or right
    after the column `after`; with every figure resting on all its gemeenten the table stays
    as it was."""
    kept = {
        name: notes
        for name, notes in columns.items()
        if any(note not in ("", NO_SUBMISSION_LABEL) for note in notes)
    }
    if not kept:
        return table
    out = table.assign(**kept)
    if after is None:
        return out
    head = list(table.columns[: table.columns.get_loc(after) + 1])
    return out[[*head, *kept, *(c for c in table.columns if c not in head)]]


def series_display(national: pd.DataFrame, unit: str, decimals: int) -> pd.DataFrame:
    """A yearly national series as a Dutch table, oldest first (year, value, interval)."""
    years = national.sort_values("school_year_start")
    table = pd.DataFrame(
        {
            "Schooljaar": [
                format_school_year(y, s == "voorlopig")
                for y, s in zip(years["school_year"], years["status"], strict=True)
            ],
            f"Nederland ({unit})": value_column(years["value"], unit, decimals).to_numpy(),
            "Nederland 95%-interval": interval_column(
                years["ci_lower"], years["ci_upper"], decimals
            ).to_numpy(),
        }
    )
    return with_response_columns(table, {"Respons Nederland": response_column(years)})


def with_region_column(
    table: pd.DataFrame,
    national: pd.DataFrame,
    region: pd.DataFrame,
    region_name: str,
    unit: str,
    decimals: int,
) -> pd.DataFrame:
    """`series_display(national, ...)` plus one region's values per school year (a copy; a
    hidden value shows its label, a year without opgave `geen opgave`, a year without a row
    `MISSING`) and, when it has estimates, its response per year."""
    by_year = {
        year: (
            NO_SUBMISSION_LABEL
            if flag == NO_SUBMISSION
            else f"{hidden_label(flag)} (niet getoond)"
            if flag
            else format_number(value, decimals)
        )
        for year, flag, value in zip(
            region["school_year"].tolist(),
            region["flag"].tolist(),
            region["value"].tolist(),
            strict=True,
        )
    }
    notes = dict(zip(region["school_year"], response_column(region), strict=True))
    years = national.sort_values("school_year_start")["school_year"]
    table = table.assign(**{f"{region_name} ({unit})": [by_year.get(y, MISSING) for y in years]})
    return with_response_columns(
        table, {f"Respons {region_name}": [notes.get(y, "") for y in years]}
    )


def sources_display(sources: pd.DataFrame) -> pd.DataFrame:
    """The sources table of Over de cijfers."""
    return pd.DataFrame(
        {
            "Bron": sources["title"].astype(str),
            "Uitgever": sources["producer"].astype(str),
            "Licentie": sources["licence"].fillna(MISSING).astype(str),
            "Opgehaald": [
                format_date(v) if isinstance(v, str) else MISSING for v in sources["retrieved_at"]
            ],
            "Demo": ["ja" if bool(v) else "nee" for v in sources["is_demo"]],
            "Vindplaats": sources["url_main"].fillna(MISSING).astype(str),
        }
    )


def checks_display(checks: pd.DataFrame, technical: bool = False) -> pd.DataFrame:
    """The build checks as a table: result in words (not only a colour or an icon).

    The check's technical name (`harmonised__...`) only with `technical`, for a details view.
    """
    table = pd.DataFrame(
        {
            "Resultaat": ["geslaagd" if bool(p) else "MISLUKT" for p in checks["passed"]],
            "Controle": checks["description"].fillna("").astype(str),
            "Foute rijen": [format_number(n) for n in checks["failing_rows"]],
        }
    )
    if technical:
        table["Technische naam"] = checks["check_name"].astype(str)
    return table


#: Where `python -m etl uitvraag export` puts a submission in the raw dir:
#: verzuim/opgaven/<school year>/<organisation_id>-<submission_id>.<ext>.
def submissions_display(files: pd.DataFrame) -> pd.DataFrame:
    """The uitvraag submissions among the files a build read (`files.sql`), by school year,
    organisation and submission number, with their shortened checksum."""
    rows = [
        (found, digest, size)
        for name, digest, size in zip(files["file"], files["sha256"], files["bytes"], strict=True)
        if (found := parse_submission_path(str(name)))
    ]
    return pd.DataFrame(
        {
            "Schooljaar": [f[0] for f, _, _ in rows],
            "Organisatie": [f[1] for f, _, _ in rows],
            "Opgave": [str(f[2]) for f, _, _ in rows],
            "SHA-256 (begin)": [str(d)[:16] for _, d, _ in rows],
            "Grootte (bytes)": [format_number(b) for _, _, b in rows],
        }
    )


def files_display(files: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The raw files read by the build, with a shortened checksum; the source by its title
    (`sources`: marts.sources), not its technical key."""
    titles = dict(zip(sources["source_key"], sources["title"], strict=True))
    return pd.DataFrame(
        {
            "Bestand": files["file"].astype(str),
            "Bron": [str(titles.get(key, key)) for key in files["source_key"]],
            "Grootte (bytes)": [format_number(b) for b in files["bytes"]],
            "SHA-256 (begin)": [str(h)[:16] for h in files["sha256"]],
            "Opgehaald": [
                format_date(v) if isinstance(v, str) else MISSING for v in files["retrieved_at"]
            ],
            "Licentie": files["licence"].fillna(MISSING).astype(str),
        }
    )
